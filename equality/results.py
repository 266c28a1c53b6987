"""The fairness-monitoring figures: named reports' just-culture outcomes by the reporter's ethnic
group, disability and sex, suppressed, with the relative rate of referral against a reference group.

* **Which reports.** Named reports only (confidential or open: the system knows who sent them),
  found through each profile holder's own sealed list of reports (reporting.my_reports). Anonymous
  reports have no reporter to count.
* **The unit** is a named report with at least one just-culture assessment in force, counted once
  under its most serious outcome in force: referral, then support (for health, or a supportive
  conversation), then system learning. A requested referral counts only once a second person approved it.
* **Suppression.** Each cut is one table (group by outcome, with row, column and grand totals)
  through protection.suppression. The three cuts share their column and grand totals, so a second or
  third cut is shown only when every one of those totals is published in it and in the first cut:
  then the cuts tie together through published numbers alone, and none can be subtracted from another.
* **The relative rate** is worked out only from published numbers: a group's referrals and total, and
  the reference group's. Otherwise it would give a hidden number away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from justculture.services import outcomes_in_force
from organisations.services import OrgAccess
from protection.audit import audit
from protection.suppression import Count, legend, suppress_count, suppress_table, suppression_k
from reporting.my_reports import reports_of

from .choices import PREFER_NOT_TO_SAY, Disability, EthnicGroup, Sex
from .profiles import Profile, profiles_for_aggregate
from .statistics import RelativeRate, relative_rate

SYSTEM_LEARNING, SUPPORT, REFERRAL = "system_learning", "support", "referral"
OUTCOME_COLUMNS = (SYSTEM_LEARNING, SUPPORT, REFERRAL)
OUTCOME_LABELS = {SYSTEM_LEARNING: _("System learning"), SUPPORT: _("Support"), REFERRAL: _("Referral")}
_SUPPORT_OUTCOMES = {"health_support", "supportive"}


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Count]  # in OUTCOME_COLUMNS order
    total: Count
    is_reference: bool
    rate: RelativeRate | None
    rate_note: str  # why there is no rate, when there is none


@dataclass(frozen=True)
class Cut:
    """One characteristic's table."""

    key: str
    title: str
    reference_label: str
    rows: list[Row]
    column_totals: list[Count]
    grand_total: Count | None  # None when the table is withheld whole
    withheld: str  # why the table is not shown at all, or ""

    def margins_all_published(self) -> bool:
        if self.grand_total is None:
            return False
        return not any(count.suppressed for count in [*self.column_totals, self.grand_total])


@dataclass(frozen=True)
class Results:
    cuts: list[Cut]
    profiles: Count
    k: int
    legend: dict[str, str]


@dataclass(frozen=True)
class _Characteristic:
    key: str
    title: str
    rows: list[tuple[str, str]]  # (value, label), the reference group among them
    reference: str
    value_of: Callable[[Profile], str]


def _characteristics() -> list[_Characteristic]:
    prefer_not = (PREFER_NOT_TO_SAY, str(_("Prefer not to say")))
    return [
        _Characteristic("ethnicity", str(_("Ethnic group")), [(g.value, str(g.label)) for g in EthnicGroup] + [prefer_not],
                        EthnicGroup.WHITE, lambda p: p.ethnic_group or PREFER_NOT_TO_SAY),
        _Characteristic("disability", str(_("Disability")), [(Disability.YES, str(_("Disabled"))),
                                                             (Disability.NO, str(_("Not disabled"))), prefer_not],
                        Disability.NO, lambda p: p.disability),
        _Characteristic("sex", str(_("Sex")), [(Sex.FEMALE, str(Sex.FEMALE.label)), (Sex.MALE, str(Sex.MALE.label)),
                                               prefer_not],
                        Sex.FEMALE, lambda p: p.sex),
    ]


def outcome_column(outcomes: list[str]) -> str:
    """A report's most serious outcome in force, as one of OUTCOME_COLUMNS."""
    if REFERRAL in outcomes:
        return REFERRAL
    if _SUPPORT_OUTCOMES.intersection(outcomes):
        return SUPPORT
    return SYSTEM_LEARNING


def named_reports_by_reporter(access: OrgAccess, user_ids) -> dict[int, list[int]]:
    """Each profile holder's named reports in this organisation, through their own sealed links."""
    found: dict[int, list[int]] = {}
    for user in get_user_model().objects.filter(pk__in=list(user_ids)).order_by("pk"):
        ids = [mine.report.pk for mine in reports_of(user) if mine.report.organisation_id == access.organisation.pk]
        if ids:
            found[user.pk] = ids
    return found


def count_outcomes(profiles: dict[int, Profile], reports_by_reporter: dict[int, list[int]],
                   outcomes: dict[int, list[str]]) -> dict[str, dict[str, dict[str, int]]]:
    """counts[characteristic][value][outcome column], over assessed named reports of profile holders."""
    characteristics = _characteristics()
    counts: dict[str, dict[str, dict[str, int]]] = {c.key: {} for c in characteristics}
    for user_id, report_ids in reports_by_reporter.items():
        profile = profiles.get(user_id)
        if profile is None:
            continue
        for report_id in report_ids:
            if report_id not in outcomes:
                continue
            column = outcome_column(outcomes[report_id])
            for characteristic in characteristics:
                row = counts[characteristic.key].setdefault(characteristic.value_of(profile), {})
                row[column] = row.get(column, 0) + 1
    return counts


def _rate(row: list[Count], total: Count, reference: tuple[list[Count], Count]) -> tuple[RelativeRate | None, str]:
    referrals, ref_referrals = row[OUTCOME_COLUMNS.index(REFERRAL)], reference[0][OUTCOME_COLUMNS.index(REFERRAL)]
    # A published zero hides nothing, so it can be said.
    if total.value == 0:
        return None, str(_("No assessed named reports in this group."))
    if reference[1].value == 0:
        return None, str(_("No assessed named reports in the reference group to compare with."))
    if any(count.suppressed for count in (referrals, total, ref_referrals, reference[1])):
        return None, str(_("Not shown: it would give away a number hidden to protect small groups."))
    rate = relative_rate(referrals.value or 0, total.value or 0, ref_referrals.value or 0, reference[1].value or 0)
    if rate is None:
        return None, str(_("No referrals in either group: nothing to compare."))
    return rate, ""


def build_cut(characteristic: _Characteristic, counts: dict[str, dict[str, int]], *, k: int | None = None) -> Cut:
    values = [value for value, _label in characteristic.rows]
    table = suppress_table(counts, rows=values, columns=list(OUTCOME_COLUMNS), k=k)
    by_value = {row.label: row for row in table.rows}
    reference = by_value[characteristic.reference]
    rows = []
    for value, label in characteristic.rows:
        table_row = by_value[value]
        is_reference = value == characteristic.reference
        if is_reference or value == PREFER_NOT_TO_SAY:
            rate, note = None, ""
        else:
            rate, note = _rate(table_row.cells, table_row.total, (reference.cells, reference.total))
        rows.append(Row(label, table_row.cells, table_row.total, is_reference, rate, note))
    withheld = str(_("Not shown: the numbers are too small to show safely.")) if table.withheld else ""
    return Cut(characteristic.key, characteristic.title, dict(characteristic.rows)[characteristic.reference], rows,
               table.column_totals, table.total, withheld)


def tie_cuts(cuts: list[Cut]) -> list[Cut]:
    """Withhold every cut after the first whose shared totals are not all published in it and in the first."""
    first, tied = cuts[0], [cuts[0]]
    for cut in cuts[1:]:
        if cut.withheld or (first.margins_all_published() and cut.margins_all_published()):
            tied.append(cut)
        else:
            tied.append(Cut(cut.key, cut.title, cut.reference_label, [], [], None, str(_(
                "Not shown: with numbers this small, this table and the ethnic group table together could "
                "give away hidden numbers."))))
    return tied


def compute_results(profiles: dict[int, Profile], reports_by_reporter: dict[int, list[int]],
                    outcomes: dict[int, list[str]], *, k: int | None = None) -> Results:
    """The published figures from profiles, each profile holder's named reports, and their outcomes."""
    counts = count_outcomes(profiles, reports_by_reporter, outcomes)
    cuts = tie_cuts([build_cut(c, counts[c.key], k=k) for c in _characteristics()])
    profiles_count = suppress_count(len(profiles), k=k)
    return Results(cuts, profiles_count, suppression_k() if k is None else k, legend(k))


def results_for(access: OrgAccess, *, viewer) -> Results:
    """The organisation's figures, for an admin or equality lead. Every view is audited."""
    profiles = profiles_for_aggregate(access, actor=viewer)
    reports = named_reports_by_reporter(access, profiles)
    outcomes = outcomes_in_force(report_id for ids in reports.values() for report_id in ids)
    results = compute_results(profiles, reports, outcomes)
    audit("equality.results_view", actor=viewer, organisation_id=access.organisation.pk)
    return results
