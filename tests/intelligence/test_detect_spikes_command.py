"""`manage.py detect_spikes --input SERIES.csv --output ALERTS.csv` on good and bad input."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command

FIRST_MONDAY = dt.date(2024, 1, 1)


def rows_for(name: str, counts: list[int], start: dt.date = FIRST_MONDAY) -> list[str]:
    return [f"{name},{(start + dt.timedelta(weeks=i)).isoformat()},{count}" for i, count in enumerate(counts)]


def write(path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(tmp_path, lines: list[str]) -> tuple[list[dict], str]:
    source = write(tmp_path / "series.csv", lines)
    output = tmp_path / "alerts.csv"
    call_command("detect_spikes", "--input", source, "--output", str(output))
    with open(output, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f)), output.read_text(encoding="utf-8")


def test_a_spike_in_one_series_gives_one_alert_row(tmp_path):
    lines = ["series,week,count", *rows_for("health", [4] * 30 + [14] + [4] * 3), *rows_for("quiet", [5] * 34)]
    alerts, text = run(tmp_path, lines)
    assert text.splitlines()[0] == "series,week,observed,expected,upper,rule"
    assert alerts == [{"series": "health", "week": "2024-07-29", "observed": "14", "expected": "4.00",
                       "upper": alerts[0]["upper"], "rule": "week"}]
    assert 10 <= int(alerts[0]["upper"]) < 14  # see test_spc: Poisson(4) at 0.004 gives 10


def test_rows_in_any_order_and_extra_columns_are_accepted(tmp_path):
    lines = rows_for("health", [4] * 30 + [14])
    alerts, _ = run(tmp_path, ["week,note,count,series", *(f"{w},x,{c},{s}" for s, w, c in
                                                           (line.split(",") for line in reversed(lines)))])
    assert [(a["series"], a["week"]) for a in alerts] == [("health", "2024-07-29")]


def test_output_is_deterministic(tmp_path):
    import numpy as np
    rng = np.random.default_rng(5)
    lines = ["series,week,count"]
    for name in ("a", "b", "c"):
        lines += rows_for(name, [int(x) for x in rng.poisson(6, 80)] + [20, 22, 18])
    _, first = run(tmp_path, lines)
    _, second = run(tmp_path, lines)
    assert first == second
    assert len(first.splitlines()) > 1


def test_an_empty_file_is_refused(tmp_path):
    source = write(tmp_path / "empty.csv", [""])
    with pytest.raises(CommandError, match="empty"):
        call_command("detect_spikes", "--input", source, "--output", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_missing_columns_are_named(tmp_path):
    source = write(tmp_path / "bad.csv", ["series,date,n", "a,2024-01-01,3"])
    with pytest.raises(CommandError, match=r"line 1: missing column\(s\) week, count"):
        call_command("detect_spikes", "--input", source, "--output", str(tmp_path / "out.csv"))


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("detect_spikes", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "out.csv"))


@pytest.mark.parametrize(("bad_row", "message"), [
    ("broken,2024-13-01,4", "line 3: week '2024-13-01' of series 'broken' is not a date"),
    ("broken,2024-01-09,4", "line 3: week 2024-01-09 of series 'broken' is a Tuesday, not the Monday"),
    ("broken,2024-01-08,-2", "line 3: count -2 of series 'broken' is negative"),
    ("broken,2024-01-08,2.5", "line 3: count '2.5' of series 'broken' is not a whole number"),
    ("broken,2024-01-15,4", "line 3: series 'broken' is not consecutive: 1 week(s) missing"),
    ("broken,2024-01-01,4", "line 3: week 2024-01-01 of series 'broken' repeats line 2"),
])
def test_a_bad_row_names_its_line_and_the_other_series_still_run(tmp_path, capsys, bad_row, message):
    lines = ["series,week,count", "broken,2024-01-01,3", bad_row,
             *rows_for("broken", [4] * 40, start=dt.date(2024, 1, 22)),
             *rows_for("good", [4] * 30 + [14])]
    source = write(tmp_path / "series.csv", lines)
    output = tmp_path / "alerts.csv"
    with pytest.raises(CommandError, match="1 series skipped"):
        call_command("detect_spikes", "--input", source, "--output", str(output))
    assert message in capsys.readouterr().err
    with open(output, encoding="utf-8", newline="") as f:
        alerts = list(csv.DictReader(f))
    assert {a["series"] for a in alerts} == {"good"}


def test_a_header_only_file_writes_no_alerts(tmp_path):
    alerts, text = run(tmp_path, ["series,week,count"])
    assert alerts == [] and text.strip() == "series,week,observed,expected,upper,rule"
