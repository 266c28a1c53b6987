"""The decision aid's pages. Thin: the report comes through triage's organisation-scoped loader, and
every rule and write is in `justculture.services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import APPROVE_REFERRAL, JUST_CULTURE
from organisations.services import OrgAccess
from reporting.services import open_report_or_404

from . import services
from .forms import TESTS, AssessmentForm, ReferralDecisionForm
from .models import ANSWER_FIELDS, Assessment, Decision, Outcome
from .services import JustCultureError, NotPermitted


def _assessment_or_404(report, assessment_id: int) -> Assessment:
    assessment = services.assessment_for(report, assessment_id)
    if assessment is None:
        raise Http404("No such assessment")
    return assessment


def _context(access: OrgAccess, report, **extra):
    return {"access": access, "organisation": access.organisation, "report": report,
            "can_approve": access.can(APPROVE_REFERRAL), **extra}


@never_cache
@require_GET
@org_permission_required(JUST_CULTURE)
def assessment_list(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = open_report_or_404(access, reference, viewer=request.user)
    return render(request, "justculture/assessment_list.html",
                  _context(access, report, assessments=list(services.assessments_for(report))))


def _supersedes(report, raw: str | None) -> Assessment | None:
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise Http404("No such assessment")
    return _assessment_or_404(report, int(raw))


def _new_page(request, access, report, form, *, supersedes, recommendation=None, asked=False, status=200):
    return render(request, "justculture/assessment_form.html", _context(
        access, report, form=form, supersedes=supersedes, recommendation=recommendation, asked=asked,
    ), status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(JUST_CULTURE)
def assessment_new(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = open_report_or_404(access, reference, viewer=request.user)
    if request.method == "GET":
        supersedes = _supersedes(report, request.GET.get("supersedes"))
        initial = {"outcome": Outcome.SYSTEM_LEARNING}
        if supersedes is not None:
            initial.update({name: getattr(supersedes, name) for name in ("action", *ANSWER_FIELDS)},
                           supersedes=supersedes.pk)
        return _new_page(request, access, report, AssessmentForm(initial=initial), supersedes=supersedes)

    supersedes = _supersedes(report, request.POST.get("supersedes"))
    form = AssessmentForm(request.POST)
    answers = form.answers_if_complete()
    recommendation = services.recommended_outcome(answers) if answers else None
    if request.POST.get("step") == "recommend":
        # Without JavaScript the reviewer asks for the recommendation before choosing: show it, and keep
        # everything typed so far, without complaining about what is not filled in yet.
        preview = AssessmentForm(initial={"outcome": Outcome.SYSTEM_LEARNING, **request.POST.dict()})
        return _new_page(request, access, report, preview, supersedes=supersedes, recommendation=recommendation,
                         asked=True)
    if form.is_valid():
        try:
            assessment = services.record_assessment(
                access, report, by=request.user, action=form.cleaned_data["action"], answers=form.answers(),
                outcome=form.cleaned_data["outcome"], rationale=form.cleaned_data["rationale"], supersedes=supersedes,
            )
        except NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        except JustCultureError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            if assessment.referral_requested:
                messages.success(request, _("Assessment saved. The referral waits for a second person to approve it; "
                                            "until then the outcome is system learning."))
            else:
                messages.success(request, _("Assessment saved."))
            return redirect("justculture:detail", org_slug=access.organisation.slug, reference=report.reference,
                            assessment_id=assessment.pk)
    return _new_page(request, access, report, form, supersedes=supersedes, recommendation=recommendation, status=400)


def _answer_rows(assessment: Assessment, form: AssessmentForm):
    return [(number, heading, [(form.fields[name].label, getattr(assessment, f"get_{name}_display")())
                               for name in names])
            for number, heading, names in TESTS]


def _detail(request, access, report, assessment, *, decision_form=None, status=200):
    recommendation = services.recommended_outcome(services.Answers.of(assessment))
    return render(request, "justculture/assessment_detail.html", _context(
        access, report, assessment=assessment, answers=_answer_rows(assessment, AssessmentForm()),
        # The reason is the current wording of the guide's conclusion; show it only if it still matches.
        recommendation_reason=recommendation.reason if recommendation.outcome == assessment.recommended_outcome else "",
        can_decide=services.can_decide(access, assessment, request.user),
        decision_form=decision_form or ReferralDecisionForm(),
    ), status=status)


@never_cache
@require_GET
@org_permission_required(JUST_CULTURE)
def assessment_detail(request: HttpRequest, access: OrgAccess, reference: str, assessment_id: int) -> HttpResponse:
    report = open_report_or_404(access, reference, viewer=request.user)
    return _detail(request, access, report, _assessment_or_404(report, assessment_id))


@never_cache
@require_POST
@org_permission_required(APPROVE_REFERRAL)
def referral_decision(request: HttpRequest, access: OrgAccess, reference: str, assessment_id: int) -> HttpResponse:
    report = open_report_or_404(access, reference, viewer=request.user)
    assessment = _assessment_or_404(report, assessment_id)
    form = ReferralDecisionForm(request.POST)
    if form.is_valid():
        decide = (services.approve_referral if form.cleaned_data["decision"] == Decision.APPROVED
                  else services.decline_referral)
        try:
            decide(access, assessment, by=request.user, reason=form.cleaned_data["reason"])
        except NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        except JustCultureError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Referral approved: it now takes effect.")
                             if form.cleaned_data["decision"] == Decision.APPROVED
                             else _("Referral declined: the outcome stays system learning."))
            return redirect("justculture:detail", org_slug=access.organisation.slug, reference=report.reference,
                            assessment_id=assessment.pk)
    return _detail(request, access, report, _assessment_or_404(report, assessment_id), decision_form=form, status=400)


@never_cache
@require_GET
@org_permission_required(APPROVE_REFERRAL)
def referrals(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return render(request, "justculture/referrals.html", {
        "access": access, "organisation": access.organisation,
        "pending": list(services.pending_referrals(access)), "decided": services.decided_referrals(access),
    })
