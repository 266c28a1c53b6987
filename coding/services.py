"""Coding a report: every write and every rule lives here; views only call these.

A reviewer codes a report only once its de-identification is confirmed, and only from its
de-identified text. Two reviewers can code the same report blind: neither sees the other's coding
until both are saved, unless they choose to (which makes their own coding not blind), so that their
agreement can be measured honestly (coding.agreement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.permissions import CODE_REPORT, MANAGE_TAXONOMY
from protection import suppression
from protection.audit import audit
from reporting import services as reporting
from reporting.choices import DeidStatus, Stage

from . import agreement, risk, taxonomy
from .models import Code, CodedFactor, Coding, Failure, RiskMatrix, Unblinding, Use

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from organisations.services import OrgAccess
    from reporting.models import Report


class CodingError(Exception):
    """A request the service refuses; the message is for the person who made it."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotPermitted(CodingError):
    pass


# ---- the risk matrix ----------------------------------------------------------------------


def matrix_for(organisation) -> list[list[str]]:
    row = RiskMatrix.objects.filter(organisation=organisation).first()
    return row.bands if row else risk.default_matrix()


def rating(organisation, consequence: int, likelihood: int) -> risk.Rating:
    return risk.rate(consequence, likelihood, matrix_for(organisation))


def set_matrix(access: OrgAccess, bands: list[list[str]], *, by) -> None:
    """An admin changes the bands. Codings already saved keep the rating they were given."""
    if not access.can(MANAGE_TAXONOMY):
        raise NotPermitted(_("You do not have permission to change the risk matrix."))
    try:
        bands = risk.check_matrix(bands)
    except risk.MatrixError as exc:
        raise CodingError(str(exc)) from exc
    with transaction.atomic():
        RiskMatrix.objects.update_or_create(organisation=access.organisation, defaults={"bands": bands, "updated_by": by})
        audit("coding.risk_matrix", actor=by, organisation_id=access.organisation.pk, detail={"bands": bands})


# ---- who sees which coding ----------------------------------------------------------------


def codings_of(report: Report) -> QuerySet[Coding]:
    return (Coding.objects.filter(report=report).select_related("coder", "error_type", "error_type_version")
            .prefetch_related("factors__code", "factors__code_version"))


def own_coding(report: Report, user) -> Coding | None:
    return codings_of(report).filter(coder=user).first()


def both_done(report: Report) -> bool:
    return Coding.objects.filter(report=report).count() >= 2


def has_unblinded(report: Report, user) -> bool:
    return Unblinding.objects.filter(report=report, user=user).exists()


def may_see_codings(report: Report, user) -> bool:
    """A reviewer sees others' codings once they have coded the report themselves and a second coding
    is in (both done), or once they chose to see them; anyone may once two codings are done."""
    return both_done(report) or has_unblinded(report, user)


def visible_codings(report: Report, user) -> list[Coding]:
    """The codings this user may see now: always their own, the others only as `may_see_codings` says."""
    codings = list(codings_of(report))
    if may_see_codings(report, user):
        return codings
    return [coding for coding in codings if coding.coder_id == user.pk]


def others_hidden(report: Report, user) -> bool:
    """Whether someone else's coding of this report is being kept from this user."""
    return not may_see_codings(report, user) and Coding.objects.filter(report=report).exclude(coder=user).exists()


def unblind(access: OrgAccess, report: Report, *, by) -> None:
    """Show this user the report's codings now. If they code it later, their coding is not blind."""
    if not access.can(CODE_REPORT):
        raise NotPermitted(_("You do not have permission to code reports."))
    with transaction.atomic():
        _row, created = Unblinding.objects.get_or_create(report=report, user=by)
        if created:
            audit("coding.unblind", actor=by, organisation_id=access.organisation.pk,
                  subject=reporting.subject_for(report))


@dataclass(frozen=True)
class CodedSummary:
    """What a report was coded as, by the taxonomy's stable keys, for a copy that leaves the
    organisation (sharing): no coder, no date, no internal id."""

    factor_codes: list[str]
    error_types: list[str]
    risk_band: str
    actual_harm: int


def coded_summary(report: Report) -> CodedSummary | None:
    """The factor and error-type keys any reviewer's coding gave the report, and the risk band and
    actual harm of its highest-rated coding (the cautious reading when two reviewers differ); None
    when nobody has coded it."""
    return coded_summaries([report.pk]).get(report.pk)


def coded_summaries(report_ids: list[int]) -> dict[int, CodedSummary]:
    """coded_summary for many reports at once (two queries), for work done in bulk."""
    by_report: dict[int, list[Coding]] = {}
    for coding in (Coding.objects.filter(report_id__in=report_ids).select_related("error_type")
                   .prefetch_related("factors__code")):
        by_report.setdefault(coding.report_id, []).append(coding)
    summaries = {}
    for report_id, codings in by_report.items():
        highest = max(codings, key=lambda coding: (coding.risk_score, coding.actual_harm, coding.coded_at))
        summaries[report_id] = CodedSummary(
            factor_codes=sorted({factor.code.key for coding in codings for factor in coding.factors.all()}),
            error_types=sorted({coding.error_type.key for coding in codings if coding.error_type is not None}),
            risk_band=highest.risk_band, actual_harm=highest.actual_harm)
    return summaries


# ---- recording a coding -------------------------------------------------------------------


@dataclass(frozen=True)
class CodingInput:
    """What a reviewer chose: factor keys with "active", "latent" or "" each, and the rest."""

    factors: dict[str, str]
    error_type: str
    stage: str
    actual_harm: int
    potential_harm: int
    likelihood: int


def _choosable_by_key(organisation, use: str) -> dict[str, Code]:
    return {code.key: code for code in taxonomy.choosable(organisation, use)}


def record_coding(access: OrgAccess, report: Report, data: CodingInput, *, by) -> Coding:
    """Save one reviewer's coding of a report, for good, with the version of each code they saw."""
    if not access.can(CODE_REPORT):
        raise NotPermitted(_("You do not have permission to code reports."))
    if report.organisation_id != access.organisation.pk:
        raise NotPermitted(_("This report belongs to another organisation."))
    if not reporting.is_readable(report):
        raise CodingError(_("This report cannot be coded until its de-identification is confirmed."))
    factors = _choosable_by_key(access.organisation, Use.FACTOR)
    if not data.factors:
        raise CodingError(_("Select at least one contributing factor"), field="factors")
    unknown = [key for key in data.factors if key not in factors]
    if unknown:
        raise CodingError(_("Select contributing factors from the list"), field="factors")
    if any(failure not in ("", *Failure.values) for failure in data.factors.values()):
        raise CodingError(_("Mark a factor as active, latent or neither"), field="factors")
    error_type = None
    if data.error_type:
        error_type = _choosable_by_key(access.organisation, Use.ERROR_TYPE).get(data.error_type)
        if error_type is None:
            raise CodingError(_("Select an error type from the list"), field="error_type")
    if data.stage and data.stage not in Stage.values:
        raise CodingError(_("Select a stage of work from the list"), field="stage")
    for name in ("actual_harm", "potential_harm", "likelihood"):
        if not 1 <= getattr(data, name) <= risk.SIZE:
            raise CodingError(_("Choose a rating from 1 to 5"), field=name)
    rated = rating(access.organisation, data.potential_harm, data.likelihood)
    try:
        with transaction.atomic():
            blind = not (both_done(report) or has_unblinded(report, by))
            coding = Coding.objects.create(
                organisation=access.organisation, report=report, coder=by, blind=blind, error_type=error_type,
                error_type_version=error_type.versions.get(number=error_type.version) if error_type else None,
                stage=data.stage, actual_harm=data.actual_harm, potential_harm=data.potential_harm,
                likelihood=data.likelihood, risk_score=rated.score, risk_band=rated.band.key)
            for key, failure in data.factors.items():
                code = factors[key]
                CodedFactor.objects.create(coding=coding, code=code, code_version=code.versions.get(number=code.version),
                                           failure=failure)
            # In the same transaction: a coding is never kept without its audit entry. Keys and
            # ratings only; nothing of the report's text.
            audit("coding.record", actor=by, organisation_id=access.organisation.pk,
                  subject=reporting.subject_for(report),
                  detail={"coding": coding.pk, "blind": blind, "factors": sorted(data.factors),
                          "error_type": data.error_type, "risk": rated.band.key, "score": rated.score})
            _after_coding(access, report, coding)
    except IntegrityError as exc:
        raise CodingError(_("You have already coded this report.")) from exc
    return coding


def _after_coding(access: OrgAccess, report: Report, coding: Coding) -> None:
    """Settle the suggestions the coder was shown, and retrain the suggester every N codings."""
    from . import suggestions

    suggestions.settle(report, coding)
    every = settings.GOODCATCH_CODER_RETRAIN_EVERY
    if every and Coding.objects.filter(organisation=access.organisation).count() % every == 0:
        suggestions.queue_training(access.organisation.slug)


def may_code(access: OrgAccess, report: Report, user) -> bool:
    return access.can(CODE_REPORT) and reporting.is_readable(report) and not Coding.objects.filter(
        report=report, coder=user).exists()


# ---- agreement ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    code: Code
    result: agreement.CodeAgreement
    by_period: list[tuple[str, float | None]]


ERROR_TYPE, RISK_BAND = "error_type", "risk_band"
CHOICE_LABELS = {ERROR_TYPE: gettext_lazy("Error type"), RISK_BAND: gettext_lazy("Risk band")}


def _key(code: Code | None) -> str:
    return code.key if code is not None else ""


def blind_pairs(organisation) -> list[agreement.Pair]:
    """The first two blind codings of every report that has them, dated by the second."""
    codings = (Coding.objects.filter(organisation=organisation, blind=True).select_related("error_type")
               .prefetch_related("factors__code").order_by("report_id", "coded_at", "pk"))
    firsts: dict[int, list[Coding]] = {}
    for coding in codings:
        firsts.setdefault(coding.report_id, []).append(coding)
    pairs = []
    for two in firsts.values():
        if len(two) >= 2:
            first, second = two[0], two[1]
            pairs.append(agreement.Pair(
                frozenset(f.code.key for f in first.factors.all()), frozenset(f.code.key for f in second.factors.all()),
                agreement.quarter(second.coded_at),
                choices=((ERROR_TYPE, _key(first.error_type), _key(second.error_type)),
                         (RISK_BAND, first.risk_band, second.risk_band))))
    return pairs


def agreement_for(organisation) -> tuple[list[AgreementRow], list[str], int]:
    """Kappa per contributing factor that either coder of a pair ever used, with its quarters."""
    pairs = blind_pairs(organisation)
    used = set().union(*(pair.first | pair.second for pair in pairs)) if pairs else set()
    codes = [code for code in taxonomy.codes_of(organisation) if code.key in used]
    results = agreement.per_code(pairs, [code.key for code in codes])
    periods = sorted({pair.period for pair in pairs})
    rows = [AgreementRow(code, result, [(period, result.by_period.get(period)) for period in periods])
            for code, result in zip(codes, results, strict=True)]
    return rows, periods, len(pairs)


def choice_agreement(organisation) -> list[tuple[str, float | None, str]]:
    """Kappa of the error type and of the risk band between blind coders: (label, kappa, strength)."""
    return [(str(CHOICE_LABELS[name]), kappa, agreement.strength(kappa))
            for name, kappa in agreement.per_choice(blind_pairs(organisation))]


# ---- trends -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trends:
    """Contributing factors by quarter, through small-number suppression. Rows are codes, not their
    wordings: a renamed code stays one row, under its current name."""

    table: suppression.Table
    names: dict[str, str]
    retired: set[str]


def factor_trends(organisation) -> Trends:
    """How often each factor was coded, by the quarter of the report's first coding (one coding per
    report, so a report coded twice for agreement counts once)."""
    first: dict[int, Coding] = {}
    for coding in (Coding.objects.filter(organisation=organisation).prefetch_related("factors")
                   .order_by("coded_at", "pk")):
        first.setdefault(coding.report_id, coding)
    counts: dict[int, dict[str, int]] = {}
    for coding in first.values():
        period = agreement.quarter(coding.coded_at)
        for factor in coding.factors.all():
            row = counts.setdefault(factor.code_id, {})
            row[period] = row.get(period, 0) + 1
    codes = [code for code in taxonomy.codes_of(organisation) if code.pk in counts]
    periods = sorted({period for row in counts.values() for period in row})
    table = suppression.suppress_table({code.key: counts[code.pk] for code in codes},
                                       rows=[code.key for code in codes], columns=periods)
    return Trends(table, {code.key: code.name for code in codes}, {code.key for code in codes if code.is_retired})


# ---- what is left to code -----------------------------------------------------------------

WORKLIST_PAGE_SIZE = 50
WORKLISTS = {
    "uncoded": gettext_lazy("Not coded yet"),
    "second": gettext_lazy("Waiting for a second, blind coder"),
    "done": gettext_lazy("Coded twice"),
}


def worklist(access: OrgAccess, user, which: str, page_number: int | str = 1):
    """Readable reports by how far their coding has got, oldest first; each carries `codings` (how many)
    and `mine` (whether this user coded it). "second" leaves out the ones this user coded, or saw the
    coding of: they cannot be its blind second coder."""
    reports = (reporting.reports_for_organisation(access.organisation).filter(deid_status=DeidStatus.CONFIRMED)
               .annotate(coding_count=Count("codings", distinct=True),
                         mine=Exists(Coding.objects.filter(report=OuterRef("pk"), coder=user)))
               .only("reference", "kind", "potential_harm", "submitted_at", "confidentiality")
               .order_by("submitted_at", "pk"))
    if which == "second":
        unblinded = Unblinding.objects.filter(report=OuterRef("pk"), user=user)
        reports = reports.filter(coding_count=1, mine=False).exclude(Exists(unblinded))
    elif which == "done":
        reports = reports.filter(coding_count__gte=2)
    else:
        reports = reports.filter(coding_count=0)
    return Paginator(reports, WORKLIST_PAGE_SIZE).get_page(page_number)
