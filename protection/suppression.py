"""Small-number suppression: the one helper every aggregate, dashboard and export goes through.

In a team of twelve, "2 reports about night-shift medication" can name the reporter. So:

* **Primary suppression.** A count from 1 to k-1 is shown as "<k" (k is
  ``settings.GOODCATCH_SUPPRESSION_K``, default 5). Totals are counts too and follow the same rule.
* **Zeros are published.** "No reports of this kind" points at nobody: there is no reporter to
  identify, and hiding zeros would make every table unreadable. Because a zero is always shown,
  a reader knows that a hidden cell is not zero; the checks below assume they know that.
* **Secondary (complementary) suppression.** A published total must not let a reader subtract their
  way back to a hidden cell. Extra cells, shown as "[c]", are hidden until every hidden number has at
  least two values consistent with everything published. The reader is assumed to know the rules:
  a "<k" cell is 1..k-1, a "[c]" cell is at least k (a zero is never picked as a complement), and a
  complement in a row or column is no larger than the smallest number still published there (it
  was picked as the smallest).
* **Withholding.** Rarely, even hiding every non-zero number is not enough: "<5" for each of
  four cells and "<5" for their total means each is 1. Then the whole table is withheld: every
  non-zero number is shown as "[c]" with no "<k" marks, `withheld` is set so that a template can
  say why, and a reader can only tell that each is at least 1.

How the check works: a table with its row, column and grand totals is a flow network (grand total
→ row totals → cells → column totals → back to the grand total), and every table consistent with
what is published is a circulation in it. A hidden number can take a second value exactly when it
lies on a cycle that can be pushed by one unit within every hidden number's range: a path search
in the residual graph. For integer bounds this is exact, not an approximation.

Known limits, by design: suppression protects one table at a time. Two published tables that
overlap (this month and this year-to-date, or the same data cut two ways) can still be differenced;
build related numbers as one table. Standalone counts shown next to a table must be in that table.
The guarantee is at least two values for every hidden number, not its whole range; a reader who
re-runs this algorithm on candidate tables may sometimes narrow a range further than the marks say.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_K = 5
COMPLEMENT_MARK = "[c]"

State = Literal["shown", "small", "complement", "withheld"]
_INF = float("inf")


def suppression_k() -> int:
    return _valid_k(getattr(settings, "GOODCATCH_SUPPRESSION_K", DEFAULT_K))


def _valid_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or k < 3:
        # With k=2, "<2" would mean exactly 1: the mark itself would disclose the value.
        raise ImproperlyConfigured(f"GOODCATCH_SUPPRESSION_K must be a whole number of at least 3, got {k!r}")
    return k


def _k(k: int | None) -> int:
    return suppression_k() if k is None else _valid_k(k)


def legend(k: int | None = None) -> dict[str, str]:
    """What each mark means, for a table's caption or an export's notes."""
    k = _k(k)
    return {
        f"<{k}": f"Fewer than {k} reports (1 to {k - 1}); hidden so that no reporter can be identified.",
        COMPLEMENT_MARK: "Hidden so that the numbers hidden as fewer than "
                         f"{k} cannot be worked out from the totals.",
    }


@dataclass(frozen=True)
class Count:
    """One published number. `value` is None whenever the number is hidden, so a template or export
    cannot print a suppressed value by mistake."""

    display: str
    suppressed: bool
    value: int | None
    state: State

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class BreakdownItem:
    label: Hashable
    count: Count


@dataclass(frozen=True)
class Breakdown:
    """A 1-D breakdown: items in the order given, then the total (None when shown without one)."""

    items: list[BreakdownItem]
    total: Count | None
    k: int
    withheld: bool = False

    def __getitem__(self, label: Hashable) -> Count:
        for item in self.items:
            if item.label == label:
                return item.count
        raise KeyError(label)

    def as_rows(self) -> list[list[str]]:
        """[label, display] rows for CSV exports, with a final "Total" row."""
        rows = [[str(item.label), item.count.display] for item in self.items]
        if self.total is not None:
            rows.append(["Total", self.total.display])
        return rows


@dataclass(frozen=True)
class TableRow:
    label: Hashable
    cells: list[Count]
    total: Count


@dataclass(frozen=True)
class Table:
    """A 2-D table with row, column and grand totals, ready for a template to loop over."""

    columns: list[Hashable]
    rows: list[TableRow]
    column_totals: list[Count]
    total: Count
    k: int
    withheld: bool = False

    def cell(self, row: Hashable, column: Hashable) -> Count:
        j = self.columns.index(column)
        for table_row in self.rows:
            if table_row.label == row:
                return table_row.cells[j]
        raise KeyError(row)

    def as_rows(self) -> list[list[str]]:
        """Header, body and totals rows of display strings, for CSV exports."""
        out = [["", *(str(c) for c in self.columns), "Total"]]
        for row in self.rows:
            out.append([str(row.label), *(c.display for c in row.cells), row.total.display])
        out.append(["Total", *(c.display for c in self.column_totals), self.total.display])
        return out


def suppress_count(value: int, *, k: int | None = None) -> Count:
    """A single count with nothing published alongside it that could be subtracted from it."""
    k = _k(k)
    _check_count(value)
    return _published(value, "small" if 0 < value < k else "shown", k)


def suppress_breakdown(counts: Mapping[Hashable, int] | Iterable[tuple[Hashable, int]], *, k: int | None = None,
                       with_total: bool = True) -> Breakdown:
    """Suppress a 1-D breakdown (e.g. reports by service area) and, unless told not to, its total."""
    k = _k(k)
    pairs = list(counts.items()) if isinstance(counts, Mapping) else list(counts)
    values = [_check_count(v) for _, v in pairs]
    if not with_total:
        items = [BreakdownItem(label, suppress_count(v, k=k)) for (label, _), v in zip(pairs, values, strict=True)]
        return Breakdown(items, None, k)
    # Two nodes: each cell flows A → B, the total flows back B → A.
    entries = [_Entry(v, 0, 1, lines=("all",), margin=False) for v in values]
    entries.append(_Entry(sum(values), 1, 0, lines=("all",), margin=True))
    states = _protect(entries, k)
    items = [BreakdownItem(label, _published(v, s, k))
             for (label, _), v, s in zip(pairs, values, states[:-1], strict=True)]
    return Breakdown(items, _published(entries[-1].value, states[-1], k), k, withheld="withheld" in states)


def suppress_table(counts: Mapping[Hashable, Mapping[Hashable, int]], *, rows: Sequence[Hashable] | None = None,
                   columns: Sequence[Hashable] | None = None, k: int | None = None) -> Table:
    """Suppress a 2-D table (e.g. service area × stage) with its row, column and grand totals.

    `counts[row][column]`; missing cells are zero. `rows` and `columns` fix the order and may name
    rows or columns with no counts at all.
    """
    k = _k(k)
    row_labels = list(rows) if rows is not None else list(counts)
    if columns is not None:
        col_labels = list(columns)
    else:
        col_labels = list(dict.fromkeys(c for r in row_labels for c in counts.get(r, {})))
    grid = [[_check_count(counts.get(r, {}).get(c, 0)) for c in col_labels] for r in row_labels]
    n_rows, n_cols = len(row_labels), len(col_labels)
    # Nodes: 0 = grand-total source, 1 = sink, then one node per row, then one per column.
    row_node = [2 + i for i in range(n_rows)]
    col_node = [2 + n_rows + j for j in range(n_cols)]
    entries: list[_Entry] = []
    for i in range(n_rows):
        for j in range(n_cols):
            entries.append(_Entry(grid[i][j], row_node[i], col_node[j], lines=(f"r{i}", f"c{j}"), margin=False))
    for i in range(n_rows):
        entries.append(_Entry(sum(grid[i]), 0, row_node[i], lines=(f"r{i}", "cT"), margin=True))
    for j in range(n_cols):
        entries.append(_Entry(sum(grid[i][j] for i in range(n_rows)), col_node[j], 1, lines=(f"c{j}", "rT"),
                              margin=True))
    entries.append(_Entry(sum(map(sum, grid)), 1, 0, lines=("rT", "cT"), margin=True))
    states = _protect(entries, k)
    shown = [_published(e.value, s, k) for e, s in zip(entries, states, strict=True)]
    body, row_totals = shown[: n_rows * n_cols], shown[n_rows * n_cols: n_rows * n_cols + n_rows]
    table_rows = [TableRow(row_labels[i], body[i * n_cols:(i + 1) * n_cols], row_totals[i]) for i in range(n_rows)]
    return Table(col_labels, table_rows, shown[n_rows * n_cols + n_rows: -1], shown[-1], k,
                 withheld="withheld" in states)


# The engine -------------------------------------------------------------------------------------


@dataclass
class _Entry:
    value: int
    tail: int
    head: int
    lines: tuple[str, ...]
    margin: bool


def _check_count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Counts must be whole numbers of at least 0, got {value!r}")
    return value


def _published(value: int, state: State, k: int) -> Count:
    if state == "shown":
        return Count(str(value), False, value, state)
    if state == "small":
        return Count(f"<{k}", True, None, state)
    return Count(COMPLEMENT_MARK, True, None, state)  # a complement, or a withheld table's number


def _protect(entries: list[_Entry], k: int) -> list[State]:
    """Hide small numbers, then add complements until every hidden number has two feasible values."""
    states: list[State] = ["small" if 0 < e.value < k else "shown" for e in entries]
    while True:
        exposed = _first_exposed(entries, states, k)
        if exposed is None:
            return states
        complement = _complement_for(entries, states, exposed)
        if complement is None:
            return ["shown" if e.value == 0 else "withheld" for e in entries]
        states[complement] = "complement"


def _complement_for(entries: list[_Entry], states: list[State], exposed: int) -> int | None:
    """The number to hide next: the smallest published non-zero one from the first non-empty pool of
    body cells sharing a row or column with the exposed number, body cells sharing a line with any
    hidden number, then totals in the same order, then anything. Body cells go first so that totals
    stay published where they can; only the smallest of a pool is ever picked, which is what lets
    `_bounds` say that a complement is no larger than what is still published in one of its lines.
    None when every non-zero number is already hidden."""
    hidden_lines = {line for i, s in enumerate(states) if s != "shown" for line in entries[i].lines}
    near = set(entries[exposed].lines)
    candidates = [i for i, e in enumerate(entries) if states[i] == "shown" and e.value > 0]
    for margin in (False, True):
        for lines in (near, hidden_lines):
            pool = [i for i in candidates if entries[i].margin == margin and lines.intersection(entries[i].lines)]
            if pool:
                return min(pool, key=lambda i: (entries[i].value, i))
    return min(candidates, key=lambda i: (entries[i].margin, entries[i].value, i), default=None)


def _bounds(entries: list[_Entry], states: list[State], k: int) -> dict[int, tuple[float, float]]:
    """What a reader who knows the rules can tell about each hidden number."""
    line_min: dict[str, float] = {}
    for i, e in enumerate(entries):
        if states[i] == "shown" and e.value > 0 and not e.margin:
            for line in e.lines:
                line_min[line] = min(line_min.get(line, _INF), e.value)
    bounds: dict[int, tuple[float, float]] = {}
    for i, e in enumerate(entries):
        if states[i] == "small":
            bounds[i] = (1, k - 1)
        elif states[i] == "complement":
            # A complement was the smallest published number in a line it shares with the number it
            # protects, and numbers only ever go from published to hidden, so in at least one of its
            # lines it is no larger than anything still published there. Totals are picked only
            # when no body cell is left to pick, which bounds nothing.
            hi = _INF if e.margin else max(line_min.get(line, _INF) for line in e.lines)
            bounds[i] = (k, hi)
    return bounds


def _first_exposed(entries: list[_Entry], states: list[State], k: int) -> int | None:
    """The first hidden number that cannot move by one while everything published stays as
    published, or None when every hidden number can."""
    bounds = _bounds(entries, states, k)
    arcs: dict[int, list[tuple[int, int]]] = {}
    for i, (lo, hi) in bounds.items():
        e = entries[i]
        if e.value < hi:
            arcs.setdefault(e.tail, []).append((e.head, i))
        if e.value > lo:
            arcs.setdefault(e.head, []).append((e.tail, i))
    for i, (lo, hi) in bounds.items():
        e = entries[i]
        # Raising it by one unit along tail → head must return from head to tail without using it
        # again; lowering it, the reverse.
        if not ((e.value < hi and _reaches(arcs, e.head, e.tail, i)) or
                (e.value > lo and _reaches(arcs, e.tail, e.head, i))):
            return i
    return None


def _reaches(arcs: dict[int, list[tuple[int, int]]], start: int, goal: int, skip: int) -> bool:
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for nxt, entry in arcs.get(node, ()):
            if entry != skip and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False
