"""Clearing a report for sharing: the third state of its text, and the only copy that may leave.

A reviewer with CLEAR_FOR_SHARING looks at the shareable copy beside the confirmed de-identified
text (`preview`), may correct it (the pass runs again over the correction), and clears it
(`clear_report`). The copy is its own record (SharedReport) with its own audit trail, under the
subject "shared:<public_id>". Clearing it again replaces it; withdrawing it stops it leaving.

What the copy holds is decided here and nowhere else: the shareable narrative, the quarter, the
kind, the (generalised) service area, stage, agencies and potential harm, and the codes and theme.
Never sealed text, the reporter's identity, exact dates or times, or the report's id or reference.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import services as coding
from intelligence import themes
from organisations.permissions import CLEAR_FOR_SHARING
from protection.audit import audit
from protection.redaction import deid_config
from protection.suppression import suppression_k
from reporting import services as reporting
from reporting.choices import NARRATIVE_FIELDS
from sharing import feeds, shareable
from sharing.models import SharedReport
from sharing.shareable import Change

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from organisations.services import OrgAccess
    from reporting.models import Report

THEME_FIELD = "theme"  # the theme's title goes through the pass with the narrative


class ClearanceError(Exception):
    """A request the service refuses; the message is for the reviewer who made it."""


class NotPermitted(ClearanceError):
    pass


class NotConfirmed(ClearanceError):
    """Only a report whose de-identification a reviewer has confirmed can be cleared."""


@dataclass(frozen=True)
class Preview:
    """The shareable copy a reviewer would clear: the confirmed text, the shareable text, and what
    the pass changed, with the fields that go with it."""

    confirmed: dict[str, str]
    shareable: dict[str, str]
    changes: list[Change]
    service_area: str
    period: str
    themes: list[str] = field(default_factory=list)
    existing: SharedReport | None = None


def subject_of(shared: SharedReport) -> str:
    """How the audit log names a shareable copy: by its public id, never the report's."""
    return f"shared:{shared.public_id}"


def quarter_of(report: Report) -> str:
    """The quarter the report happened in, when the reporter said; otherwise the quarter it came in."""
    if report.occurred_year and report.occurred_month:
        year, month = report.occurred_year, report.occurred_month
    else:
        submitted = timezone.localtime(report.submitted_at)
        year, month = submitted.year, submitted.month
    return f"{year}-Q{(month - 1) // 3 + 1}"


def _check(access: OrgAccess, report: Report) -> None:
    if not access.can(CLEAR_FOR_SHARING):
        raise NotPermitted(_("You do not have permission to clear reports for sharing."))
    if report.organisation_id != access.organisation.pk:
        raise NotPermitted(_("This report belongs to another organisation."))
    if not reporting.is_readable(report):
        raise NotConfirmed(_("Report %(reference)s cannot be cleared for sharing until a reviewer has confirmed "
                             "its de-identification.") % {"reference": report.reference})


def _cleared_with_area(organisation_id: int, area: str, *, besides: int) -> int:
    """How many of the organisation's cleared (not withdrawn) copies came from reports in `area`,
    counting the report `besides` as one of them."""
    others = (cleared_reports(organisation_id).exclude(source_report_id=besides)
              .values_list("source_report_id", flat=True))
    return reporting.reports_with_ids(organisation_id, list(others)).filter(service_area=area).count() + 1


def preview(access: OrgAccess, report: Report, *, edited: Mapping[str, str] | None = None) -> Preview:
    """The shareable copy of a confirmed report. With `edited` (a reviewer's correction of the
    shareable text, by field), the pass runs over the correction instead: a correction can remove
    more, never bring back what the pass took out."""
    _check(access, report)
    confirmed = {name: getattr(report, name) or "" for name in NARRATIVE_FIELDS}
    title = themes.theme_title_of(report.pk)
    source = {name: (edited or {}).get(name, confirmed[name]) for name in NARRATIVE_FIELDS}
    if title:
        source[THEME_FIELD] = title
    config = shareable.strict_config(deid_config(report.organisation_id),
                                     deny_terms={report.reference: "CASE_REFERENCE"})
    result = shareable.shareable_fields(source, config)
    area, area_change = report.service_area, None
    if area:
        count = _cleared_with_area(report.organisation_id, area, besides=report.pk)
        area, area_change = shareable.generalise_service_area(area, {area: count}, k=suppression_k())
    fields = dict(result.fields)
    shared_title = fields.pop(THEME_FIELD, "")
    return Preview(confirmed=confirmed, shareable=fields,
                   changes=result.changes + ([area_change] if area_change else []), service_area=area,
                   period=quarter_of(report), themes=[shared_title] if shared_title else [],
                   existing=shared_copy_of(report.organisation_id, report.pk))


def clear_report(access: OrgAccess, report: Report, *, by, edited: Mapping[str, str] | None = None) -> SharedReport:
    """Make (or replace) the report's shareable copy from the pass, and audit it under the copy's
    own subject. A withdrawn copy cleared again comes back under the same public id."""
    shown = preview(access, report, edited=edited)  # the engine runs outside the transaction
    codes = coding.coded_summary(report)
    values = {
        "organisation_id": report.organisation_id, "origin": "", "kind": report.kind,
        "service_area": shown.service_area, "stage": report.stage, "agencies": list(report.agencies or []),
        "period": shown.period, "potential_harm": report.potential_harm, **shown.shareable,
        "factor_codes": codes.factor_codes if codes else [], "error_types": codes.error_types if codes else [],
        "risk_band": codes.risk_band if codes else "", "actual_harm": codes.actual_harm if codes else None,
        "themes": shown.themes, "cleared_by": by, "cleared_at": timezone.now(), "withdrawn_at": None,
        "withdrawn_by": None,
    }
    with transaction.atomic():
        shared = SharedReport.objects.select_for_update().filter(source_report_id=report.pk).first()
        again = shared is not None
        if shared is None:
            shared = SharedReport(public_id=secrets.token_hex(16), source_report_id=report.pk)
        for name, value in values.items():
            setattr(shared, name, value)
        shared.save()
        counts: dict[str, int] = {}
        for change in shown.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        detail = {"report": reporting.subject_for(report), "changes": counts, "service_area": shared.service_area,
                  "edited": bool(edited)}
        if again:
            audit("sharing.reclear", actor=by, organisation_id=report.organisation_id, subject=subject_of(shared),
                  detail=detail)
        else:
            audit("sharing.clear", actor=by, organisation_id=report.organisation_id, subject=subject_of(shared),
                  detail=detail)
        feeds.note_change(shared)  # to the national hub, when this instance sends (sharing.feeds)
    return shared


def withdraw(access: OrgAccess, public_id: str, *, by) -> SharedReport:
    """Stop a copy leaving the organisation from now on. Partners' earlier reads stay recorded where
    they were made; the copy is kept, marked withdrawn, so that it can be cleared again."""
    if not access.can(CLEAR_FOR_SHARING):
        raise NotPermitted(_("You do not have permission to withdraw shared reports."))
    with transaction.atomic():
        shared = (SharedReport.objects.select_for_update()
                  .filter(organisation_id=access.organisation.pk, public_id=public_id, origin="").first())
        if shared is None:
            raise ClearanceError(_("There is no such shared report."))
        if shared.withdrawn_at is None:
            shared.withdrawn_at, shared.withdrawn_by = timezone.now(), by
            shared.save(update_fields=["withdrawn_at", "withdrawn_by"])
            audit("sharing.withdraw", actor=by, organisation_id=access.organisation.pk, subject=subject_of(shared))
            feeds.note_change(shared)
    return shared


def cleared_reports(organisation_id: int) -> QuerySet[SharedReport]:
    """The organisation's own copies that may leave it now (cleared here, not withdrawn), newest first."""
    return (SharedReport.objects.filter(organisation_id=organisation_id, origin="", withdrawn_at__isnull=True)
            .order_by("-cleared_at", "-pk"))


def shared_copies(organisation_id: int) -> QuerySet[SharedReport]:
    """Every copy the organisation cleared, withdrawn ones too, for its own list."""
    return SharedReport.objects.filter(organisation_id=organisation_id, origin="").order_by("-cleared_at", "-pk")


def shared_copy_of(organisation_id: int, report_id: int) -> SharedReport | None:
    """The report's copy, withdrawn or not, if it was ever cleared."""
    return SharedReport.objects.filter(organisation_id=organisation_id, source_report_id=report_id).first()


def may_clear(access: OrgAccess, report: Report) -> bool:
    """Whether to offer "Clear for sharing" on the report's page."""
    return access.can(CLEAR_FOR_SHARING) and reporting.is_readable(report)


def references_of(organisation, copies: list[SharedReport]) -> dict[int, str]:
    """The report reference behind each copy, for the organisation's own list (never shared)."""
    ids = [copy.source_report_id for copy in copies if copy.source_report_id]
    return dict(reporting.reports_with_ids(organisation.pk, ids).values_list("pk", "reference"))
