"""The check export_open_data runs on what it wrote, before moving it into place: it names the cell or
class that would break suppression or k-anonymity, and an invalid package."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from sharing.opendata import OpenDataError, check_aggregate, check_export, check_reports, k_anonymise, read_scope
from tests.sharing.factories_opendata import generated_reports

K = 5
HEADER = ["row_id", "period", "region_band", "service_area", "kind", "stage", "agencies", "potential_harm", "risk_band",
          "factor_codes", "what_happened", "potential_harm_text", "how_noticed", "what_would_help"]


def test_a_small_number_shown_is_named_with_its_cell():
    rows = [["2026-Q3", "fostering_adoption", "3"], ["2026-Q3", "children", "12"], ["2026-Q3", "all", "15"],
            ["all", "fostering_adoption", "3"], ["all", "children", "12"], ["all", "all", "15"]]
    problems = check_aggregate("aggregates_by_service_area.csv", rows, K)
    assert "aggregates_by_service_area.csv: 2026-Q3 × fostering_adoption is 3, below 5" in problems


def test_a_hidden_number_the_totals_give_away_is_named():
    # one hidden cell in a row whose total is shown: 15 - 12 = 3
    rows = [["2026-Q3", "fostering_adoption", "<5"], ["2026-Q3", "children", "12"], ["2026-Q3", "all", "15"],
            ["2026-Q4", "fostering_adoption", "[c]"], ["2026-Q4", "children", "[c]"], ["2026-Q4", "all", "20"],
            ["all", "fostering_adoption", "[c]"], ["all", "children", "[c]"], ["all", "all", "35"]]
    problems = check_aggregate("aggregates_by_service_area.csv", rows, K)
    assert ("aggregates_by_service_area.csv: 2026-Q3 × fostering_adoption can be worked out from its row or column "
            "and the totals") in problems


def test_a_properly_suppressed_table_passes():
    rows = [["2026-Q3", "a", "<5"], ["2026-Q3", "b", "[c]"], ["2026-Q3", "all", "15"],
            ["2026-Q4", "a", "[c]"], ["2026-Q4", "b", "[c]"], ["2026-Q4", "all", "20"],
            ["all", "a", "9"], ["all", "b", "26"], ["all", "all", "35"]]
    assert check_aggregate("t.csv", rows, K) == []


def test_a_record_class_below_k_is_named():
    rows = [[f"R{n:06d}", "2026", "england", "children_and_families", "near_miss", "all", "", "2", "low", "", "x", "", "",
             ""] for n in range(1, 4)]
    problems = check_reports(rows, HEADER, K)
    assert problems == ["reports.csv: the class period=2026, region_band=england, service_area=children_and_families, "
                        "kind=near_miss, stage=all has 3 record(s), below 5"]


@pytest.mark.django_db
def test_k_anonymisation_generalises_before_it_leaves_records_out_and_never_publishes_a_small_class():
    generated_reports(120)
    records = read_scope().records
    anonymised = k_anonymise(records, K)
    assert any(level > 0 for level in anonymised.levels.values())
    assert anonymised.left_out <= max(K, len(records) // 20)
    assert check_reports([[f"R{n:06d}", r.period, r.region_band, r.service_area, r.kind, r.stage, "", "0", "", "", "", "",
                           "", ""] for n, r in enumerate(anonymised.records)], HEADER, K) == []
    assert k_anonymise(records, K).levels == anonymised.levels  # deterministic


def _rewrite(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    change(rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.mark.django_db
def test_the_check_on_written_files_names_a_tampered_cell_class_and_field(tmp_path):
    made = generated_reports(300)
    folder = tmp_path / "out"
    call_command("export_open_data", "--output", str(folder))
    public_ids = {r.public_id for r in made}
    assert check_export(folder, K, public_ids=public_ids) == []

    def small_cell(rows):
        row = next(r for r in rows[1:] if r[1] != "all" and r[2].isdigit() and int(r[2]) >= K and r[0] != "all")
        row[2] = "3"
        return row

    tampered = []
    _rewrite(folder / "aggregates_by_kind.csv", lambda rows: tampered.append(small_cell(rows)))
    _rewrite(folder / "reports.csv", lambda rows: rows.__setitem__(1, [*rows[1][:1], "1999", *rows[1][2:]]))
    _rewrite(folder / "reports.csv", lambda rows: rows.__setitem__(2, [*rows[2][:7], "9", *rows[2][8:]]))
    problems = check_export(folder, K, public_ids=public_ids)
    period, kind, _ = tampered[0]
    assert f"aggregates_by_kind.csv: {period} × {kind} is 3, below 5" in problems
    assert any(p.startswith("reports.csv: the class period=1999,") and p.endswith("has 1 record(s), below 5")
               for p in problems)

    # with the numbers right again, the frictionless validation of the package still catches the harm of 9
    _rewrite(folder / "aggregates_by_kind.csv", lambda rows: None)
    call_command("export_open_data", "--output", str(folder))
    _rewrite(folder / "reports.csv", lambda rows: rows.__setitem__(2, [*rows[2][:7], "9", *rows[2][8:]]))
    problems = check_export(folder, K, public_ids=public_ids)
    assert problems and all("reports" in p for p in problems)
    assert any("maximum" in p or "constraint" in p for p in problems)


@pytest.mark.django_db
def test_a_public_id_in_a_file_is_caught(tmp_path):
    made = generated_reports(100, periods=("2026-Q3",))
    folder = tmp_path / "out"
    call_command("export_open_data", "--output", str(folder))
    _rewrite(folder / "reports.csv", lambda rows: rows.__setitem__(1, [*rows[1][:10], made[0].public_id, *rows[1][11:]]))
    assert "reports.csv: holds a shared report's public id" in check_export(folder, K, public_ids={made[0].public_id})


def test_the_error_lists_every_problem():
    error = OpenDataError(["a.csv: 2026-Q3 × x is 3, below 5", "b.csv: 2026-Q3 × y is 2, below 5"])
    assert error.problems == ["a.csv: 2026-Q3 × x is 3, below 5", "b.csv: 2026-Q3 × y is 2, below 5"]
    assert "b.csv" in str(error)
