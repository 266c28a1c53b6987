"""A safeguarding partnership's combined view: what its members' cleared reports say together.

Only cleared, not withdrawn shared reports (`SharedReport`) of organisations that have joined and
not left count. Every figure is a count over all of them together and goes through
`protection.suppression`; nothing is ever counted per organisation, which would undo suppression for
a small member. Related figures come from one suppressed table (quarter × kind, with its row, column
and grand totals), each other breakdown that adds up to the same grand total is published with it,
and a many-valued one (contributing factors, themes named at clearance) with its own total, so a
hidden cell cannot be had by subtraction; a breakdown whose suppression would publish the grand
total differently from the main table is withheld instead.

Themes: the combined narratives are embedded and clustered with intelligence's own functions, and a
theme is shown only when at least k reports share it (so a theme seen by no single member can appear
once the partnership's reports are pooled). Spikes: intelligence's detector runs over the combined
quarterly series (quarters, since a shared report's date is generalised to its quarter).

Suppression protects the combined numbers from an outsider, not from a member, who knows its own
reports: in a partnership of two, the combined figures less its own are the other member's. So no
figure is shown until `GOODCATCH_PARTNERSHIP_MIN_MEMBERS` organisations (default 3) have joined.

Built figures are cached until the reports or the membership change.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coding import risk, taxonomy
from intelligence import charts, clustering, spc, spikes, vectors
from intelligence.dashboard import Cell, Panel, Row
from protection import suppression
from reporting.choices import ReportKind, ServiceArea, short_label
from sharing.models import Partnership, SharedReport
from sharing.partnerships import joined_members

CACHE_SECONDS = 3600
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
# The detector was built for weeks; over quarters: up to three years of baseline, the quarter before
# the one checked left out of it (a spike over two quarters must not raise its own expectation), and
# no alarm before four baseline quarters, so the sixth quarter is the first that can be flagged.
QUARTERLY_BASELINE = spc.Baseline(window=12, guard=1, min_history=4)


@dataclass(frozen=True)
class Theme:
    label: str
    count: suppression.Count


@dataclass(frozen=True)
class Flag:
    """A period in which a combined series broke its control limits. No number is printed: the
    counts are in the table, suppressed."""

    series: str
    period: str
    rule: str


@dataclass
class Figures:
    partnership: Partnership
    members: list[str]
    total: suppression.Count
    panels: list[Panel]
    themes: list[Theme]
    flags: list[Flag]
    legend: dict[str, str]
    k: int
    min_members: int = 1

    @property
    def too_few_members(self) -> bool:
        return len(self.members) < self.min_members

    @property
    def is_empty(self) -> bool:
        return self.total.value == 0

    @property
    def largest_hidden(self) -> int:
        return self.k - 1


def min_members() -> int:
    return max(1, int(getattr(settings, "GOODCATCH_PARTNERSHIP_MIN_MEMBERS", 3)))


def _reports_of(member_ids: list[int]):
    """The shared reports that count: of joined members (not left), cleared and not withdrawn."""
    return SharedReport.objects.filter(organisation_id__in=member_ids, withdrawn_at__isnull=True)


def _cache_key(partnership: Partnership, member_ids: list[int], k: int, least: int) -> str:
    reports = SharedReport.objects.filter(organisation_id__in=member_ids)
    seen = reports.aggregate(n=Count("pk"), newest=Max("pk"), withdrawn=Max("withdrawn_at"),
                             withdrawn_n=Count("withdrawn_at"))
    fingerprint = repr((sorted(member_ids), seen["n"], seen["newest"], str(seen["withdrawn"]), seen["withdrawn_n"]))
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:24]
    return f"sharing.partnership:{partnership.pk}:{k}:{least}:{get_language() or ''}:{digest}"


def build(partnership: Partnership, *, k: int | None = None) -> Figures:
    """The partnership's combined, suppressed figures, from the cache while nothing has changed."""
    k = k or suppression.suppression_k()
    least = min_members()
    members = joined_members(partnership)
    names = [m.organisation.name for m in members]
    if len(members) < least:
        hidden = suppression.Count(suppression.COMPLEMENT_MARK, True, None, "withheld")
        return Figures(partnership, names, hidden, [], [], [], suppression.legend(k), k, least)
    key = _cache_key(partnership, [m.organisation_id for m in members], k, least)
    if (cached := cache.get(key)) is not None:
        return cached
    built = _build(partnership, _reports_of([m.organisation_id for m in members]), names, k)
    built.min_members = least
    cache.set(key, built, CACHE_SECONDS)
    return built


def _build(partnership: Partnership, reports, members: list[str], k: int) -> Figures:
    table, kinds, grid = _quarter_table(reports, k)
    panels = [_over_time_panel(table, kinds)]
    panels.append(_breakdown_panel(
        "service-areas", _("Reports by service area"), _("Cleared reports by service area"), _("Service area"),
        _field_counts(reports, "service_area", _service_area_labels()), table.total, k,
        intro=_("Rare service areas were generalised when the reports were cleared for sharing.")))
    panels.append(_breakdown_panel(
        "risk", _("Reports by risk band"), _("Cleared reports by risk band"), _("Risk band"),
        _field_counts(reports, "risk_band", {key: str(band.label) for key, band in risk.BANDS.items()}),
        table.total, k, intro=_("The band each member's reviewers gave a report on their risk matrix.")))
    panels.append(_list_panel(
        "factors", _("Contributing factors"), _("Cleared reports by contributing factor"), _("Contributing factor"),
        _list_counts(reports, "factor_codes", factor_names()), k,
        intro=_("What reviewers found behind the reports. A report counts once for each factor it was coded with.")))
    panels.append(_list_panel(
        "named-themes", _("Themes named when reports were cleared"), _("Cleared reports by the theme they were in"),
        _("Theme"), _list_counts(reports, "themes", {}), k,
        intro=_("The themes each member's reviewers had found when they cleared a report for sharing.")))
    themes = combined_themes(list(reports.order_by("pk").values_list(
        "what_happened", "potential_harm_text", "how_noticed", "what_would_help")), k)
    flags = quarterly_flags(grid, [str(row.label) for row in table.rows], kinds, k)
    return Figures(partnership, members, table.total, panels, themes, flags, suppression.legend(k), k)


# -- counting -------------------------------------------------------------------------------------------

def quarter_start(period: str) -> date | None:
    found = QUARTER.match(period)
    return date(int(found[1]), 3 * int(found[2]) - 2, 1) if found else None


def _quarter_range(periods: list[str]) -> list[str]:
    """Every quarter from the first to the last seen (a quiet quarter is a zero, not a gap), then any
    period that is not a quarter, as it was recorded."""
    starts = sorted(start for p in periods if (start := quarter_start(p)) is not None)
    quarters: list[str] = []
    if starts:
        year, q = starts[0].year, (starts[0].month - 1) // 3 + 1
        while date(year, 3 * q - 2, 1) <= starts[-1]:
            quarters.append(f"{year}-Q{q}")
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return quarters + sorted(p for p in set(periods) if quarter_start(p) is None)


def _kind_labels(found: set[str]) -> dict[str, str]:
    labels = {value: short_label(label) for value, label in ReportKind.choices}
    return labels | {kind: kind for kind in sorted(found - set(labels))}


def _quarter_table(reports, k: int) -> tuple[suppression.Table, dict[str, str], dict[str, dict[str, int]]]:
    grid: dict[str, dict[str, int]] = {}
    for row in reports.values("period", "kind").annotate(n=Count("pk")).order_by():
        grid.setdefault(row["period"], {})[row["kind"]] = row["n"]
    kinds = _kind_labels({kind for cells in grid.values() for kind in cells})
    return suppression.suppress_table(grid, rows=_quarter_range(list(grid)), columns=list(kinds), k=k), kinds, grid


def _service_area_labels() -> dict[str, str]:
    return {value: str(label) for value, label in ServiceArea.choices}


def _field_counts(reports, name: str, labels: dict[str, str]) -> dict[str, int]:
    """Counts of a one-valued field, every known value listed (zeros are published) and a blank as
    "Not recorded"."""
    found = {row[name]: row["n"] for row in reports.values(name).annotate(n=Count("pk")).order_by()}
    counts = {label: found.pop(value, 0) for value, label in labels.items()}
    for value, n in sorted(found.items()):
        counts[value or _("Not recorded")] = counts.get(value or _("Not recorded"), 0) + n
    return counts


def _list_counts(reports, name: str, labels: dict[str, str]) -> dict[str, int]:
    """Reports per value of a many-valued field (each report once per value)."""
    counted: Counter[str] = Counter()
    for values in reports.values_list(name, flat=True).iterator(2000):
        counted.update(str(labels.get(v, v)) for v in dict.fromkeys(values or []))
    return dict(counted)


@functools.cache
@functools.cache
def factor_names() -> dict[str, str]:
    """Names of the default taxonomy's codes by their stable keys: a shared report carries keys, and
    members' own renamings stay theirs. The data file ships with the code, so it is read once a process
    (callers must not change the dict)."""
    _version, groups = taxonomy.read_default()
    return {entry.key: entry.name for entry in taxonomy.walk(groups)}


# -- panels ---------------------------------------------------------------------------------------------

def _over_time_panel(table: suppression.Table, kinds: dict[str, str]) -> Panel:
    columns = [_("Quarter"), *kinds.values(), _("Total")]
    rows = [Row(str(row.label), [*map(Cell.of, row.cells), Cell.of(row.total)]) for row in table.rows]
    panel = Panel(
        "over-time", _("Reports by quarter and type"), _("Cleared reports each quarter, by type"), columns, rows,
        intro=_("How many cleared reports the members shared each quarter, and of which type."),
        empty_text=_("Nothing has been cleared for sharing by the partnership's members yet."),
        total_row=Row(_("Total"), [*map(Cell.of, table.column_totals), Cell.of(table.total)]))
    if rows:
        values = [{"quarter": str(row.label), "type": kinds[kind], "order": i, charts.COUNT_FIELD: cell.value}
                  for row in table.rows for i, (kind, cell) in enumerate(zip(table.columns, row.cells, strict=True))]
        panel.spec = charts.stacked_bars(
            _("Stacked bar chart of cleared reports each quarter by type. The same numbers are in the table below."),
            values, x="quarter", x_title=_("Quarter"), x_order=[r.label for r in rows], series="type",
            series_title=_("Type"), series_order=list(kinds.values()), y_title=_("Reports"))
    if table.total.value == 0:
        panel.rows, panel.total_row = [], None
    return panel


def consistent_breakdown(counts: dict[str, int], grand_total: suppression.Count, k: int) -> suppression.Breakdown:
    """A breakdown of the reports that the main table also totals. If its own suppression would show
    that total otherwise than the main table does, a reader could combine the two: withhold it."""
    built = suppression.suppress_breakdown(counts, k=k)
    if built.total is not None and built.total.display == grand_total.display:
        return built
    hidden = suppression.Count(suppression.COMPLEMENT_MARK, True, None, "withheld")
    items = [suppression.BreakdownItem(item.label, item.count if item.count.value == 0 else hidden)
             for item in built.items]
    return suppression.Breakdown(items, grand_total, k, withheld=True)


def _breakdown_panel(key: str, title: str, caption: str, column: str, counts: dict[str, int],
                     grand_total: suppression.Count, k: int, *, intro: str) -> Panel:
    built = consistent_breakdown(counts, grand_total, k)
    panel = Panel(key, title, caption, [column, _("Reports")],
                  [Row(str(item.label), [Cell.of(item.count)]) for item in built.items] if grand_total.value != 0 else [],
                  intro=intro, empty_text=_("Nothing to show yet."),
                  total_row=Row(_("Total"), [Cell.of(built.total)]) if built.total is not None else None)
    if built.withheld:
        panel.notes.append(_("These numbers are all hidden: with so few reports, any of them could be worked out."))
    return panel


def _list_panel(key: str, title: str, caption: str, column: str, counts: dict[str, int], k: int, *, intro: str) -> Panel:
    """A many-valued breakdown (a report counts once per value), published with its own total, so that
    a hidden count cannot be had from it, nor from the reports' total when each report has one value.
    Largest first by what is published, hidden ones last by name, so that the order gives nothing away."""
    built = suppression.suppress_breakdown(counts, k=k)
    ranked = sorted(built.items, key=lambda item: (-(item.count.value or 0), str(item.label)))
    panel = Panel(key, title, caption, [column, _("Reports")], [Row(str(i.label), [Cell.of(i.count)]) for i in ranked],
                  intro=intro, empty_text=_("Nothing to show yet."))
    if panel.rows and built.total is not None:
        panel.total_row = Row(_("Total (a report with several is counted for each)"), [Cell.of(built.total)])
        panel.spec = charts.horizontal_bars(
            _("Bar chart of %(what)s. The same numbers are in the table below.") % {"what": caption.lower()},
            [{"label": row.label, charts.COUNT_FIELD: row.cells[0].value} for row in panel.rows],
            y="label", y_title=column, x_title=_("Reports"))
    if built.withheld:
        panel.notes.append(_("These numbers are all hidden: with so few reports, any of them could be worked out."))
    return panel


# -- themes ---------------------------------------------------------------------------------------------

def narrative(fields: tuple[str, ...]) -> str:
    return "\n".join(text.strip() for text in fields if text and text.strip())


def combined_themes(rows: list[tuple[str, ...]], k: int) -> list[Theme]:
    """Group the combined cleared narratives by meaning (intelligence's embedding and clustering) and
    name each group by its distinctive words. A group of fewer than k reports is not a theme here."""
    texts = [narrative(row) for row in rows]
    keep = [i for i, text in enumerate(texts) if text]
    if len(keep) < k:
        return []
    texts = [texts[i] for i in keep]
    labels = clustering.cluster(vectors.embed_texts(texts), min_size=k).labels
    found = sorted(set(labels.tolist()) - {clustering.NOISE})
    if not found:
        return []
    groups = [[t for t, label in zip(texts, labels, strict=True) if label == number] for number in found]
    background = [t for t, label in zip(texts, labels, strict=True) if label == clustering.NOISE]
    terms = clustering.distinctive_terms(groups, background=background)
    counts = suppression.suppress_breakdown([(i, len(g)) for i, g in enumerate(groups)], k=k, with_total=False)
    return [Theme(clustering.label_of(words) or _("Theme %(n)s") % {"n": i + 1}, counts.items[i].count)
            for i, words in enumerate(terms)]


# -- spikes ---------------------------------------------------------------------------------------------

def quarterly_flags(grid: dict[str, dict[str, int]], quarters: list[str], kinds: dict[str, str], k: int) -> list[Flag]:
    """Run intelligence's spike detector over the combined quarterly series: all reports, and each
    type. Raw counts go in; what comes out names only the series, the quarter and the rule (the
    detector never alarms on fewer than min(3, k − 2) reports, so a hidden count keeps two values)."""
    quarters = [q for q in quarters if quarter_start(q) is not None]
    if len(quarters) < 2:
        return []
    by_kind = [[grid.get(q, {}).get(kind, 0) for q in quarters] for kind in kinds]
    raw = np.array([[sum(column) for column in zip(*by_kind, strict=True)], *by_kind])
    detector = spc.Detector(baseline=QUARTERLY_BASELINE, min_observed=min(3, k - 2))
    starts = [start for q in quarters if (start := quarter_start(q)) is not None]
    flags = []
    for name, alarms in zip([_("All reports"), *kinds.values()], spikes.alarms_for(starts, raw, detector), strict=True):
        for found in alarms:
            flags.append(Flag(name, quarters[found.alarm.week], str(spikes.RULE_NAMES.get(found.alarm.rule, found.alarm.rule))))
    return flags
