"""The safety-intelligence dashboard: what the organisation's reports say together, for managers
and reviewers, without naming anyone.

Every count is made by the database (reporting.services and coding.aggregates group and count;
nothing here loads reports) and goes through small-number suppression before a chart, a table or
the CSV export sees it. Numbers derived from counts (a rate, a share, a median) are shown only where
the counts behind them are shown: a rate per 100 staff times the headcount would give back a hidden
count. Related numbers come from one suppressed table, so that they cannot be differenced: the
monthly totals behind the reporting rate are that table's row totals, the near misses and
incidents its cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from coding import aggregates as coding_aggregates
from coding import risk
from coding import services as coding
from intelligence import charts, rollups, spikes, themes
from intelligence.date_range import DateRangeChecked
from protection import suppression
from protection.suppression import Count
from reporting import services as reporting
from reporting.choices import ReportKind, ServiceArea, Stage, short_label

TOP_FACTORS = 10
FAILURES = [("active", gettext_lazy("Active")), ("latent", gettext_lazy("Latent")), ("", gettext_lazy("Not said"))]

# ---- filters --------------------------------------------------------------------------------


def _choices(choices, everything):
    return [("", everything), *[(value, short_label(label)) for value, label in choices]]


class DashboardFilterForm(DateRangeChecked):
    """The dashboard's filters, read from the URL so that a view can be shared as a link."""

    date_from = forms.DateField(label=gettext_lazy("Reports sent from"), required=False,
                                help_text=gettext_lazy("For example, 2026-01-01"), input_formats=["%Y-%m-%d"],
                                error_messages={"invalid": gettext_lazy("Enter the start date as year-month-day, "
                                                                        "like 2026-01-01")})
    date_to = forms.DateField(label=gettext_lazy("Reports sent up to and including"), required=False,
                              help_text=gettext_lazy("For example, 2026-12-31"), input_formats=["%Y-%m-%d"],
                              error_messages={"invalid": gettext_lazy("Enter the end date as year-month-day, "
                                                                      "like 2026-12-31")})
    kind = forms.ChoiceField(label=gettext_lazy("Type of report"), required=False,
                             choices=_choices(ReportKind.choices, gettext_lazy("All types")))
    service_area = forms.ChoiceField(label=gettext_lazy("Service area"), required=False,
                                     choices=_choices(ServiceArea.choices, gettext_lazy("All service areas")))
    stage = forms.ChoiceField(label=gettext_lazy("Stage of work"), required=False,
                              choices=_choices(Stage.choices, gettext_lazy("All stages")))

    def filters(self) -> Filters:
        """The valid filters; a field with an error is left out (the page says which)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(**{f.name: data.get(f.name) or (None if f.name.startswith("date") else "")
                          for f in fields(Filters) if f.name not in self.errors})


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""
    service_area: str = ""
    stage: str = ""

    def query(self) -> str:
        """The filters as a URL query, for the CSV link and shared views."""
        params = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        return urlencode({name: value.isoformat() if isinstance(value, date) else value
                          for name, value in params.items()})

    @property
    def any(self) -> bool:
        return bool(self.query())

    def describe(self) -> list[tuple[str, str]]:
        """(what, value) pairs in words, for the page and the CSV's notes."""
        out = []
        if self.date_from:
            out.append((_("From"), date_format(self.date_from, "j F Y")))
        if self.date_to:
            out.append((_("Up to"), date_format(self.date_to, "j F Y")))
        for name, choices in (("kind", ReportKind), ("service_area", ServiceArea), ("stage", Stage)):
            if value := getattr(self, name):
                out.append((str(DashboardFilterForm.base_fields[name].label), short_label(choices(value).label)))
        return out


def filtered_reports(organisation, filters: Filters) -> QuerySet:
    reports = reporting.reports_for_organisation(organisation)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        reports = reports.filter(submitted_at__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        reports = reports.filter(submitted_at__lt=datetime.combine(filters.date_to + timedelta(days=1), time.min,
                                                                   tzinfo=tz))
    for name in ("kind", "service_area", "stage"):
        if value := getattr(filters, name):
            reports = reports.filter(**{name: value})
    return reports


# ---- what a panel holds ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One table cell. `measure` is set for numbers that are not counts (a rate, a share, a median
    in days): they are shown only where the counts behind them are."""

    display: str
    value: float | int | None = None
    measure: str = ""

    @classmethod
    def of(cls, count: Count) -> Cell:
        return cls(count.display, count.value)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Panel:
    key: str
    title: str
    caption: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    spec: dict | None = None
    intro: str = ""
    empty_text: str = ""
    notes: list[str] = field(default_factory=list)
    total_row: Row | None = None

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def chart_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def spec_id(self) -> str:
        return f"chart-{self.key}-spec"


@dataclass
class Dashboard:
    filters: Filters
    total: Count
    panels: list[Panel]
    legend: dict[str, str]
    headcount: int | None
    k: int
    built_at: datetime

    @property
    def is_empty(self) -> bool:
        return self.total.value == 0

    @property
    def largest_hidden(self) -> int:
        return self.k - 1


# ---- building it ----------------------------------------------------------------------------


def _month_label(month: date) -> str:
    return date_format(month, "M Y")


def _months_between(first: date, last: date) -> list[date]:
    months, at = [], first.replace(day=1)
    while at <= last:
        months.append(at)
        at = (at.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _kind_labels() -> dict[str, str]:
    return {value: short_label(label) for value, label in ReportKind.choices}


def cache_seconds() -> int:
    """How long built figures are kept and reused (GOODCATCH_DASHBOARD_CACHE_SECONDS; 0: never).
    Building them counts every report in several ways, which at hundreds of thousands of reports
    takes seconds; a dashboard a few minutes old is still a true picture, and the page says when."""
    return int(getattr(settings, "GOODCATCH_DASHBOARD_CACHE_SECONDS", 300))


def _cache_key(organisation, filters: Filters, may_set_headcount: bool) -> str:
    """Everything the figures depend on besides the reports themselves."""
    return ":".join(["intelligence.dashboard", str(organisation.pk), filters.query(), str(suppression.suppression_k()),
                     str(organisation.staff_headcount), str(may_set_headcount), get_language() or ""])


def build(access, filters: Filters) -> Dashboard:
    """The dashboard for this access and these filters: from the cache when it was built within
    `cache_seconds()`."""
    from organisations.permissions import MANAGE_MEMBERS

    seconds = cache_seconds()
    key = _cache_key(access.organisation, filters, access.can(MANAGE_MEMBERS))
    if seconds and (cached := cache.get(key)) is not None:
        return cached
    built = _build(access, filters)
    if seconds:
        cache.set(key, built, seconds)
    return built


@dataclass(frozen=True)
class _Viewer:
    """Who a dashboard is built for ahead of time: a manager, or an admin (who may set the headcount)."""

    organisation: Any
    may_set_headcount: bool

    def can(self, permission: str) -> bool:
        from organisations.permissions import MANAGE_MEMBERS

        return self.may_set_headcount if permission == MANAGE_MEMBERS else True


def refresh(organisation) -> None:
    """Count an organisation's unfiltered dashboard ahead of its viewers (the periodic task
    intelligence.tasks.refresh_dashboards), so that the page most people open is never counted
    while they wait. Useful with a shared cache (CACHE_URL), which the web processes read."""
    seconds = cache_seconds()
    if not seconds:
        return
    for may_set_headcount in (False, True):
        viewer = _Viewer(organisation, may_set_headcount)
        cache.set(_cache_key(organisation, Filters(), may_set_headcount), _build(viewer, Filters()), seconds)


def use_rollups() -> bool:
    """Whether counts come from the monthly rollups (intelligence.rollups; GOODCATCH_DASHBOARD_ROLLUPS,
    on by default) where an organisation has them. Off, every count is made afresh."""
    return bool(getattr(settings, "GOODCATCH_DASHBOARD_ROLLUPS", True))


def figures(organisation, filters: Filters) -> rollups.Figures:
    """The raw counts for these filters: from the rollups plus what they have not counted yet, or
    all counted afresh where there are none."""
    reports = filtered_reports(organisation, filters)
    if use_rollups() and (counted := rollups.figures(organisation, filters, reports)) is not None:
        return counted
    return rollups.live_figures(organisation, reports, all_reports=not filters.any)


def _build(access, filters: Filters) -> Dashboard:
    organisation = access.organisation
    k = suppression.suppression_k()
    counted = figures(organisation, filters)

    by_month = counted.by_month
    kinds = _kind_labels()
    months = _months_between(min(m for m, _kind, _n in by_month), max(m for m, _kind, _n in by_month)) \
        if by_month else []
    grid: dict[date, dict[str, int]] = {}
    for month, kind, n in by_month:
        grid.setdefault(month, {})[kind] = grid.get(month, {}).get(kind, 0) + n
    # One table for reports by month and type: its row totals are the monthly totals the rate
    # uses, its cells the near misses and incidents the share uses.
    table = suppression.suppress_table(grid, rows=months, columns=list(kinds), k=k)

    panels = [
        _over_time_panel(table, kinds),
        _rate_panel(table, organisation.staff_headcount, access),
        _near_miss_panel(table),
    ]
    factor_panel, failure_panel = _factor_panels(coding_aggregates.factor_names(organisation, counted.factors), k)
    panels += [factor_panel, failure_panel, _risk_panel(organisation, counted.risk, k),
               _feedback_panel(counted.feedback, k), _spikes_panel(organisation.pk, k), _themes_panel(organisation.pk, k)]
    return Dashboard(filters, table.total, panels, suppression.legend(k), organisation.staff_headcount, k,
                     timezone.localtime())


def _over_time_panel(table: suppression.Table, kinds: dict[str, str]) -> Panel:
    columns = [_("Month"), *kinds.values(), _("Total")]
    rows = [Row(_month_label(row.label), [*map(Cell.of, row.cells), Cell.of(row.total)]) for row in table.rows]
    values = [{"month": _month_label(row.label), "type": kinds[kind], "order": i, charts.COUNT_FIELD: cell.value}
              for row in table.rows for i, (kind, cell) in enumerate(zip(table.columns, row.cells, strict=True))]
    panel = Panel(
        "over-time", _("Reports over time, by type"), _("Reports each month, by type"), columns, rows,
        intro=_("How many reports were made each month, and of which type."),
        empty_text=_("Each month's reports will appear here, by type, once reports are made."),
        total_row=Row(_("Total"), [*map(Cell.of, table.column_totals), Cell.of(table.total)]))
    if rows:
        panel.spec = charts.stacked_bars(
            _("Stacked bar chart of reports each month by type. The same numbers are in the table below."), values,
            x="month", x_title=_("Month"), x_order=[row.label for row in rows], series="type",
            series_title=_("Type"), series_order=list(kinds.values()),
            y_title=_("Reports"))
    return panel


def _rate_panel(table: suppression.Table, headcount: int | None, access) -> Panel:
    intro = _("A rising rate is a sign of a healthy reporting culture: people trust that reporting leads to "
              "learning, not blame. A falling rate is worth asking about before it is celebrated.")
    if not headcount:
        panel = Panel("rate", _("Reporting rate per 100 staff"), _("Reports each month"), [_("Month"), _("Reports")],
                      intro=intro, empty_text=_("Reports each month will appear here once reports are made."))
        from organisations.permissions import MANAGE_MEMBERS

        panel.notes.append(_("The rate per 100 staff needs to know how many staff could report. An admin can set "
                             "it on the staff headcount page.") if not access.can(MANAGE_MEMBERS) else
                           _("The rate per 100 staff needs to know how many staff could report: set the staff "
                             "headcount."))
        panel.rows = [Row(_month_label(row.label), [Cell.of(row.total)]) for row in table.rows]
        return panel
    rows, values = [], []
    for row in table.rows:
        rate = round(row.total.value * 100 / headcount, 2) if row.total.value is not None else None
        rows.append(Row(_month_label(row.label), [
            Cell.of(row.total), Cell(f"{rate:.2f}" if rate is not None else _("not shown"), rate, "rate")]))
        values.append({"month": _month_label(row.label), "rate": rate})
    panel = Panel("rate", _("Reporting rate per 100 staff"),
                  _("Reports each month for every 100 staff (%(headcount)s staff)") % {"headcount": headcount},
                  [_("Month"), _("Reports"), _("Per 100 staff")], rows, intro=intro,
                  empty_text=_("The rate will appear here, month by month, once reports are made."))
    panel.notes.append(_("A rate is not shown for a month whose count is hidden: it would give the count back."))
    if rows:
        panel.spec = charts.line(_("Line chart of reports per 100 staff each month. The same numbers are in the "
                                   "table below."), values, x="month", x_title=_("Month"), x_order=[row.label for row in rows],
                                 y="rate",
                                 y_title=_("Reports per 100 staff"))
    return panel


def _share(near_misses: int | None, incidents: int | None) -> float | None:
    if near_misses is None or incidents is None or near_misses + incidents == 0:
        return None
    return round(100 * near_misses / (near_misses + incidents), 1)


def _near_miss_panel(table: suppression.Table) -> Panel:
    nm, inc = table.columns.index(ReportKind.NEAR_MISS), table.columns.index(ReportKind.INCIDENT)
    rows, values = [], []
    for row in table.rows:
        share = _share(row.cells[nm].value, row.cells[inc].value)
        rows.append(Row(_month_label(row.label), [
            Cell.of(row.cells[nm]), Cell.of(row.cells[inc]),
            Cell(f"{share:.1f}%" if share is not None else _("not shown"), share, "share")]))
        values.append({"month": _month_label(row.label), "share": share})
    overall = _share(table.column_totals[nm].value, table.column_totals[inc].value)
    panel = Panel(
        "near-misses", _("Near misses and incidents"), _("Near misses and incidents each month"),
        [_("Month"), _("Near misses"), _("Incidents"), _("Near misses as a share")], rows,
        intro=_("Near misses are chances to learn before anyone is harmed. A growing share of near misses "
                "means problems are being caught earlier."),
        empty_text=_("The share of near misses against incidents will appear here once either is reported."),
        total_row=Row(_("Total"), [Cell.of(table.column_totals[nm]), Cell.of(table.column_totals[inc]),
                                   Cell(f"{overall:.1f}%" if overall is not None else _("not shown"), overall,
                                        "share")]))
    panel.notes.append(_("A share is not shown when either of its counts is hidden."))
    if rows and any(v["share"] is not None for v in values):
        panel.spec = charts.line(_("Line chart of near misses as a percentage of near misses and incidents, each "
                                   "month. The same numbers are in the table below."), values, x="month",
                                 x_title=_("Month"), x_order=[row.label for row in rows],
                                 y="share", y_title=_("Near misses (%)"), y_domain=[0, 100])
    return panel


def _factor_panels(counts: list[tuple[str, str, str, int]], k: int) -> tuple[Panel, Panel]:
    names: dict[str, str] = {}
    grid: dict[str, dict[str, int]] = {}
    for key, name, failure, n in counts:
        names[key] = name
        grid.setdefault(key, {})[failure] = grid.get(key, {}).get(failure, 0) + n
    failures = [value for value, _label in FAILURES]
    failure_labels = {value: str(label) for value, label in FAILURES}
    table = suppression.suppress_table(grid, rows=sorted(grid), columns=failures, k=k)
    # Largest first by what is published (hidden totals last, by name), so that the order gives away
    # nothing the numbers do not.
    ranked = sorted(table.rows, key=lambda r: (-(r.total.value or 0), names[r.label]))[:TOP_FACTORS]
    top = Panel(
        "factors", _("Top contributing factors"),
        _("The %(n)s contributing factors coded most often, by whether the failure was active or latent")
        % {"n": TOP_FACTORS},
        [_("Contributing factor"), *failure_labels.values(), _("Reports")],
        [Row(names[r.label], [*map(Cell.of, r.cells), Cell.of(r.total)]) for r in ranked],
        intro=_("What reviewers found behind the reports when they coded them. Each report counts once for "
                "each factor, from its first coding."),
        empty_text=_("Contributing factors will appear here once reviewers have coded reports."))
    if top.rows:
        values = [{"factor": names[r.label], "failure": failure_labels[f], charts.COUNT_FIELD: c.value}
                  for r in ranked for f, c in zip(table.columns, r.cells, strict=True)]
        top.spec = charts.horizontal_bars(
            _("Bar chart of the contributing factors coded most often, split into active and latent failures. The "
              "same numbers are in the table below."), values, y="factor", y_title=_("Contributing factor"),
            x_title=_("Reports"), series="failure", series_title=_("Failure"),
            series_order=list(failure_labels.values()))
    failure = Panel(
        "failures", _("Active and latent failures"), _("Contributing factors coded, by type of failure"),
        [_("Type of failure"), _("Factors coded")],
        [Row(failure_labels[f], [Cell.of(c)]) for f, c in zip(table.columns, table.column_totals, strict=True)]
        if grid else [],
        intro=_("Active failures happen at the front line; latent failures sit in the organisation (its systems, "
                "staffing, culture and leadership) and wait for a day when they combine. Latent ones are where "
                "an organisation's learning does most good."),
        empty_text=_("Active and latent failures will appear here once reviewers have coded contributing factors."),
        total_row=Row(_("Total"), [Cell.of(table.total)]) if grid else None)
    if failure.rows:
        failure.spec = charts.horizontal_bars(
            _("Bar chart of contributing factors coded as active, latent or neither. The same numbers are in the "
              "table below."),
            [{"failure": r.label, charts.COUNT_FIELD: r.cells[0].value} for r in failure.rows],
            y="failure", y_title=_("Type of failure"), x_title=_("Factors coded"))
    return top, failure


def _risk_panel(organisation, counts: list[tuple[int, int, int]], k: int) -> Panel:
    grid: dict[int, dict[int, int]] = {}
    for consequence, likelihood, n in counts:
        grid.setdefault(likelihood, {})[consequence] = n
    likelihoods = list(range(risk.SIZE, 0, -1))  # most likely at the top, as the matrix is drawn
    consequences = list(range(1, risk.SIZE + 1))
    table = suppression.suppress_table(grid, rows=likelihoods, columns=consequences, k=k)
    bands = coding.matrix_for(organisation)
    c_labels = {c: short_label(str(risk_label)) for c, risk_label in coding_aggregates.consequence_labels().items()}
    l_labels = {v: short_label(str(risk_label)) for v, risk_label in coding_aggregates.likelihood_labels().items()}
    rows, values = [], []
    for row in table.rows:
        cells = []
        for consequence, count in zip(consequences, row.cells, strict=True):
            rated = risk.rate(consequence, row.label, bands)
            cells.append(Cell(f"{count.display} ({rated.label})", count.value))
            values.append({"likelihood": l_labels[row.label], "consequence": c_labels[consequence],
                           charts.COUNT_FIELD: count.value, "display": count.display, "band": rated.label})
        rows.append(Row(l_labels[row.label], [*cells, Cell.of(row.total)]))
    panel = Panel(
        "risk", _("Risk matrix"), _("Coded reports by likelihood of happening again and potential consequence"),
        [_("Likelihood"), *c_labels.values(), _("Total")], rows if counts else [],
        intro=_("Where coded reports sit on the organisation's risk matrix: potential consequence across, "
                "likelihood of happening again down. Each cell also names its risk band."),
        empty_text=_("The risk matrix will fill in once reviewers have coded and rated reports."),
        total_row=Row(_("Total"), [*map(Cell.of, table.column_totals), Cell.of(table.total)]) if counts else None)
    if counts:
        panel.spec = charts.heat_map(
            _("Heat map of coded reports on the 5 by 5 risk matrix. The same numbers are in the table below."), values,
            x="consequence", x_title=_("Potential consequence"), x_order=list(c_labels.values()), y="likelihood",
            y_title=_("Likelihood of happening again"), y_order=[l_labels[v] for v in likelihoods], label=_("Reports"))
    return panel


def median_from_counts(counts: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many}."""
    n = sum(counts.values())
    if n == 0:
        return None
    ordered = sorted(counts.items())

    def nth(index: int) -> int:  # 0-based
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        raise IndexError(index)

    if n % 2:
        return float(nth(n // 2))
    return (nth(n // 2 - 1) + nth(n // 2)) / 2


def _feedback_panel(delays: list[tuple[date, int, int]], k: int) -> Panel:
    by_month: dict[date, dict[int, int]] = {}
    for month, days, n in delays:
        by_month.setdefault(month, {})[days] = by_month.get(month, {}).get(days, 0) + n
    months = sorted(by_month)
    breakdown = suppression.suppress_breakdown([(m, sum(by_month[m].values())) for m in months], k=k)
    rows, values = [], []
    for item in breakdown.items:
        # A median is published only for a month whose count is: at least k reports behind it.
        median = median_from_counts(by_month[item.label]) if item.count.value is not None else None
        rows.append(Row(_month_label(item.label), [
            Cell.of(item.count), Cell(_days(median) if median is not None else _("not shown"), median, "median")]))
        values.append({"month": _month_label(item.label), "median": median})
    overall_counts: dict[int, int] = {}
    for histogram in by_month.values():
        for days, n in histogram.items():
            overall_counts[days] = overall_counts.get(days, 0) + n
    overall = median_from_counts(overall_counts) if breakdown.total and breakdown.total.value is not None else None
    panel = Panel(
        "feedback", _("Time from report to first feedback"),
        _("Median days from a report to a reviewer's first message to its reporter, by the month of the report"),
        [_("Month reported"), _("Reports with feedback"), _("Median days")], rows,
        intro=_("Reporters who hear back keep reporting. This is how long they waited for a reviewer's first "
                "message."),
        empty_text=_("Once reviewers send reporters messages, how long the first one took will appear here."),
        total_row=Row(_("All months"), [Cell.of(breakdown.total), Cell(_days(overall) if overall is not None else
                                                                          _("not shown"), overall, "median")])
        if breakdown.total is not None and rows else None)
    panel.notes.append(_("A median is not shown for a month with too few reports to publish."))
    if rows and any(v["median"] is not None for v in values):
        panel.spec = charts.line(_("Line chart of the median days to first feedback, by month of report. The same "
                                   "numbers are in the table below."), values, x="month", x_title=_("Month reported"),
                                 x_order=[row.label for row in rows], y="median", y_title=_("Median days"))
    return panel


def _days(value: float) -> str:
    return f"{value:g}"


# ---- panels fed by other parts of intelligence (spike alerts, themes) ----------------------------


def _spikes_panel(organisation_id: int, k: int, alerts: list[spikes.CurrentAlert] | None = None) -> Panel:
    """The current spike alerts (intelligence.spikes). Their messages were suppressed when the alerts
    were made: a count under k is never printed, nor an expectation that would narrow it down."""
    alerts = spikes.current_alerts(organisation_id) if alerts is None else alerts
    panel = Panel("spikes", _("Spike alerts"), _("Series that broke their control limits"),
                  [_("What"), _("Week"), _("Alert")],
                  intro=_("A spike is a count well above what earlier weeks would lead anyone to expect. Each one "
                          "is worth a look at the reports behind it, on the alerts page."),
                  empty_text=_("No series is above its control limits. When one is, its alert will appear here."))
    for alert in alerts:
        panel.rows.append(Row(alert.label, [Cell(date_format(alert.week, "j M Y"), measure="period"),
                                            Cell(alert.message, measure="message")]))
    return panel


THEMES_SHOWN = 10


def _themes_panel(organisation_id: int, k: int) -> Panel:
    """Reports a month in the largest themes (intelligence.themes), suppressed as one table."""
    panel = Panel("themes", _("Themes over time"), _("Reports in the largest emerging themes, by month"), [_("Theme")],
                  intro=_("Themes group reports that say similar things, found from their de-identified text. "
                          "A theme that grows is a pattern worth looking at together."),
                  empty_text=_("Themes will appear here once there are enough confirmed reports to find them "
                               "(they are recomputed every night)."))
    shown = themes.active_themes(organisation_id)[:THEMES_SHOWN]
    if not shown:
        return panel
    months, counts = themes.themes_over_time(organisation_id, months=12, theme_ids=[theme.pk for theme in shown])
    periods = [month.strftime("%Y-%m") for month in months]
    grid = {theme.label: {period: counts.get(theme.pk, {}).get(month, 0) for period, month in zip(periods, months, strict=True)}
            for theme in shown}
    table = suppression.suppress_table(grid, rows=list(grid), columns=periods, k=k)
    panel.columns = [_("Theme"), *periods, _("Total")]
    panel.rows = [Row(row.label, [*map(Cell.of, row.cells), Cell.of(row.total)]) for row in table.rows]
    panel.total_row = Row(_("Total"), [*map(Cell.of, table.column_totals), Cell.of(table.total)])
    values = [{"period": period, "theme": row.label, charts.COUNT_FIELD: cell.value}
              for row in table.rows for period, cell in zip(periods, row.cells, strict=True)]
    panel.spec = charts.line(_("Line chart of reports in each theme, by month. The same numbers are in the table "
                               "below."), values, x="period", x_title=_("Month"), x_order=periods, y=charts.COUNT_FIELD,
                             y_title=_("Reports"), series="theme", series_title=_("Theme"))
    return panel


# ---- export ---------------------------------------------------------------------------------

CSV_HEADER = ["chart", "row", "column", "value", "measure"]


def as_csv(dashboard: Dashboard) -> str:
    """The suppressed figures, one per line ("tidy"): exactly what the page shows, marks and all."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for panel in dashboard.panels:
        for row in [*panel.rows, *([panel.total_row] if panel.total_row and panel.rows else [])]:
            for column, cell in zip(panel.columns[1:], row.cells, strict=False):
                writer.writerow([panel.key, _safe(row.label), _safe(column), cell.display, cell.measure or "reports"])
    for mark, meaning in dashboard.legend.items():
        writer.writerow(["notes", mark, "", meaning, "legend"])
    for what, value in dashboard.filters.describe():
        writer.writerow(["notes", what, "", _safe(value), "filter"])
    return out.getvalue()


def _safe(text: str) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
