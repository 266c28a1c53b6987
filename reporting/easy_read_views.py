"""The easy-read pages (reporting.easy_read). Anonymous like the main form: no account, no session,
no address, and nothing stored until "Send"."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.csrf import csrf_failed, shows_form_again_on_csrf_failure
from organisations.services import get_organisation
from reporting import easy_read, services, urgency
from reporting.choices import ReporterGroup
from reporting.easy_read import CHECK, QUESTIONS, Answers, BrokenState
from reporting.easy_read_forms import FORMS
from reporting.idempotency import IdempotencyKeyReused

TEMPLATE = "reporting/easy/question.html"


def _organisation(org_slug: str):
    organisation = get_organisation(org_slug)
    if organisation is None:
        raise Http404(_("There is no organisation at this address."))
    return organisation


def _page(request, organisation, answers: Answers, *, form=None, status=200, problem: str = "") -> HttpResponse:
    """The page `answers.at`: a question, with its form bound or filled from the answers, or the check page."""
    context = {"organisation": organisation, "answers": answers, "problem": problem,
               "state": easy_read.seal(answers, organisation.pk), "total": len(QUESTIONS), "groups": ReporterGroup.choices}
    if answers.at == CHECK:
        return render(request, "reporting/easy/check.html", context, status=status)
    if form is None:
        form_class = FORMS[answers.at]
        form = form_class(initial={name: getattr(answers, name) for name in form_class.base_fields})
    context.update(form=form, step=answers.at, number=QUESTIONS.index(answers.at) + 1)
    return render(request, TEMPLATE, context, status=status)


@never_cache
@require_http_methods(["GET"])
def start(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = _organisation(org_slug)
    urgency.prepare_in_background()
    return render(request, "reporting/easy/start.html", {"organisation": organisation})


@shows_form_again_on_csrf_failure
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, org_slug: str) -> HttpResponse:
    """GET: the first question. POST: the answer to the page that was shown, then the page after it."""
    organisation = _organisation(org_slug)
    if request.method == "GET":
        return _page(request, organisation, easy_read.start())
    try:
        answers = easy_read.unseal(request.POST.get("state", ""), organisation.pk)
    except BrokenState:
        kept = [(name, request.POST.get(name, "")) for name in easy_read.TEXT_ANSWERS if request.POST.get(name, "").strip()]
        return render(request, "reporting/easy/broken.html", {"organisation": organisation, "kept": kept}, status=400)
    action = request.POST.get("action", "continue")
    if answers.at == CHECK:
        return _from_check(request, organisation, answers, action)
    form = FORMS[answers.at](request.POST)
    if csrf_failed(request):
        form.is_valid()
        return _page(request, organisation, answers, form=form, status=403,
                     problem=_("That did not work. Your words are safe. Press the button again."))
    if action == "back":
        # Going back keeps what was typed, if it can be kept, without asking for it yet.
        form.is_valid()
        kept = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
        previous = easy_read.previous_page(answers.at)
        answers = answers.with_answers(**kept, at=previous or answers.at)
        if previous is None:
            return render(request, "reporting/easy/start.html", {"organisation": organisation})
        return _page(request, organisation, answers)
    if not form.is_valid():
        return _page(request, organisation, answers, form=form, status=400)
    answers = answers.with_answers(**{name: value or "" for name, value in form.cleaned_data.items()})
    return _page(request, organisation, answers.with_answers(at=easy_read.next_page(answers)))


def _from_check(request, organisation, answers: Answers, action: str) -> HttpResponse:
    if action.startswith("change:") and action[7:] in QUESTIONS:
        return _page(request, organisation, answers.with_answers(at=action[7:], returning=True))
    if action == "back":
        return _page(request, organisation, answers.with_answers(at=QUESTIONS[-1]))
    if csrf_failed(request):
        return _page(request, organisation, answers, status=403,
                     problem=_("That did not work. Your words are safe. Press “Send” again."))
    if missing := answers.missing():
        # Only a page that was changed by hand gets here: ask the first missing question again.
        return _page(request, organisation, answers.with_answers(at=missing[0], returning=True), status=400,
                     problem=_("We need an answer to this question."))
    flood = ratelimit.REPORTS.check(ratelimit.client_for(request), organisation.pk)
    if not flood.allowed:
        response = _page(request, organisation, answers, status=429,
                         problem=_("Too many reports came in just now. Your report is not sent yet. "
                                   "Wait %(minutes)s minutes, then press “Send” again.") % {"minutes": flood.minutes})
        response["Retry-After"] = str(max(1, flood.retry_after))
        return response
    try:
        result = services.submit_report(organisation, answers.submission(), idempotency_key=answers.key)
    except IdempotencyKeyReused:
        # Sent before with other answers (the browser's back button, then a change): this is a new report.
        return _page(request, organisation, answers.with_answers(key=easy_read.start().key), status=409,
                     problem=_("You sent this before with other words. Press “Send” to send this as a new report."))
    return render(request, "reporting/easy/receipt.html", {
        "organisation": organisation, "result": result, "report": result.report, "wants_talk": answers.talk == "yes",
        "gave_contact": bool(answers.submission().contact)})
