"""Batch de-identification of JSONL, for evaluations and for cleaning legacy text.

Reads and writes one line at a time, so 10,000 documents or more never sit in memory together.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from deid import DeidConfig, Deidentifier


class Command(BaseCommand):
    help = 'De-identify {"id", "text"} JSONL lines into {"id", "spans", "redacted"} JSONL lines.'

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="JSONL file of {\"id\": ..., \"text\": ...}; - for stdin")
        parser.add_argument("--output", required=True, help="JSONL file to write; - for stdout")
        parser.add_argument("--case-reference-pattern", action="append", default=[], dest="patterns",
                            help="An extra regular expression for case references (repeatable)")
        parser.add_argument("--date-mode", choices=["month_year", "bracket"], default="month_year")
        parser.add_argument("--strict", action="store_true", help="Stop at the first bad line instead of skipping it")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar")

    def handle(self, *args, input: str, output: str, patterns: list[str], date_mode: str, strict: bool,
               no_progress: bool, **options):
        try:
            engine = Deidentifier(DeidConfig(case_reference_patterns=patterns, date_mode=date_mode))
        except Exception as exc:  # a bad pattern is the user's error, not a crash
            raise CommandError(f"Bad configuration: {exc}") from None
        try:
            source = sys.stdin if input == "-" else open(input, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {input}: {exc.strerror}") from None
        try:
            sink = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
        done = bad = 0
        progress = None
        if not no_progress and sys.stderr.isatty():
            from tqdm import tqdm

            progress = tqdm(unit="doc", desc="de-identifying", file=sys.stderr)
        try:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict) or "text" not in record or not isinstance(record["text"], str):
                        raise ValueError('each line must be a JSON object with a string "text"')
                except ValueError as exc:
                    bad += 1
                    message = f"line {number}: {exc}"
                    if strict:
                        raise CommandError(message) from None
                    self.stderr.write(f"skipped {message}")
                    continue
                spans = engine.analyse(record["text"])
                sink.write(json.dumps({
                    "id": record.get("id"),
                    "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans],
                    "redacted": engine.redact(record["text"], spans),
                }, ensure_ascii=False) + "\n")
                done += 1
                if progress is not None:
                    progress.update(1)
        finally:
            if progress is not None:
                progress.close()
            if source is not sys.stdin:
                source.close()
            if sink is not sys.stdout:
                sink.close()
        self.stderr.write(f"de-identified {done} document(s); skipped {bad} bad line(s)")
        if bad:
            sys.exit(1)
