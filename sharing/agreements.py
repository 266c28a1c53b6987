"""Sharing agreements with partner agencies: proposing, accepting, declining and ending one, what a
partner may read under it, and the perspectives and actions the two agencies exchange.

Every write comes through here, and every step is audited in both organisations: an agreement has
two sides, and each side's admins must be able to see in their own audit log what the other did
with their data. A partner reads only the owner's cleared copies (SharedReport), never a report, and
only while the agreement is in force: accepted, not ended, and not past its expiry day. What was
read stays recorded (SharedRead) after the agreement ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from learning import reviews as learning_reviews
from organisations.permissions import MANAGE_ACTIONS, MANAGE_SHARING, READ_SHARED, RUN_LEARNING_REVIEW
from organisations.services import OrgAccess, get_organisation, listed_organisations
from protection import redaction
from protection.audit import audit
from reporting.choices import Agency, ReportKind, ServiceArea, Stage
from sharing.models import PartnerPerspective, ProposedAction, SharedRead, SharedReport, SharingAgreement

if TYPE_CHECKING:
    from organisations.models import Organisation

Status = SharingAgreement.Status
PURPOSE_MAX = 2000
TEXT_MAX = 5000
EXPIRED = "expired"  # not a stored status: an accepted agreement past its expiry day


class AgreementError(ValueError):
    """What the rules refuse, in words for the person who tried."""


def subject_for(agreement: SharingAgreement) -> str:
    return f"agreement:{agreement.pk}"


def shared_subject(shared_report: SharedReport) -> str:
    return f"shared:{shared_report.public_id}"


def _sides(agreement: SharingAgreement) -> tuple[int, int]:
    """Both organisations, for the audit entries every step writes in each."""
    return agreement.owner_id, agreement.partner_id


def _require(access: OrgAccess, permission: str) -> None:
    if not access.can(permission):
        raise AgreementError(_("Your role in this organisation does not allow this."))


# ---- the agreement's state ------------------------------------------------------------------------


def is_active(agreement: SharingAgreement, today: dt.date | None = None) -> bool:
    """In force: accepted, not ended, and not past its expiry day (the expiry day itself still counts)."""
    today = today or timezone.localdate()
    return agreement.status == Status.ACTIVE and agreement.ended_at is None and agreement.expires_on >= today


def state(agreement: SharingAgreement, today: dt.date | None = None) -> str:
    """The status as people see it: an accepted agreement past its expiry day has expired."""
    today = today or timezone.localdate()
    if agreement.status == Status.ACTIVE and agreement.expires_on < today:
        return EXPIRED
    return str(agreement.status)


def state_label(agreement: SharingAgreement, today: dt.date | None = None) -> str:
    found = state(agreement, today)
    return _("Expired") if found == EXPIRED else str(dict(Status.choices)[found])


def ended_on(agreement: SharingAgreement) -> dt.date | None:
    """The day access ended: the day it was ended, or its last day when it ran out."""
    if agreement.status == Status.ENDED and agreement.ended_at is not None:
        return timezone.localdate(agreement.ended_at)
    if agreement.status == Status.ACTIVE and agreement.expires_on < timezone.localdate():
        return agreement.expires_on
    return None


# ---- finding agreements, always from one side's point of view -------------------------------------


def agreements_of(organisation_id: int) -> QuerySet[SharingAgreement]:
    """Every agreement the organisation is a side of, either direction."""
    return (SharingAgreement.objects.filter(Q(owner_id=organisation_id) | Q(partner_id=organisation_id))
            .select_related("owner", "partner").order_by("-proposed_at", "-pk"))


@dataclass(frozen=True)
class AgreementLists:
    outgoing: list[SharingAgreement]  # this organisation shares its cleared reports
    incoming: list[SharingAgreement]  # a partner shares with this organisation


def agreements_for(organisation_id: int) -> AgreementLists:
    found = list(agreements_of(organisation_id))
    return AgreementLists(outgoing=[a for a in found if a.owner_id == organisation_id],
                          incoming=[a for a in found if a.partner_id == organisation_id])


def agreement_for(access: OrgAccess, agreement_id: int) -> SharingAgreement | None:
    return agreements_of(access.organisation.pk).filter(pk=agreement_id).first()


def incoming_agreement(access: OrgAccess, agreement_id: int) -> SharingAgreement | None:
    """An agreement under which this organisation is the partner (the reader), in force or not."""
    return agreements_of(access.organisation.pk).filter(pk=agreement_id, partner_id=access.organisation.pk).first()


def outgoing_agreement(access: OrgAccess, agreement_id: int) -> SharingAgreement | None:
    return agreements_of(access.organisation.pk).filter(pk=agreement_id, owner_id=access.organisation.pk).first()


def names_for_subjects(organisation: Organisation, subjects: list[str]) -> dict[str, str]:
    """How the audit log names "agreement:N": with the other side, for an agreement this organisation is in."""
    ids = [int(s.partition(":")[2]) for s in subjects if s.partition(":")[2].isdigit()]
    names = {}
    for agreement in agreements_of(organisation.pk).filter(pk__in=ids):
        other = agreement.partner if agreement.owner_id == organisation.pk else agreement.owner
        names[subject_for(agreement)] = _("Sharing agreement %(n)s with %(other)s") % {"n": agreement.pk,
                                                                                       "other": other.name}
    return names


def partner_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """Every other organisation on this instance, by name: an agreement can be made with any of them."""
    return [(other.slug, other.name) for other in listed_organisations(limit=None) if other.pk != organisation.pk]


KIND_CHOICES = list(ReportKind.choices)
SERVICE_AREA_CHOICES = list(ServiceArea.choices)


def scope_words(agreement: SharingAgreement) -> dict[str, list[str]]:
    """The scope in the words people read (an empty list means all)."""
    kinds, areas = dict(ReportKind.choices), dict(ServiceArea.choices)
    return {"kinds": [str(kinds.get(k, k)) for k in agreement.scope_kinds],
            "service_areas": [str(areas.get(a, a)) for a in agreement.scope_service_areas],
            "themes": list(agreement.scope_themes)}


def described(shared_report: SharedReport) -> dict[str, str]:
    """A cleared report's coded fields in words, as a partner reads them: kind, service area, stage,
    risk band and contributing factors by their default names (a report carries the factors' stable
    keys; a generalised area or an unknown key stays as it was stored)."""
    from coding import risk
    from sharing.partnership_figures import factor_names

    kinds, areas, stages = dict(ReportKind.choices), dict(ServiceArea.choices), dict(Stage.choices)
    bands, names = {key: band.label for key, band in risk.BANDS.items()}, factor_names()
    return {"kind": str(kinds.get(shared_report.kind, shared_report.kind)),
            "service_area": str(areas.get(shared_report.service_area, shared_report.service_area)),
            "stage": str(stages.get(shared_report.stage, shared_report.stage)),
            "risk_band": str(bands.get(shared_report.risk_band, shared_report.risk_band)),
            "factors": ", ".join(names.get(key, key) for key in shared_report.factor_codes or [])}


def theme_choices(organisation_id: int) -> list[str]:
    """The owner's theme titles, which a scope can name (SharedReport.themes holds them at clearance)."""
    from intelligence import themes

    titles: list[str] = []
    for theme in themes.all_themes(organisation_id):
        if theme.label not in titles:
            titles.append(theme.label)
    return titles


# ---- proposing, accepting, declining and ending -------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    partner_slug: str
    purpose: str
    expires_on: dt.date
    kinds: tuple[str, ...] = ()
    service_areas: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


def _clean_scope(values: Iterable[str], allowed: Iterable[str], message: str) -> list[str]:
    chosen = [str(value) for value in values if str(value).strip()]
    if set(chosen) - set(allowed):
        raise AgreementError(message)
    return sorted(set(chosen))


@transaction.atomic
def propose(access: OrgAccess, proposal: Proposal, *, by) -> SharingAgreement:
    """The owner's admin offers its cleared reports to a partner; nothing is shared until they accept."""
    _require(access, MANAGE_SHARING)
    owner = access.organisation
    partner = get_organisation(proposal.partner_slug)
    if partner is None or partner.pk == owner.pk:
        raise AgreementError(_("Choose another organisation on Good Catch to share with."))
    purpose = proposal.purpose.strip()
    if not purpose:
        raise AgreementError(_("Enter the purpose of the agreement."))
    if len(purpose) > PURPOSE_MAX:
        raise AgreementError(_("Keep the purpose to %(n)s characters or fewer.") % {"n": PURPOSE_MAX})
    if proposal.expires_on <= timezone.localdate():
        raise AgreementError(_("The expiry date must be in the future."))
    kinds = _clean_scope(proposal.kinds, ReportKind.values, _("Choose kinds of report from the list."))
    areas = _clean_scope(proposal.service_areas, ServiceArea.values, _("Choose service areas from the list."))
    themes = sorted({theme.strip() for theme in proposal.themes if theme.strip()})
    open_already = SharingAgreement.objects.filter(owner=owner, partner=partner, status__in=(Status.PROPOSED, Status.ACTIVE),
                                                   expires_on__gte=timezone.localdate())
    if open_already.exists():
        raise AgreementError(_("You already have an agreement with %(partner)s that is in force or waiting for an "
                               "answer. End it first.") % {"partner": partner.name})
    agreement = SharingAgreement.objects.create(
        owner=owner, partner=partner, purpose=purpose, scope_kinds=kinds, scope_service_areas=areas,
        scope_themes=themes, expires_on=proposal.expires_on, proposed_by=by)
    for organisation_id in _sides(agreement):
        audit("sharing.agreement_propose", actor=by, organisation_id=organisation_id, subject=subject_for(agreement),
              detail={"owner": owner.slug, "partner": partner.slug, "expires_on": agreement.expires_on.isoformat(),
                      "kinds": kinds, "service_areas": areas, "themes": themes})
    return agreement


def _locked_incoming(access: OrgAccess, agreement_id: int) -> SharingAgreement:
    agreement = SharingAgreement.objects.select_for_update().filter(pk=agreement_id,
                                                                    partner_id=access.organisation.pk).first()
    if agreement is None:
        raise AgreementError(_("Only the partner organisation can answer this agreement."))
    if agreement.status != Status.PROPOSED:
        raise AgreementError(_("This agreement has already been answered."))
    return agreement


@transaction.atomic
def accept(access: OrgAccess, agreement_id: int, *, by) -> SharingAgreement:
    """The partner's admin accepts: from now until the expiry day, its reviewers may read."""
    _require(access, MANAGE_SHARING)
    agreement = _locked_incoming(access, agreement_id)
    if agreement.expires_on < timezone.localdate():
        raise AgreementError(_("This agreement's expiry date has passed. Ask %(owner)s to propose a new one.")
                             % {"owner": agreement.owner.name})
    agreement.status, agreement.answered_by, agreement.answered_at = Status.ACTIVE, by, timezone.now()
    agreement.save(update_fields=["status", "answered_by", "answered_at"])
    for organisation_id in _sides(agreement):
        audit("sharing.agreement_accept", actor=by, organisation_id=organisation_id, subject=subject_for(agreement),
              detail={"owner": agreement.owner.slug, "partner": agreement.partner.slug})
    return agreement


@transaction.atomic
def decline(access: OrgAccess, agreement_id: int, *, by) -> SharingAgreement:
    _require(access, MANAGE_SHARING)
    agreement = _locked_incoming(access, agreement_id)
    agreement.status, agreement.answered_by, agreement.answered_at = Status.DECLINED, by, timezone.now()
    agreement.save(update_fields=["status", "answered_by", "answered_at"])
    for organisation_id in _sides(agreement):
        audit("sharing.agreement_decline", actor=by, organisation_id=organisation_id, subject=subject_for(agreement),
              detail={"owner": agreement.owner.slug, "partner": agreement.partner.slug})
    return agreement


@transaction.atomic
def end(access: OrgAccess, agreement_id: int, *, by) -> SharingAgreement:
    """Either side ends it (or the owner withdraws a proposal): access ends at once; the record of what
    was read, said and proposed stays."""
    _require(access, MANAGE_SHARING)
    org_id = access.organisation.pk
    agreement = (SharingAgreement.objects.select_for_update()
                 .filter(Q(owner_id=org_id) | Q(partner_id=org_id), pk=agreement_id).first())
    if agreement is None:
        raise AgreementError(_("This is not one of your organisation's agreements."))
    if agreement.status not in (Status.PROPOSED, Status.ACTIVE):
        raise AgreementError(_("This agreement has already ended or was declined."))
    agreement.status, agreement.ended_by, agreement.ended_at = Status.ENDED, by, timezone.now()
    agreement.save(update_fields=["status", "ended_by", "ended_at"])
    for organisation_id in _sides(agreement):
        audit("sharing.agreement_end", actor=by, organisation_id=organisation_id, subject=subject_for(agreement),
              detail={"owner": agreement.owner.slug, "partner": agreement.partner.slug,
                      "ended_by": access.organisation.slug, "reads": agreement.reads.count()})
    return agreement


# ---- what a partner may read ----------------------------------------------------------------------


def in_scope(agreement: SharingAgreement, shared_report: SharedReport) -> bool:
    """The owner's own cleared copy, not withdrawn, of a kind, service area and theme the scope names
    (an empty list names them all; a report matches the theme scope if it has any of its themes)."""
    return (shared_report.organisation_id == agreement.owner_id and not shared_report.origin
            and shared_report.withdrawn_at is None
            and (not agreement.scope_kinds or shared_report.kind in agreement.scope_kinds)
            and (not agreement.scope_service_areas or shared_report.service_area in agreement.scope_service_areas)
            and (not agreement.scope_themes or bool(set(shared_report.themes or []) & set(agreement.scope_themes))))


def cleared_reports(agreement: SharingAgreement) -> list[SharedReport]:
    """Every cleared report the agreement's scope covers, newest first, whether or not it is in force
    (callers check that). Themes are matched here rather than in SQL: JSON containment differs between
    SQLite and PostgreSQL, and an organisation's cleared reports are few enough."""
    found = SharedReport.objects.filter(organisation_id=agreement.owner_id, origin="", withdrawn_at__isnull=True)
    if agreement.scope_kinds:
        found = found.filter(kind__in=agreement.scope_kinds)
    if agreement.scope_service_areas:
        found = found.filter(service_area__in=agreement.scope_service_areas)
    return [report for report in found.order_by("-cleared_at", "-pk") if in_scope(agreement, report)]


def cleared_report(agreement: SharingAgreement, public_id: str) -> SharedReport | None:
    found = SharedReport.objects.filter(organisation_id=agreement.owner_id, origin="", public_id=public_id).first()
    return found if found is not None and in_scope(agreement, found) else None


def _fresh(agreement: SharingAgreement, *, lock: bool = False) -> SharingAgreement:
    """The agreement as it stands now, not as the caller loaded it: it may have ended since. Locked,
    a read or a write waits for an end being made at the same moment, so nothing slips in after it."""
    rows = SharingAgreement.objects.select_related("owner", "partner")
    return (rows.select_for_update(of=("self",)) if lock else rows).get(pk=agreement.pk)


def _require_partner_reader(access: OrgAccess, agreement: SharingAgreement) -> None:
    _require(access, READ_SHARED)
    if agreement.partner_id != access.organisation.pk:
        raise AgreementError(_("Only the partner organisation reads under this agreement."))
    if not is_active(agreement):
        raise AgreementError(_("This sharing agreement is not in force."))


def list_for_partner(access: OrgAccess, agreement: SharingAgreement, *, by) -> list[SharedReport]:
    """The partner's list of what it may read; looking at the list is audited in both organisations."""
    agreement = _fresh(agreement)
    _require_partner_reader(access, agreement)
    found = cleared_reports(agreement)
    for organisation_id in _sides(agreement):
        audit("sharing.shared_list", actor=by, organisation_id=organisation_id, subject=subject_for(agreement),
              detail={"reader": access.organisation.slug, "count": len(found)})
    return found


@transaction.atomic
def read_for_partner(access: OrgAccess, agreement: SharingAgreement, public_id: str, *, by) -> SharedReport | None:
    """One cleared report for a partner's reader: recorded (SharedRead) and audited in both organisations."""
    agreement = _fresh(agreement, lock=True)
    _require_partner_reader(access, agreement)
    found = cleared_report(agreement, public_id)
    if found is None:
        return None
    SharedRead.objects.create(agreement=agreement, shared_report=found, reader_organisation=access.organisation,
                              reader=by)
    for organisation_id in _sides(agreement):
        audit("sharing.shared_read", actor=by, organisation_id=organisation_id, subject=shared_subject(found),
              detail={"agreement": agreement.pk, "reader": access.organisation.slug})
    return found


def reads_of(agreement: SharingAgreement) -> list[SharedRead]:
    return list(agreement.reads.select_related("shared_report", "reader", "reader_organisation"))


def owners_report(access: OrgAccess, agreement: SharingAgreement, public_id: str) -> SharedReport | None:
    """The owner's view of one of its own cleared reports under an agreement, in force or not."""
    if agreement.owner_id != access.organisation.pk:
        return None
    return SharedReport.objects.filter(organisation_id=access.organisation.pk, origin="", public_id=public_id).first()


# ---- perspectives --------------------------------------------------------------------------------


def _clean_text(text: str, *, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise AgreementError(missing)
    if len(text) > TEXT_MAX:
        raise AgreementError(_("Keep it to %(n)s characters or fewer.") % {"n": TEXT_MAX})
    return text


def perspectives_on(shared_report: SharedReport, agreement: SharingAgreement | None = None) -> list[PartnerPerspective]:
    found = PartnerPerspective.objects.filter(shared_report=shared_report).select_related("organisation", "author")
    if agreement is not None:
        found = found.filter(agreement=agreement)
    return list(found)


@transaction.atomic
def add_perspective(access: OrgAccess, agreement: SharingAgreement, shared_report: SharedReport, text: str, *,
                    by) -> PartnerPerspective:
    """A partner's view of a cleared report, in its own words. It is read by the other agency, so it
    passes through the de-identification engine with the author's organisation's settings first;
    placeholders number on from those in its earlier perspectives on the same report."""
    agreement = _fresh(agreement, lock=True)
    _require_partner_reader(access, agreement)
    if not in_scope(agreement, shared_report):
        raise AgreementError(_("This report is not shared under this agreement."))
    text = _clean_text(text, missing=_("Enter your agency's perspective."))
    earlier = [p.text for p in perspectives_on(shared_report, agreement)]
    cleaned = redaction.redact_staff_texts(access.organisation.pk, {"text": text}, already=earlier)["text"]
    perspective = PartnerPerspective.objects.create(shared_report=shared_report, agreement=agreement,
                                                    organisation=access.organisation, author=by, text=cleaned)
    for organisation_id in _sides(agreement):
        audit("sharing.perspective_add", actor=by, organisation_id=organisation_id, subject=shared_subject(shared_report),
              detail={"agreement": agreement.pk, "organisation": access.organisation.slug})
    return perspective


# The partner's sector, as the agency a learning review records a perspective for.
SECTOR_AGENCY = {"police": Agency.POLICE, "health": Agency.HEALTH, "education": Agency.EDUCATION,
                 "probation": Agency.PROBATION, "voluntary": Agency.VOLUNTARY, "social_care": Agency.OTHER_LA}


def perspective_for_owner(access: OrgAccess, perspective_id: int) -> PartnerPerspective | None:
    """A partner's perspective on one of this organisation's own cleared reports."""
    return (PartnerPerspective.objects.select_related("shared_report", "organisation", "agreement")
            .filter(pk=perspective_id, shared_report__organisation_id=access.organisation.pk).first())


def reviews_for(access: OrgAccess, shared_report: SharedReport) -> list:
    """The owner's learning reviews, still open to change, that look at the report this copy was cleared from."""
    if shared_report.organisation_id != access.organisation.pk or shared_report.source_report_id is None:
        return []
    return list(learning_reviews.reviews_of(access.organisation.pk)
                .filter(report_links__report_id=shared_report.source_report_id, status__in=learning_reviews.EDITABLE)
                .distinct())


@transaction.atomic
def add_perspective_to_review(access: OrgAccess, perspective_id: int, review_id: int, *, by) -> PartnerPerspective:
    """The owner takes a partner's perspective into its learning review, which records one per agency."""
    _require(access, RUN_LEARNING_REVIEW)
    perspective = (PartnerPerspective.objects.select_for_update().select_related("shared_report", "organisation")
                   .filter(pk=perspective_id, shared_report__organisation_id=access.organisation.pk).first())
    if perspective is None:
        raise AgreementError(_("Choose a perspective on one of your organisation's cleared reports."))
    review = next((r for r in reviews_for(access, perspective.shared_report) if r.pk == review_id), None)
    if review is None:
        raise AgreementError(_("Choose a learning review, open to change, that looks at this report."))
    agency = SECTOR_AGENCY.get(perspective.organisation.sector, Agency.OTHER)
    try:
        learning_reviews.add_part(access, review, learning_reviews.PARTS["perspectives"],
                                  {"agency": agency, "perspective": perspective.text}, by=by)
    except (learning_reviews.ReviewError, learning_reviews.ReviewIsFinal) as error:
        raise AgreementError(str(error)) from error
    perspective.added_to_review_id = review.pk
    perspective.save(update_fields=["added_to_review_id"])
    for organisation_id in _sides(perspective.agreement):
        audit("sharing.perspective_to_review", actor=by, organisation_id=organisation_id,
              subject=shared_subject(perspective.shared_report),
              detail={"agreement": perspective.agreement_id, "organisation": perspective.organisation.slug})
    return perspective


# ---- actions proposed to the other agency ----------------------------------------------------------


def proposals_on(shared_report: SharedReport, agreement: SharingAgreement | None = None) -> list[ProposedAction]:
    found = (ProposedAction.objects.filter(shared_report=shared_report)
             .select_related("from_organisation", "to_organisation", "proposed_by", "answered_by"))
    if agreement is not None:
        found = found.filter(agreement=agreement)
    return list(found)


@transaction.atomic
def propose_action(access: OrgAccess, agreement: SharingAgreement, shared_report: SharedReport, description: str, *,
                   by) -> ProposedAction:
    """One agency proposes an action to the other about a cleared report; de-identified like any action."""
    _require(access, READ_SHARED)
    agreement = _fresh(agreement, lock=True)
    org_id = access.organisation.pk
    if org_id not in _sides(agreement):
        raise AgreementError(_("This is not one of your organisation's agreements."))
    if not is_active(agreement):
        raise AgreementError(_("This sharing agreement is not in force."))
    if not in_scope(agreement, shared_report):
        raise AgreementError(_("This report is not shared under this agreement."))
    text = _clean_text(description, missing=_("Describe the action you propose."))
    cleaned = redaction.redact_staff_texts(org_id, {"text": text})["text"]
    to_id = agreement.owner_id if org_id == agreement.partner_id else agreement.partner_id
    proposal = ProposedAction.objects.create(agreement=agreement, shared_report=shared_report,
                                             from_organisation=access.organisation, to_organisation_id=to_id,
                                             description=cleaned, proposed_by=by)
    for organisation_id in _sides(agreement):
        audit("sharing.action_propose", actor=by, organisation_id=organisation_id, subject=shared_subject(shared_report),
              detail={"agreement": agreement.pk, "proposal": proposal.pk, "from": access.organisation.slug})
    return proposal


def _locked_proposal(access: OrgAccess, proposal_id: int) -> ProposedAction:
    _require(access, MANAGE_ACTIONS)
    proposal = (ProposedAction.objects.select_for_update().select_related("agreement", "shared_report", "from_organisation")
                .filter(pk=proposal_id, to_organisation_id=access.organisation.pk).first())
    if proposal is None:
        raise AgreementError(_("Choose an action proposed to your organisation."))
    if proposal.status != ProposedAction.Status.PROPOSED:
        raise AgreementError(_("This proposed action has already been answered."))
    return proposal


def proposal_to(access: OrgAccess, proposal_id: int) -> ProposedAction | None:
    return (ProposedAction.objects.select_related("agreement", "shared_report")
            .filter(pk=proposal_id, to_organisation_id=access.organisation.pk).first())


@transaction.atomic
def accept_proposed_action(access: OrgAccess, proposal_id: int, *, level: str, by) -> ProposedAction:
    """The receiving organisation takes the proposal on: it becomes one of its own actions (learning),
    linked to the report the copy was cleared from when that report is the receiver's."""
    proposal = _locked_proposal(access, proposal_id)
    source_id = proposal.shared_report.source_report_id
    report_ids = [source_id] if source_id and proposal.shared_report.organisation_id == access.organisation.pk else []
    source = _("Proposed by %(organisation)s under sharing agreement %(n)s, about shared report %(report)s") % {
        "organisation": proposal.from_organisation.name, "n": proposal.agreement_id,
        "report": proposal.shared_report.public_id}
    try:
        action = learning_reviews.propose_action(access, description=proposal.description, level=level,
                                                 report_ids=report_ids, by=by, source=source)
    except learning_reviews.ReviewError as error:
        raise AgreementError(str(error)) from error
    proposal.status, proposal.answered_by, proposal.answered_at = ProposedAction.Status.ACCEPTED, by, timezone.now()
    proposal.action_id = action.pk
    proposal.save(update_fields=["status", "answered_by", "answered_at", "action_id"])
    for organisation_id in _sides(proposal.agreement):
        audit("sharing.action_accept", actor=by, organisation_id=organisation_id,
              subject=shared_subject(proposal.shared_report),
              detail={"agreement": proposal.agreement_id, "proposal": proposal.pk, "by": access.organisation.slug})
    return proposal


@transaction.atomic
def decline_proposed_action(access: OrgAccess, proposal_id: int, *, reason: str, by) -> ProposedAction:
    proposal = _locked_proposal(access, proposal_id)
    reason = _clean_text(reason, missing=_("Say why you are declining the proposed action."))
    proposal.status, proposal.answered_by, proposal.answered_at = ProposedAction.Status.DECLINED, by, timezone.now()
    proposal.decline_reason = redaction.redact_staff_texts(access.organisation.pk, {"text": reason})["text"]
    proposal.save(update_fields=["status", "answered_by", "answered_at", "decline_reason"])
    for organisation_id in _sides(proposal.agreement):
        audit("sharing.action_decline", actor=by, organisation_id=organisation_id,
              subject=shared_subject(proposal.shared_report),
              detail={"agreement": proposal.agreement_id, "proposal": proposal.pk, "by": access.organisation.slug})
    return proposal
