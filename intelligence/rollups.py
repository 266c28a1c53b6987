"""Monthly rollups of the dashboard's counts, so that a dashboard counted afresh reads a few thousand
rollup rows instead of grouping every report, coding and message (seconds at a million reports).

How the figures stay exact and fresh:

- A rollup counts every report, coding and reviewer message of its organisation up to an id, the
  marks kept in `RollupState`. These rows are append-only (codings and messages are permanent
  records; a report's type, area, stage and time do not change once sent), so what lies after the
  marks is exactly what the rollup has not counted. Should reports be taken away (the demo's
  reset deletes its organisation's), the next refresh finds fewer reports than its rollup counted
  and counts everything again.
- The dashboard adds the two: the rollup for the months its date filters cover whole, plus the
  same counts made live over only the rows after the marks (found through the primary keys, so a
  small query however large the tables). A report sent, confirmed or coded a minute ago, or a
  reviewer's first reply, is therefore in the very next count, not after the next rebuild: the
  cache window (GOODCATCH_DASHBOARD_CACHE_SECONDS) is the only delay.
- Months a date filter covers only in part (a filter not on a month's first or last day) are
  counted live, for those months only.
- Each run of `intelligence.tasks.refresh_dashboards` folds what came after the marks into the
  rollup (`refresh`), so that the live part stays small: new rows are appended (reads add them
  up), and a month is compacted to one row per key once appends have doubled its rows. The
  first run for an organisation counts everything once (seconds to a minute at a million
  reports). Until then, and for a viewer in another time zone, the dashboard counts everything live.
- Each report counts once, by its first coding (the smallest coding id of the report), and by its
  first reviewer message: the same rules as the live counts, so slices of ids add up to them.

Known edge: a row written by a transaction that took its id before a refresh read the marks, but
committed only after the refresh counted, would be missed until its month is rebuilt (`rebuild`).
Writes here are short transactions, so the window is milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import product

from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from coding import aggregates as coding_aggregates
from intelligence.models.rollups import (
    ALL,
    FactorRollup,
    FeedbackRollup,
    ReportRollup,
    RiskRollup,
    RollupState,
)
from reporting import services as reporting

DIMS = ("kind", "service_area", "stage")


@dataclass
class Figures:
    """The raw counts behind the dashboard, before suppression."""

    by_month: list[tuple[date, str, int]] = field(default_factory=list)  # (month, kind, reports)
    factors: list[tuple[int, str, int]] = field(default_factory=list)  # (code id, failure, reports)
    risk: list[tuple[int, int, int]] = field(default_factory=list)  # (consequence, likelihood, reports)
    feedback: list[tuple[date, int, int]] = field(default_factory=list)  # (month, days, reports)

    def add(self, other: Figures) -> Figures:
        return Figures(_summed(self.by_month + other.by_month), _summed(self.factors + other.factors),
                       _summed(self.risk + other.risk), _summed(self.feedback + other.feedback))

    def normalised(self) -> Figures:
        """Equal keys added up, zeros dropped and sorted: for comparing two ways of counting."""
        return Figures(*(sorted(_summed(rows)) for rows in (self.by_month, self.factors, self.risk, self.feedback)))


def _summed(rows: Iterable[tuple]) -> list[tuple]:
    totals: dict[tuple, int] = defaultdict(int)
    for *key, n in rows:
        totals[tuple(key)] += n
    return [(*key, n) for key, n in totals.items() if n]


def live_figures(organisation, reports: QuerySet, *, all_reports: bool = False, span: tuple | None = None) -> Figures:
    """Every count made afresh over `reports` (all_reports: they are all the organisation's, which
    spares the coding counts a join; span: the (first, last) submission time they may have)."""
    coded = None if all_reports else reports
    return Figures(reporting.report_counts_by_month(reports, by="kind"),
                   coding_aggregates.factor_code_counts(organisation, coded),
                   coding_aggregates.risk_cell_counts(organisation, coded),
                   reporting.first_feedback_delays(reports, span=span))


# ---- reading ------------------------------------------------------------------------------------


def _zone_name() -> str:
    return str(timezone.get_current_timezone())


def _month_start(day: date) -> datetime:
    return datetime.combine(day.replace(day=1), time.min, tzinfo=timezone.get_current_timezone())


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def covered_months(date_from: date | None, date_to: date | None) -> tuple[date | None, date | None] | None:
    """The months a date filter covers whole, as [first month, month after the last) (None: open),
    or None when it covers no month whole."""
    first = None if date_from is None else (date_from if date_from.day == 1 else _next_month(date_from))
    after = None if date_to is None else (
        _next_month(date_to) if (date_to + timedelta(days=1)).day == 1 else date_to.replace(day=1))
    if first is not None and after is not None and first >= after:
        return None
    return first, after


def figures(organisation, filters, reports: QuerySet) -> Figures | None:
    """The dashboard's counts for `filters` (anything with date_from, date_to, kind, service_area and
    stage) from the rollups, plus live counts for what they have not counted; `reports` are the
    filtered reports. None when the organisation has no rollup (yet) for this time zone."""
    state = RollupState.objects.filter(organisation=organisation).first()
    if state is None or state.time_zone != _zone_name():
        return None
    span = covered_months(filters.date_from, filters.date_to)
    if span is None:
        return live_figures(organisation, reports)
    first, after = span
    inside = Q()
    if first is not None:
        inside &= Q(submitted_at__gte=_month_start(first))
    if after is not None:
        inside &= Q(submitted_at__lt=_month_start(after))
    result = _read(organisation, filters, first, after)
    # What the rollup has not counted yet, in the months it covers: small, found by id.
    covered = reports.filter(inside)
    result = result.add(_after_marks(organisation, covered, state))
    # Months the dates cut in part, counted live for those days only: each edge as its own range, which
    # the reports_by_time index serves (PostgreSQL walks that index from one end to find the first and
    # last time of an OR of two ranges: seconds at a million reports).
    # The edge's own range is known, which spares the feedback count a query to find it.
    zone = timezone.get_current_timezone()
    if filters.date_from is not None and filters.date_from != first:
        end = _month_start(first)
        span = (datetime.combine(filters.date_from, time.min, tzinfo=zone), end - timedelta(microseconds=1))
        result = result.add(live_figures(organisation, reports.filter(submitted_at__lt=end), span=span))
    if filters.date_to is not None and filters.date_to + timedelta(days=1) != after:
        start = _month_start(after)
        span = (start, datetime.combine(filters.date_to, time.max, tzinfo=zone))
        result = result.add(live_figures(organisation, reports.filter(submitted_at__gte=start), span=span))
    return result


def _after_marks(organisation, reports: QuerySet, state: RollupState) -> Figures:
    factors, risks = coding_aggregates.first_codings_by_month(organisation, reports, after=state.codings_up_to)
    new_reports = reports.filter(pk__gt=state.reports_up_to)
    return Figures(reporting.report_counts_by_month(new_reports, by="kind",
                                                    span=reporting.submission_span_by_id(new_reports)),
                   [(code_id, failure, n) for _month, code_id, failure, n in factors],
                   [(consequence, likelihood, n) for _month, consequence, likelihood, n in risks],
                   reporting.first_feedback_delays(reports, messages_after=state.messages_up_to))


def _slice(model, organisation, filters, first: date | None, after: date | None, *, kind_split: bool = False):
    rows = model.objects.filter(organisation=organisation, service_area=filters.service_area or ALL,
                                stage=filters.stage or ALL)
    if kind_split:
        rows = rows.filter(kind=filters.kind) if filters.kind else rows
    else:
        rows = rows.filter(kind=filters.kind or ALL)
    if first is not None:
        rows = rows.filter(month__gte=first)
    if after is not None:
        rows = rows.filter(month__lt=after)
    return rows.order_by()


def _read(organisation, filters, first: date | None, after: date | None) -> Figures:
    def summed(model, keys, **kwargs):
        rows = _slice(model, organisation, filters, first, after, **kwargs).values(*keys).annotate(total=Sum("n"))
        return [(*(row[key] for key in keys), row["total"]) for row in rows]

    return Figures(summed(ReportRollup, ("month", "kind"), kind_split=True),
                   summed(FactorRollup, ("code_id", "failure")),
                   summed(RiskRollup, ("consequence", "likelihood")),
                   summed(FeedbackRollup, ("month", "days")))


# ---- keeping them ---------------------------------------------------------------------------------


def _expand(rows: Iterable[tuple], *, keep_kind: bool = False) -> dict[tuple, int]:
    """Rows of (month, kind, area, stage, *keys, n) with the "*" sums over every mix of the three."""
    totals: dict[tuple, int] = defaultdict(int)
    for month, kind, area, stage, *rest in rows:
        *keys, n = rest
        kinds = (kind,) if keep_kind else (kind, ALL)
        for k, a, s in product(kinds, (area, ALL), (stage, ALL)):
            totals[(month, k, a, s, *keys)] += n
    return totals


_TABLES = (  # model, its own key columns, whether type is always split
    (ReportRollup, (), True),
    (FactorRollup, ("code_id", "failure"), False),
    (RiskRollup, ("consequence", "likelihood"), False),
    (FeedbackRollup, ("days",), False),
)


def refresh(organisation, *, batch: int = 5000) -> int:
    """Fold everything after the organisation's marks into its rollups and move the marks on;
    returns how many rollup rows were written. The first run counts everything."""
    zone = _zone_name()
    with transaction.atomic():
        state, _created = RollupState.objects.select_for_update().get_or_create(
            organisation=organisation, defaults={"time_zone": zone})
        counted = (ReportRollup.objects.filter(organisation=organisation, service_area=ALL, stage=ALL)
                   .aggregate(total=Sum("n"))["total"] or 0)
        still_there = reporting.reports_for_organisation(organisation).filter(pk__lte=state.reports_up_to).count()
        # Months in another zone, or reports taken away (a demo reset): count again from nothing.
        if state.time_zone != zone or counted != still_there:
            _delete(organisation)
            state.reports_up_to = state.codings_up_to = state.messages_up_to = 0
            state.time_zone = zone
        reports_up_to, messages_up_to = reporting.latest_report_and_feedback_ids(organisation)
        codings_up_to = coding_aggregates.latest_coding_id(organisation)
        everything = reporting.reports_for_organisation(organisation)
        new_reports = everything.filter(pk__gt=state.reports_up_to, pk__lte=reports_up_to)
        factors, risks = coding_aggregates.first_codings_by_month(
            organisation, everything, by=DIMS, after=state.codings_up_to, up_to=codings_up_to)
        deltas = {
            ReportRollup: _expand(reporting.report_counts_by_month(
                new_reports, by=DIMS, span=reporting.submission_span_by_id(new_reports)), keep_kind=True),
            FactorRollup: _expand(factors),
            RiskRollup: _expand(risks),
            FeedbackRollup: _expand(reporting.first_feedback_delays(
                everything, by=DIMS, messages_after=state.messages_up_to, messages_up_to=messages_up_to)),
        }
        written = 0
        for model, keys, _split in _TABLES:
            written += _fold(model, keys, organisation, deltas[model], batch)
        state.reports_up_to, state.codings_up_to, state.messages_up_to = reports_up_to, codings_up_to, messages_up_to
        state.save()
    return written


def rebuild(organisation) -> int:
    """Count the organisation's rollups again from nothing (after a time-zone change, or to be sure)."""
    with transaction.atomic():
        _delete(organisation)
        RollupState.objects.filter(organisation=organisation).delete()
    return refresh(organisation)


def _delete(organisation) -> None:
    for model, _keys, _split in _TABLES:
        model.objects.filter(organisation=organisation).delete()


def _fold(model, keys: tuple[str, ...], organisation, delta: dict[tuple, int], batch: int) -> int:
    """Add `delta` to the months it touches: appended as rows (reads add them up), and a month is
    compacted to one row per key once appends have doubled its rows, so a refresh costs what changed,
    not the size of the month."""
    if not delta:
        return 0
    columns = ("month", *DIMS, *keys)
    model.objects.bulk_create([model(organisation=organisation, n=n, **dict(zip(columns, key, strict=True)))
                               for key, n in delta.items() if n], batch_size=batch)
    written = len(delta)
    for month in sorted({key[0] for key in delta}):
        rows = model.objects.filter(organisation=organisation, month=month).order_by()
        if rows.count() > 2 * rows.values(*columns).distinct().count():
            written += _compact(model, columns, organisation, rows, batch)
    return written


def _compact(model, columns: tuple[str, ...], organisation, rows: QuerySet, batch: int) -> int:
    totals = [(tuple(row[c] for c in columns), row["total"]) for row in rows.values(*columns).annotate(total=Sum("n"))]
    rows.delete()
    model.objects.bulk_create([model(organisation=organisation, n=n, **dict(zip(columns, key, strict=True)))
                               for key, n in totals if n], batch_size=batch)
    return len(totals)
