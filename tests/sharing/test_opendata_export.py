"""export_open_data on generated data: what it publishes is suppressed, k-anonymous, free of ids and
dates, and a valid Frictionless data package; each scope publishes only its own reports."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import frictionless
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from protection.models import AuditEntry
from protection.suppression import suppress_breakdown, suppress_table
from sharing.opendata import ALL, DIMENSIONS, QUASI_IDENTIFIERS, check_aggregate
from tests.factories import OrganisationFactory
from tests.sharing.factories import shared_report
from tests.sharing.factories_opendata import generated_reports, organisations

pytestmark = pytest.mark.django_db
K = 5


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _export(folder: Path, *args: str) -> Path:
    call_command("export_open_data", "--output", str(folder), *args)
    return folder


@pytest.fixture
def exported(tmp_path):
    made = generated_reports(300)
    return made, _export(tmp_path / "open-data")


def test_every_published_aggregate_number_is_zero_at_least_five_or_marked(exported):
    _, folder = exported
    marks = Counter()
    for dimension in DIMENSIONS:
        for row in _rows(folder / dimension.file):
            display = row[dimension.count]
            if display in ("<5", "[c]"):
                marks[display] += 1
            else:
                assert int(display) == 0 or int(display) >= K, (dimension.file, row)
    assert marks["<5"] > 0 and marks["[c]"] > 0  # the generated data has small cells, and they needed complements


def test_each_aggregate_file_is_the_suppression_module_s_table_of_the_true_counts(exported):
    """So the module's guarantee holds for each file as written: no hidden number has a single value
    consistent with everything published (its primary and secondary suppression)."""
    made, folder = exported
    regions = {o.pk: o.region for o in {r.organisation for r in made}}
    for dimension in DIMENSIONS:
        counts: dict[str, Counter] = defaultdict(Counter)
        for report in made:
            if dimension.name == "contributing_factor":
                values = report.factor_codes or ["not_coded"]
            elif dimension.name == "region_band":
                values = [regions[report.organisation_id]]
            elif dimension.name == "sector":
                values = [report.organisation.sector]
            else:
                values = [getattr(report, dimension.name)]
            for value in values:
                counts[report.period][value] += 1
        published = {(r["period"], r[dimension.name]): r[dimension.count] for r in _rows(folder / dimension.file)}
        periods = sorted({p for p, _ in published if p != ALL})
        columns = sorted({v for _, v in published if v != ALL}, key=lambda v: (v == "not_coded", v))
        if not periods:  # published over all quarters together
            totals = Counter()
            for by_value in counts.values():
                totals.update(by_value)
            breakdown = suppress_breakdown([(v, totals[v]) for v in columns], k=K)
            assert {v: published[(ALL, v)] for v in columns} == {i.label: i.count.display for i in breakdown.items}
            continue
        table = suppress_table(counts, rows=periods, columns=columns, k=K)
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                assert published[(row.label, column)] == cell.display, (dimension.file, row.label, column)
            assert published[(row.label, ALL)] == row.total.display
        assert published[(ALL, ALL)] == str(len(made)) if dimension.count == "reports" else True
        # and, line by line, no hidden number can be worked out by subtraction
        assert check_aggregate(dimension.file, [[p, v, d] for (p, v), d in published.items()], K) == []


def test_report_count_files_publish_the_same_quarter_totals(exported):
    _, folder = exported
    totals = {d.file: {r["period"]: r["reports"] for r in _rows(folder / d.file) if r[d.name] == ALL}
              for d in DIMENSIONS if d.count == "reports"}
    by_quarter = [t for t in totals.values() if len(t) > 1]  # the files published by quarter
    first = by_quarter[0]
    assert len(by_quarter) >= 4 and all(t == first for t in by_quarter)
    assert all(t[ALL] == first[ALL] for t in totals.values())
    assert all(v.isdigit() for v in first.values())  # never hidden in one file and shown in another


def test_the_record_level_file_is_five_anonymous_recomputed_from_the_csv(exported):
    made, folder = exported
    rows = _rows(folder / "reports.csv")
    classes = Counter(tuple(row[qi] for qi in QUASI_IDENTIFIERS) for row in rows)
    assert len(rows) > 200  # most reports are published, not thrown away
    assert min(classes.values()) >= K
    assert len(classes) > 1
    assert {row["what_happened"] for row in rows} <= {r.what_happened for r in made}


def test_no_public_id_internal_id_or_exact_date_in_any_file(exported):
    made, folder = exported
    text = "\n".join(path.read_text(encoding="utf-8") for path in folder.iterdir())
    tokens = set(re.findall(r"[A-Za-z0-9_-]+", text))
    assert not tokens & {r.public_id for r in made}
    row_ids = [row["row_id"] for row in _rows(folder / "reports.csv")]
    assert len(set(row_ids)) == len(row_ids)
    assert not set(row_ids) & ({str(r.pk) for r in made} | {r.public_id for r in made})
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", text)
    assert timezone.localdate().isoformat() not in text
    assert "camden" not in text.lower() and "council" not in text.lower()  # no organisation either


def test_the_package_validates_with_frictionless_and_documents_every_field(exported):
    _, folder = exported
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert {r["path"] for r in package["resources"]} == {p.name for p in folder.iterdir()} - {"datapackage.json"}
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["name"] and field["type"] in ("string", "integer") and len(field["description"]) > 20
            assert "constraints" in field
        if resource["path"].startswith("aggregates"):
            assert resource["schema"]["missingValues"] == ["<5", "[c]"]


def test_one_organisation_s_export_holds_only_its_reports(tmp_path):
    orgs = organisations()
    made = generated_reports(200, orgs=orgs, periods=("2026-Q3",))
    cardiff = [r for r in made if r.organisation.slug == "cardiff"]
    folder = _export(tmp_path / "cardiff", "--organisation", "cardiff")
    regions = _rows(folder / "aggregates_by_region_band.csv")
    assert {r["region_band"] for r in regions} == {"wales", ALL}
    assert [r["reports"] for r in regions if r["period"] == ALL and r["region_band"] == ALL] == [str(len(cardiff))]
    published = _rows(folder / "reports.csv")
    assert len(published) <= len(cardiff)
    assert {r["region_band"] for r in published} <= {"wales", ALL}
    assert AuditEntry.objects.filter(action="sharing.open_data_exported", organisation_id=cardiff[0].organisation_id).exists()


def test_the_hub_scope_adds_reports_received_from_other_instances(tmp_path):
    orgs = organisations()
    local = generated_reports(60, orgs=orgs, periods=("2026-Q2", "2026-Q3"))
    received = generated_reports(40, seed=7, orgs=orgs, periods=("2026-Q3",), origin="north-instance")
    total = lambda folder: next(r["reports"] for r in _rows(folder / "aggregates_by_kind.csv")  # noqa: E731
                                if r["period"] == ALL and r["kind"] == ALL)
    assert total(_export(tmp_path / "instance")) == str(len(local))
    assert total(_export(tmp_path / "hub", "--hub")) == str(len(local) + len(received))


def test_withdrawn_reports_are_never_published(tmp_path):
    orgs = organisations()
    made = generated_reports(50, orgs=orgs, periods=("2026-Q3",))
    withdrawn = generated_reports(20, seed=3, orgs=orgs, periods=("2026-Q3",), withdrawn_at=timezone.now(),
                                  what_happened="A withdrawn story that must never be published.")
    folder = _export(tmp_path / "out")
    text = "\n".join(p.read_text(encoding="utf-8") for p in folder.iterdir())
    assert "withdrawn story" not in text
    assert next(r["reports"] for r in _rows(folder / "aggregates_by_kind.csv")
                if r["period"] == ALL and r["kind"] == ALL) == str(len(made))
    assert withdrawn


def test_too_little_data_gives_empty_but_valid_files(tmp_path):
    organisation = OrganisationFactory(slug="tiny", region="scotland")
    for _ in range(3):
        shared_report(organisation)
    folder = _export(tmp_path / "tiny")
    assert _rows(folder / "reports.csv") == []
    # the only quarter has 3 reports: it is left out, and only the zero grand total remains
    assert _rows(folder / "aggregates_by_kind.csv") == [{"period": ALL, "kind": ALL, "reports": "0"}]
    assert frictionless.validate(str(folder / "datapackage.json")).valid


def test_a_report_whose_text_still_holds_an_exact_date_is_left_out_of_the_record_file(tmp_path, capsys):
    orgs = organisations()
    generated_reports(60, orgs=orgs, what_happened="The visit was missed.")
    generated_reports(6, seed=5, orgs=orgs, what_happened="The visit on 14/03/2026 was missed.")
    folder = _export(tmp_path / "out")
    assert "14/03/2026" not in (folder / "reports.csv").read_text()
    assert "6 report(s) left out of reports.csv" in capsys.readouterr().err


def test_an_unknown_organisation_exits_non_zero_and_writes_nothing(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_open_data", "--output", str(tmp_path / "out"), "--organisation", "nowhere")
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_breakdown_too_sparse_by_quarter_is_published_over_all_quarters_and_agrees_with_the_others(tmp_path):
    orgs = organisations()
    generated_reports(60, orgs=orgs, periods=("2026-Q2", "2026-Q3"))
    folder = _export(tmp_path / "out")
    files = {d.file: _rows(folder / d.file) for d in DIMENSIONS if d.count == "reports"}
    sparse = [name for name, rows in files.items() if {r["period"] for r in rows} == {ALL}]
    by_quarter = [name for name in files if name not in sparse]
    assert sparse and by_quarter  # service areas are too many for 30 reports a quarter; kinds are not
    grand = {name: next(r["reports"] for r in rows if list(r.values())[:2] == [ALL, ALL]) for name, rows in files.items()}
    assert set(grand.values()) == {"60"}
    for name in sparse:
        assert check_aggregate(name, [list(r.values()) for r in files[name]], K) == []
    assert frictionless.validate(str(folder / "datapackage.json")).valid


def test_an_output_that_is_a_file_exits_non_zero_and_leaves_it_alone(tmp_path):
    generated_reports(20, periods=("2026-Q3",))
    target = tmp_path / "out"
    target.write_text("not a folder")
    with pytest.raises(CommandError, match="nothing written"):
        call_command("export_open_data", "--output", str(target))
    assert target.read_text() == "not a folder"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind


def test_one_organisation_and_the_hub_cannot_be_asked_for_at_once(tmp_path):
    with pytest.raises(CommandError):
        call_command("export_open_data", "--output", str(tmp_path / "out"), "--organisation", "camden", "--hub")
