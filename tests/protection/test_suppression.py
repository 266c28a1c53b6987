"""Small-number suppression: no hidden number can be worked back out of what is published.

The property tests play the reader. From a published table alone (plus k) they rebuild the integer
problem "which values could each hidden number take?" and solve it by brute force with bound
propagation, independently of the module's own flow-network check.
"""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from protection.suppression import (
    COMPLEMENT_MARK,
    Breakdown,
    BreakdownItem,
    Count,
    Table,
    legend,
    suppress_breakdown,
    suppress_count,
    suppress_table,
    suppression_k,
)

# Mostly small counts, so that most tables need suppression, with some larger ones to complement.
counts = st.one_of(st.integers(0, 4), st.integers(0, 14))
ks = st.sampled_from([3, 5])


# The reader's side ------------------------------------------------------------------------------


class Problem:
    """Unknowns with integer ranges, and equations "sum of signed terms == constant"."""

    def __init__(self) -> None:
        self.domains: dict[str, tuple[int, int]] = {}
        self.equations: list[tuple[list[tuple[int, str | int]], int]] = []

    def feasible(self, fixed: dict[str, int]) -> bool:
        domains = {v: (fixed[v], fixed[v]) if v in fixed else d for v, d in self.domains.items()}
        return _search(domains, self.equations)


def _propagate(domains: dict[str, tuple[int, int]], equations) -> dict[str, tuple[int, int]] | None:
    domains = dict(domains)
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            # Each term is (sign, name) for an unknown or (sign, value) for a published number.
            rest = constant - sum(sign * t for sign, t in terms if isinstance(t, int))
            unknown = [(sign, t) for sign, t in terms if isinstance(t, str)]
            low = sum(sign * domains[t][0 if sign > 0 else 1] for sign, t in unknown)
            high = sum(sign * domains[t][1 if sign > 0 else 0] for sign, t in unknown)
            if not low <= rest <= high:
                return None
            for sign, t in unknown:
                lo, hi = domains[t]
                others_low = low - sign * (lo if sign > 0 else hi)
                others_high = high - sign * (hi if sign > 0 else lo)
                # sign * t == rest - others, so t lies between these two values.
                a, b = sorted(((rest - others_high) * sign, (rest - others_low) * sign))
                new = (max(lo, a), min(hi, b))
                if new[0] > new[1]:
                    return None
                if new != (lo, hi):
                    domains[t] = new
                    changed = True
                    break
            if changed:
                break
    return domains


def _search(domains, equations) -> bool:
    domains = _propagate(domains, equations)
    if domains is None:
        return False
    open_vars = [v for v, (lo, hi) in domains.items() if lo < hi]
    if not open_vars:
        return True
    var = min(open_vars, key=lambda v: domains[v][1] - domains[v][0])
    lo, hi = domains[var]
    return any(_search({**domains, var: (value, value)}, equations) for value in range(lo, hi + 1))


def _range_for(count: Count, k: int, cap: int, line_minima: list[int | None]) -> tuple[int, int]:
    if count.state == "small":
        return 1, k - 1
    if count.state == "withheld":
        return 1, cap
    # A complement is at least k (zeros are always shown) and, for a body cell, no larger than
    # the smallest number still published in at least one of its lines.
    hi = cap
    if line_minima:
        bounds = [m if m is not None else cap for m in line_minima]
        hi = min(cap, max(bounds))
    return k, hi


def _published_min(cells: list[Count]) -> int | None:
    values = [c.value for c in cells if not c.suppressed and c.value]
    return min(values) if values else None


def reader_problem_for_table(table: Table, cap: int) -> tuple[Problem, dict[str, Count]]:
    k = table.k
    problem = Problem()
    names: dict[str, Count] = {}

    def term(name: str, count: Count, line_minima: list[int | None]):
        if not count.suppressed:
            return (1, count.value)
        names[name] = count
        problem.domains[name] = _range_for(count, k, cap, line_minima)
        return (1, name)

    n_cols = len(table.columns)
    row_min = [_published_min(r.cells) for r in table.rows]
    col_min = [_published_min([r.cells[j] for r in table.rows]) for j in range(n_cols)]
    cell_terms = [[term(f"x{i},{j}", c, [row_min[i], col_min[j]]) for j, c in enumerate(r.cells)]
                  for i, r in enumerate(table.rows)]
    row_terms = [term(f"r{i}", r.total, []) for i, r in enumerate(table.rows)]
    col_terms = [term(f"c{j}", c, []) for j, c in enumerate(table.column_totals)]
    total_term = term("total", table.total, [])

    def neg(t):
        return (-1, t[1])

    for i in range(len(table.rows)):
        problem.equations.append(([*cell_terms[i], neg(row_terms[i])], 0))
    for j in range(n_cols):
        problem.equations.append(([*(cell_terms[i][j] for i in range(len(table.rows))), neg(col_terms[j])], 0))
    problem.equations.append(([*row_terms, neg(total_term)], 0))
    problem.equations.append(([*col_terms, neg(total_term)], 0))
    return problem, names


def reader_problem_for_breakdown(breakdown: Breakdown, cap: int) -> tuple[Problem, dict[str, Count]]:
    k = breakdown.k
    problem = Problem()
    names: dict[str, Count] = {}
    smallest = _published_min([item.count for item in breakdown.items])
    terms = []
    for j, item in enumerate(breakdown.items):
        if item.count.suppressed:
            names[f"x{j}"] = item.count
            problem.domains[f"x{j}"] = _range_for(item.count, k, cap, [smallest])
            terms.append((1, f"x{j}"))
        else:
            terms.append((1, item.count.value))
    assert breakdown.total is not None
    if breakdown.total.suppressed:
        names["total"] = breakdown.total
        problem.domains["total"] = _range_for(breakdown.total, k, cap, [])
        terms.append((-1, "total"))
    else:
        terms.append((-1, breakdown.total.value))
    problem.equations.append((terms, 0))
    return problem, names


def assert_no_hidden_number_is_pinned(problem: Problem, names: dict[str, Count], truth: dict[str, int]) -> None:
    assert problem.feasible(truth), "the true table must be consistent with what the reader knows"
    for name in names:
        lo, hi = problem.domains[name]
        others = [v for v in range(lo, hi + 1) if v != truth[name]]
        assert any(problem.feasible({name: v}) for v in others), (
            f"{name} (really {truth[name]}) can be worked out from the published numbers")


def table_truth(grid: list[list[int]]) -> dict[str, int]:
    truth = {f"x{i},{j}": v for i, row in enumerate(grid) for j, v in enumerate(row)}
    truth.update({f"r{i}": sum(row) for i, row in enumerate(grid)})
    truth.update({f"c{j}": sum(row[j] for row in grid) for j in range(len(grid[0]))})
    truth["total"] = sum(map(sum, grid))
    return truth


def as_counts(grid: list[list[int]]) -> dict[int, dict[int, int]]:
    return {i: dict(enumerate(row)) for i, row in enumerate(grid)}


# Properties ------------------------------------------------------------------------------------


@hsettings(max_examples=300, deadline=None)
@given(values=st.lists(counts, min_size=1, max_size=7), k=ks)
def test_no_hidden_cell_of_a_breakdown_can_be_worked_out_from_its_total(values, k):
    breakdown = suppress_breakdown(dict(enumerate(values)), k=k)
    truth = {f"x{j}": v for j, v in enumerate(values)} | {"total": sum(values)}
    problem, names = reader_problem_for_breakdown(breakdown, cap=sum(values) + k)
    assert_no_hidden_number_is_pinned(problem, names, truth)


@hsettings(max_examples=200, deadline=None)
@given(shape=st.tuples(st.integers(1, 3), st.integers(1, 4)), data=st.data(), k=ks)
def test_no_hidden_number_of_a_table_can_be_worked_out_from_its_totals(shape, data, k):
    n_rows, n_cols = shape
    grid = data.draw(st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    table = suppress_table(as_counts(grid), k=k)
    truth = table_truth(grid)
    problem, names = reader_problem_for_table(table, cap=truth["total"] + k)
    assert_no_hidden_number_is_pinned(problem, names, truth)


@hsettings(max_examples=200, deadline=None)
@given(shape=st.tuples(st.integers(1, 4), st.integers(1, 4)), data=st.data(), k=ks)
def test_tables_publish_true_numbers_hide_every_small_one_and_show_every_zero(shape, data, k):
    n_rows, n_cols = shape
    grid = data.draw(st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    table = suppress_table(as_counts(grid), k=k)
    truth = table_truth(grid)
    published = {f"x{i},{j}": c for i, r in enumerate(table.rows) for j, c in enumerate(r.cells)}
    published |= {f"r{i}": r.total for i, r in enumerate(table.rows)}
    published |= {f"c{j}": c for j, c in enumerate(table.column_totals)} | {"total": table.total}
    for name, count in published.items():
        value = truth[name]
        if value == 0:
            assert count.display == "0" and not count.suppressed
        elif table.withheld:
            assert count.display == COMPLEMENT_MARK and count.state == "withheld"
        elif value < k:
            assert count.display == f"<{k}" and count.state == "small"
        elif count.suppressed:
            assert count.display == COMPLEMENT_MARK and count.state == "complement"
        else:
            assert count.display == str(value)
        assert (count.value is None) == count.suppressed
        if not count.suppressed:
            assert count.value == value
    # The classic rule falls out of the exact check: a row or column whose total is published
    # never has exactly one hidden cell.
    lines = [(r.cells, r.total) for r in table.rows]
    lines += [([r.cells[j] for r in table.rows], table.column_totals[j]) for j in range(n_cols)]
    lines += [([r.total for r in table.rows], table.total), (table.column_totals, table.total)]
    for cells, total in lines:
        if not total.suppressed:
            assert sum(c.suppressed for c in cells) != 1


def test_the_reader_check_catches_suppression_without_complements():
    # Hiding only the small cell would let anyone subtract it from the total.
    naive = Breakdown([BreakdownItem("a", Count("<5", True, None, "small")),
                       BreakdownItem("b", Count("40", False, 40, "shown"))], Count("43", False, 43, "shown"), 5)
    problem, names = reader_problem_for_breakdown(naive, cap=50)
    with pytest.raises(AssertionError, match="can be worked out"):
        assert_no_hidden_number_is_pinned(problem, names, {"x0": 3, "total": 43})


# Examples --------------------------------------------------------------------------------------


def test_small_counts_are_shown_as_fewer_than_k_and_zero_is_shown():
    assert [suppress_count(n, k=5).display for n in (0, 1, 4, 5, 120)] == ["0", "<5", "<5", "5", "120"]
    assert suppress_count(3, k=5).value is None
    assert str(suppress_count(7, k=5)) == "7"


def test_a_lone_hidden_cell_takes_the_next_smallest_cell_with_it():
    breakdown = suppress_breakdown({"Adults": 3, "Children": 40, "Mental health": 12, "Other": 0}, k=5)
    assert [i.count.display for i in breakdown.items] == ["<5", "40", COMPLEMENT_MARK, "0"]
    assert breakdown.total.display == "55"
    assert breakdown["Children"].value == 40


def test_a_complement_tied_with_the_next_published_cell_is_not_enough():
    # With 4, 5, 5 and total 14, hiding the 4 and one 5 would leave the reader "the hidden 5 is at
    # least 5 and, being the smallest, at most 5", which gives away the 4.
    breakdown = suppress_breakdown([("a", 4), ("b", 5), ("c", 5)], k=5)
    assert [i.count.display for i in breakdown.items] == ["<5", COMPLEMENT_MARK, COMPLEMENT_MARK]


def test_when_no_cell_can_hide_a_small_one_the_total_is_hidden():
    breakdown = suppress_breakdown({"a": 1, "b": 5}, k=5)
    assert [i.count.display for i in breakdown.items] == ["<5", COMPLEMENT_MARK]
    assert breakdown.total.suppressed


def test_a_small_total_is_hidden_like_any_other_count():
    breakdown = suppress_breakdown({"a": 2, "b": 0}, k=5)
    assert breakdown.total.display == "<5"
    assert breakdown["b"].display == "0"


def test_without_a_total_only_small_counts_are_hidden():
    breakdown = suppress_breakdown({"a": 2, "b": 9}, k=5, with_total=False)
    assert breakdown.total is None
    assert breakdown.as_rows() == [["a", "<5"], ["b", "9"]]


def test_a_table_hides_a_small_cell_with_a_cycle_of_complements_and_keeps_its_totals():
    table = suppress_table({"Adults": {"Referral": 1, "Review": 10}, "Children": {"Referral": 20, "Review": 30}}, k=5)
    assert table.as_rows() == [
        ["", "Referral", "Review", "Total"],
        ["Adults", "<5", COMPLEMENT_MARK, "11"],
        ["Children", COMPLEMENT_MARK, COMPLEMENT_MARK, "50"],
        ["Total", "21", "40", "61"],
    ]
    assert table.cell("Children", "Review").suppressed


def test_a_table_whose_marks_alone_would_give_it_away_is_withheld():
    # Four "<5" cells and a "<5" total could only be 1, 1, 1, 1.
    breakdown = suppress_breakdown({"a": 1, "b": 1, "c": 0, "d": 1, "e": 1}, k=5)
    assert breakdown.withheld
    assert [i.count.display for i in breakdown.items] == [COMPLEMENT_MARK] * 2 + ["0"] + [COMPLEMENT_MARK] * 2
    assert breakdown.total.state == "withheld"
    assert not suppress_breakdown({"a": 1, "b": 1, "c": 1}, k=5).withheld


def test_rows_and_columns_can_be_named_even_when_empty():
    table = suppress_table({"a": {"x": 7}}, rows=["a", "b"], columns=["x", "y"], k=5)
    assert [[c.display for c in r.cells] for r in table.rows] == [["7", "0"], ["0", "0"]]


def test_k_comes_from_settings(settings):
    settings.GOODCATCH_SUPPRESSION_K = 10
    assert suppression_k() == 10
    assert suppress_count(9).display == "<10"
    assert "<10" in legend()


def test_k_defaults_to_five(settings):
    del settings.GOODCATCH_SUPPRESSION_K
    assert suppression_k() == 5


@pytest.mark.parametrize("bad", [2, 0, "5", 4.5, True])
def test_a_k_that_would_disclose_by_itself_stops_with_a_clear_error(settings, bad):
    settings.GOODCATCH_SUPPRESSION_K = bad
    with pytest.raises(ImproperlyConfigured, match="GOODCATCH_SUPPRESSION_K"):
        suppress_count(1)


@pytest.mark.parametrize("bad", [-1, 2.0, None])
def test_counts_must_be_whole_and_not_negative(bad):
    with pytest.raises(ValueError, match="whole numbers"):
        suppress_breakdown({"a": bad}, k=5)


def test_a_dashboard_sized_table_is_quick():
    grid = {f"row{i}": {f"col{j}": (i * 7 + j * 3) % 9 for j in range(12)} for i in range(15)}
    started = time.perf_counter()
    table = suppress_table(grid, k=5)
    assert time.perf_counter() - started < 2
    assert any(c.suppressed for r in table.rows for c in r.cells)


def test_a_k_passed_directly_is_checked_too():
    with pytest.raises(ImproperlyConfigured):
        suppress_breakdown({"a": 1}, k=2)
