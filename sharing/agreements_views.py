"""Sharing agreement pages: the list, proposing one, one agreement (accept, decline, end), the partner's
reading of cleared reports with its perspectives and proposed actions, and the owner's view of what
partners said. Thin: the rules are in sharing.agreements.

A partner whose agreement has ended or expired is not shown an error: it gets a page saying when the
agreement ended and whom to ask to renew it, answered 410 Gone (403 for one not yet in force)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import MANAGE_ACTIONS, MANAGE_SHARING, READ_SHARED, RUN_LEARNING_REVIEW
from organisations.services import OrgAccess

from . import agreements
from .agreements_forms import AnswerActionForm, PerspectiveForm, ProposeActionForm, ProposeForm, ToReviewForm
from .models import SharingAgreement


def _context(access: OrgAccess, **values) -> dict:
    agreement = values.get("agreement")
    if agreement is not None:
        values["scope"] = agreements.scope_words(agreement)
    if values.get("shared") is not None and not isinstance(values["shared"], list):
        values["words"] = agreements.described(values["shared"])
    return {"access": access, "organisation": access.organisation, **values}


def _rows(found: list) -> list[dict]:
    return [{"report": shared, **agreements.described(shared)} for shared in found]


def _to_agreement(access: OrgAccess, agreement_id: int) -> HttpResponse:
    return redirect("sharing:agreement", org_slug=access.organisation.slug, agreement_id=agreement_id)


# ---- agreements ----------------------------------------------------------------------------------


@never_cache
@require_GET
@org_permission_required(READ_SHARED)
def agreement_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    lists = agreements.agreements_for(access.organisation.pk)

    def rows(found: list[SharingAgreement]) -> list[dict]:
        return [{"agreement": a, "state": agreements.state(a), "state_label": agreements.state_label(a)} for a in found]

    return render(request, "sharing/agreements/list.html", _context(
        access, outgoing=rows(lists.outgoing), incoming=rows(lists.incoming), may_manage=access.can(MANAGE_SHARING)))


@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_SHARING)
def agreement_new(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = ProposeForm(request.POST or None, partners=agreements.partner_choices(access.organisation),
                       themes=agreements.theme_choices(access.organisation.pk))
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreements.propose(access, form.as_proposal(), by=request.user)
        except agreements.AgreementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Agreement proposed to %(partner)s. Nothing is shared until their admin "
                                        "accepts it.") % {"partner": agreement.partner.name})
            return _to_agreement(access, agreement.pk)
    return render(request, "sharing/agreements/new.html", _context(access, form=form),
                  status=400 if form.is_bound else 200)


def _detail(request: HttpRequest, access: OrgAccess, agreement: SharingAgreement, *, error: str = "",
            status: int = 200) -> HttpResponse:
    org_id = access.organisation.pk
    may_manage = access.can(MANAGE_SHARING)
    state = agreements.state(agreement)
    open_now = agreement.status in (SharingAgreement.Status.PROPOSED, SharingAgreement.Status.ACTIVE)
    return render(request, "sharing/agreements/detail.html", _context(
        access, agreement=agreement, error=error, state=state, state_label=agreements.state_label(agreement),
        ended_on=agreements.ended_on(agreement), is_owner=agreement.owner_id == org_id,
        is_partner=agreement.partner_id == org_id, active=agreements.is_active(agreement),
        may_answer=may_manage and agreement.partner_id == org_id and agreement.status == SharingAgreement.Status.PROPOSED,
        may_end=may_manage and open_now,
        reads=agreements.reads_of(agreement) if may_manage else None,
        shared=_rows(agreements.cleared_reports(agreement)) if agreement.owner_id == org_id else None,
    ), status=status)


@never_cache
@require_GET
@org_permission_required(READ_SHARED)
def agreement_detail(request: HttpRequest, access: OrgAccess, agreement_id: int) -> HttpResponse:
    agreement = agreements.agreement_for(access, agreement_id)
    if agreement is None:
        raise Http404("No such agreement")
    return _detail(request, access, agreement)


def _answer(request: HttpRequest, access: OrgAccess, agreement_id: int, step, done: str) -> HttpResponse:
    agreement = agreements.agreement_for(access, agreement_id)
    if agreement is None:
        raise Http404("No such agreement")
    try:
        step(access, agreement_id, by=request.user)
    except agreements.AgreementError as error:
        return _detail(request, access, agreement, error=str(error), status=400)
    messages.success(request, done)
    return _to_agreement(access, agreement_id)


@require_POST
@org_permission_required(MANAGE_SHARING)
def agreement_accept(request: HttpRequest, access: OrgAccess, agreement_id: int) -> HttpResponse:
    return _answer(request, access, agreement_id, agreements.accept,
                   _("Agreement accepted. Your reviewers can now read the cleared reports it covers."))


@require_POST
@org_permission_required(MANAGE_SHARING)
def agreement_decline(request: HttpRequest, access: OrgAccess, agreement_id: int) -> HttpResponse:
    return _answer(request, access, agreement_id, agreements.decline, _("Agreement declined."))


@require_POST
@org_permission_required(MANAGE_SHARING)
def agreement_end(request: HttpRequest, access: OrgAccess, agreement_id: int) -> HttpResponse:
    return _answer(request, access, agreement_id, agreements.end,
                   _("Agreement ended. The partner can no longer read; what was already read stays recorded."))


# ---- the partner reads ---------------------------------------------------------------------------


def _not_in_force(request: HttpRequest, access: OrgAccess, agreement: SharingAgreement) -> HttpResponse:
    """The clear page for a partner whose agreement is not in force: 410 once it has ended or expired,
    403 while it waits for an answer or after it was declined."""
    ended_on = agreements.ended_on(agreement)
    return render(request, "sharing/agreements/not_in_force.html", _context(
        access, agreement=agreement, ended_on=ended_on, state=agreements.state(agreement)),
        status=410 if ended_on is not None else 403)


def _incoming_or_404(access: OrgAccess, agreement_id: int) -> SharingAgreement:
    agreement = agreements.incoming_agreement(access, agreement_id)
    if agreement is None:
        raise Http404("No such agreement")
    return agreement


@never_cache
@require_GET
@org_permission_required(READ_SHARED)
def partner_reports(request: HttpRequest, access: OrgAccess, agreement_id: int) -> HttpResponse:
    agreement = _incoming_or_404(access, agreement_id)
    if not agreements.is_active(agreement):
        return _not_in_force(request, access, agreement)
    found = agreements.list_for_partner(access, agreement, by=request.user)
    return render(request, "sharing/agreements/partner_reports.html", _context(
        access, agreement=agreement, reports=_rows(found)))


def _partner_page(request: HttpRequest, access: OrgAccess, agreement: SharingAgreement, shared, *,
                  perspective_form=None, action_form=None, status: int = 200) -> HttpResponse:
    return render(request, "sharing/agreements/partner_report.html", _context(
        access, agreement=agreement, shared=shared,
        perspectives=agreements.perspectives_on(shared, agreement),
        proposals=agreements.proposals_on(shared, agreement),
        perspective_form=perspective_form or PerspectiveForm(), action_form=action_form or ProposeActionForm()),
        status=status)


@never_cache
@require_GET
@org_permission_required(READ_SHARED)
def partner_report(request: HttpRequest, access: OrgAccess, agreement_id: int, public_id: str) -> HttpResponse:
    agreement = _incoming_or_404(access, agreement_id)
    if not agreements.is_active(agreement):
        return _not_in_force(request, access, agreement)
    shared = agreements.read_for_partner(access, agreement, public_id, by=request.user)
    if shared is None:
        raise Http404("No such shared report")
    return _partner_page(request, access, agreement, shared)


def _partner_post(request: HttpRequest, access: OrgAccess, agreement_id: int, public_id: str, form_class, field: str,
                  write, done: str, form_name: str) -> HttpResponse:
    agreement = _incoming_or_404(access, agreement_id)
    if not agreements.is_active(agreement):
        return _not_in_force(request, access, agreement)
    shared = agreements.cleared_report(agreement, public_id)
    if shared is None:
        raise Http404("No such shared report")
    # The page shown again with the form's errors is not counted as a new read: the reader has it open.
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(access, agreement, shared, form.cleaned_data[field], by=request.user)
        except agreements.AgreementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("sharing:partner-report", org_slug=access.organisation.slug, agreement_id=agreement.pk,
                            public_id=shared.public_id)
    return _partner_page(request, access, agreement, shared, status=400, **{form_name: form})


@require_POST
@org_permission_required(READ_SHARED)
def partner_perspective(request: HttpRequest, access: OrgAccess, agreement_id: int, public_id: str) -> HttpResponse:
    return _partner_post(request, access, agreement_id, public_id, PerspectiveForm, "text", agreements.add_perspective,
                         _("Your agency's perspective was added. Any personal details were replaced with placeholders."),
                         "perspective_form")


@require_POST
@org_permission_required(READ_SHARED)
def partner_propose_action(request: HttpRequest, access: OrgAccess, agreement_id: int, public_id: str) -> HttpResponse:
    return _partner_post(request, access, agreement_id, public_id, ProposeActionForm, "description",
                         agreements.propose_action,
                         _("Action proposed. The other agency will accept it or say why not."), "action_form")


# ---- the owner's view of what partners said --------------------------------------------------------


@never_cache
@require_GET
@org_permission_required(READ_SHARED)
def agreement_report(request: HttpRequest, access: OrgAccess, agreement_id: int, public_id: str) -> HttpResponse:
    agreement = agreements.outgoing_agreement(access, agreement_id)
    shared = agreements.owners_report(access, agreement, public_id) if agreement is not None else None
    if shared is None:
        raise Http404("No such shared report")
    may_review = access.can(RUN_LEARNING_REVIEW)
    return render(request, "sharing/agreements/owner_report.html", _context(
        access, agreement=agreement, shared=shared, perspectives=agreements.perspectives_on(shared),
        proposals=agreements.proposals_on(shared), may_answer=access.can(MANAGE_ACTIONS),
        reviews=agreements.reviews_for(access, shared) if may_review else []))


@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_ACTIONS)
def proposed_action_answer(request: HttpRequest, access: OrgAccess, proposal_id: int) -> HttpResponse:
    proposal = agreements.proposal_to(access, proposal_id)
    if proposal is None:
        raise Http404("No such proposed action")
    form = AnswerActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                agreements.accept_proposed_action(access, proposal.pk, level=data["level"], by=request.user)
            else:
                agreements.decline_proposed_action(access, proposal.pk, reason=data["reason"], by=request.user)
        except agreements.AgreementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Action accepted: it is now one of your organisation's actions.")
                             if data["decision"] == "accept" else _("Proposed action declined."))
            return _back_to_report(access, proposal)
    return render(request, "sharing/agreements/answer_action.html", _context(access, proposal=proposal, form=form),
                  status=400 if form.is_bound else 200)


def _back_to_report(access: OrgAccess, proposal) -> HttpResponse:
    name = "sharing:agreement-report" if proposal.agreement.owner_id == access.organisation.pk else "sharing:partner-report"
    return redirect(name, org_slug=access.organisation.slug, agreement_id=proposal.agreement_id,
                    public_id=proposal.shared_report.public_id)


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def perspective_to_review(request: HttpRequest, access: OrgAccess, perspective_id: int) -> HttpResponse:
    perspective = agreements.perspective_for_owner(access, perspective_id)
    if perspective is None:
        raise Http404("No such perspective")
    form = ToReviewForm(request.POST or None, reviews=agreements.reviews_for(access, perspective.shared_report))
    if request.method == "POST" and form.is_valid():
        try:
            agreements.add_perspective_to_review(access, perspective.pk, form.cleaned_data["review"], by=request.user)
        except agreements.AgreementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The perspective was added to the learning review."))
            return redirect("sharing:agreement-report", org_slug=access.organisation.slug,
                            agreement_id=perspective.agreement_id, public_id=perspective.shared_report.public_id)
    return render(request, "sharing/agreements/to_review.html", _context(access, perspective=perspective, form=form),
                  status=400 if form.is_bound else 200)
