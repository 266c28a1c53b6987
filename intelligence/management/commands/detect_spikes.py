"""Run the product's spike detector on external weekly series.

    python manage.py detect_spikes --input SERIES.csv --output ALERTS.csv

Input: CSV with a header naming at least `series,week,count` (other columns are ignored). `week` is
the ISO date (YYYY-MM-DD) of a Monday; each series' weeks must be consecutive (rows may come in any
order; they are sorted by week). `count` is a whole number, 0 or more.

Output: one row per alarmed week, `series,week,observed,expected,upper,rule`, series in the order
they first appear, weeks in order. `observed`, `expected` and `upper` cover the same span: the
rule's weeks ending with `week` (`week`: that week alone; `scan-2w`, `scan-3w`: the two or three
weeks together; `ewma`: the smoothed weekly level against its limit). A week alarms when `observed`
is above `upper`. Nothing is alarmed until a series has `guard + min_history` (12) weeks.

A problem in the file's structure (missing, empty, no header, a missing column) stops the command
before anything is written. A problem in a row (not a date, not a Monday, a negative or non-whole
count, a repeated or missing week) is reported with its line number and skips that series only;
the other series still run, their alerts are written, and the command then exits with an error.
Deterministic: the same input gives the same output.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from intelligence import spikes

COLUMNS = ("series", "week", "count")
OUTPUT = ("series", "week", "observed", "expected", "upper", "rule")


@dataclass
class _Series:
    rows: list[tuple[int, dt.date, int]] = field(default_factory=list)  # (line, week, count)
    errors: list[str] = field(default_factory=list)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


class Command(BaseCommand):
    help = ("Run the spike detector on weekly series (series,week,count) and write its alerts "
            "(series,week,observed,expected,upper,rule).")

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="CSV with columns series,week,count")
        parser.add_argument("--output", required=True, help="CSV to write, one row per alert")

    def handle(self, *args, **options):
        found = self._read(options["input"])
        problems = [error for s in found.values() for error in s.errors]
        rows: list[list[str]] = []
        for name, s in found.items():
            if s.errors or not s.rows:
                continue
            weeks = [week for _line, week, _count in s.rows]
            counts = np.array([[count for _line, _week, count in s.rows]])
            for alarm in spikes.alarms_for(weeks, counts)[0]:
                rows.append([name, alarm.week.isoformat(), _number(alarm.alarm.observed),
                             f"{alarm.alarm.expected:.2f}", _number(alarm.alarm.upper), alarm.alarm.rule])
        with open(options["output"], "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(OUTPUT)
            writer.writerows(rows)
        ran = sum(1 for s in found.values() if not s.errors and s.rows)
        self.stdout.write(f"{ran} series checked, {len(rows)} alerts written to {options['output']}")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            skipped = sum(1 for s in found.values() if s.errors)
            raise CommandError(f"{skipped} series skipped because of the problems above; the others were written")

    def _read(self, path: str) -> dict[str, _Series]:
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                text = f.read()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror})") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text") from exc
        if not text.strip():
            raise CommandError(f"{path}: the file is empty; expected a header line with columns {','.join(COLUMNS)}")
        reader = csv.reader(text.splitlines())
        header = [name.strip().lower() for name in next(reader)]
        missing = [name for name in COLUMNS if name not in header]
        if missing:
            raise CommandError(f"{path}, line 1: missing column(s) {', '.join(missing)}; the header must name "
                               f"{','.join(COLUMNS)} (found {','.join(header) or 'nothing'})")
        at = {name: header.index(name) for name in COLUMNS}
        found: dict[str, _Series] = {}
        for line, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue  # a blank line
            if len(values) < len(header):
                values = values + [""] * (len(header) - len(values))
            name, week_text, count_text = (values[at[c]].strip() for c in COLUMNS)
            if not name:
                # No series to skip: the row cannot be placed, so it is an error of the whole file.
                raise CommandError(f"{path}, line {line}: the series name is empty")
            s = found.setdefault(name, _Series())
            try:
                week = dt.date.fromisoformat(week_text)
            except ValueError:
                s.errors.append(f"{path}, line {line}: week {week_text!r} of series {name!r} is not a date (YYYY-MM-DD)")
                continue
            if week.weekday() != 0:
                s.errors.append(f"{path}, line {line}: week {week_text} of series {name!r} is a "
                                f"{week.strftime('%A')}, not the Monday of its week")
                continue
            try:
                count = int(count_text)
            except ValueError:
                s.errors.append(f"{path}, line {line}: count {count_text!r} of series {name!r} is not a whole number")
                continue
            if count < 0:
                s.errors.append(f"{path}, line {line}: count {count} of series {name!r} is negative")
                continue
            s.rows.append((line, week, count))
        for name, s in found.items():
            s.rows.sort(key=lambda row: (row[1], row[0]))
            for (line_a, week_a, _), (line_b, week_b, _) in zip(s.rows, s.rows[1:], strict=False):
                if week_b == week_a:
                    s.errors.append(f"{path}, line {line_b}: week {week_b} of series {name!r} repeats line {line_a}")
                elif week_b - week_a != spikes.WEEK:
                    gap = (week_b - week_a).days // 7 - 1
                    s.errors.append(f"{path}, line {line_b}: series {name!r} is not consecutive: {gap} week(s) "
                                    f"missing between {week_a} (line {line_a}) and {week_b}")
        return found
