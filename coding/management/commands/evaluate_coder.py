"""Train the contributing-factor coder on coded reports and score it on others, with the product's own model code.

    python manage.py evaluate_coder --train TRAIN.jsonl --test TEST.jsonl --output PREDS.jsonl

Input lines: ``{"id", "text", "labels": [...]}``. Output: one line per test record,
``{"id", "scores": {label: float}, "suggested": [labels]}``. It imports only ``semantic``.
"""

from __future__ import annotations

import json
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import semantic
from semantic.evaluation import evaluate, read_records


class Command(BaseCommand):
    help = "Train the coder on TRAIN, write its suggestions for TEST, print micro-F1, macro-F1, precision@1 and timings."

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, help="JSONL of coded reports to learn from")
        parser.add_argument("--test", required=True, help="JSONL of coded reports to predict and score")
        parser.add_argument("--output", required=True, help="JSONL to write, one line per test record")
        parser.add_argument("--min-count", type=int, default=5, help="labels seen fewer times are not learned")
        parser.add_argument(
            "--abstain-below", type=float, default=settings.GOODCATCH_CODER_ABSTAIN_BELOW, metavar="PRECISION",
            help="suggest nothing for a report unless its first suggestion's score was right this often in the"
            " training reports' cross-validation (default: GOODCATCH_CODER_ABSTAIN_BELOW, as the product, 0.85"
            " unless set; 0: always suggest)",
        )

    def handle(self, *args, **options):
        semantic.set_cache_dir(settings.VAR_DIR / "semantic")
        train, test = self._read(options["train"], "train"), self._read(options["test"], "test")
        if not train:
            raise CommandError("No valid training record")
        target = options["abstain_below"]
        trainer = partial(semantic.train_coder, target_precision=target, abstain=True) if target else partial(
            semantic.train_coder, abstain=False)
        result = evaluate(train, test, min_count=options["min_count"], trainer=trainer)
        with open(options["output"], "w", encoding="utf-8") as out:
            for prediction in result.predictions:
                out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
        for label, count in sorted(result.skipped_labels.items()):
            self.stdout.write(f"not learned: {label!r} is on {count} training report(s), fewer than {options['min_count']}")
        m = result.metrics
        self.stdout.write(
            f"model {result.model.kind}: {len(result.model.labels)} labels, {len(train)} training and {len(test)} test reports\n"
            f"micro-F1 {m['micro_f1']:.3f}  macro-F1 {m['macro_f1']:.3f}  precision@1 {m['precision_at_1']:.3f}"
            f" over the {m['reports_with_suggestion']} reports with a suggestion (coverage {m['coverage']:.3f});"
            f" {m['precision_at_1_all']:.3f} over all {len(test)} (no suggestion counts as a miss)\n"
            f"abstains below a first-suggestion score of {m['confident_at']} (0: never; from the training reports'"
            f" cross-validation)\n"
            f"training {result.train_seconds:.1f} s ({result.train_cpu_seconds:.1f} s CPU)"
            f"  prediction {result.predict_ms_per_report:.1f} ms/report"
        )

    def _read(self, path: str, name: str):
        try:
            records, problems = read_records(path)
        except OSError as exc:
            raise CommandError(f"Cannot read {name} file {path}: {exc}") from exc
        for problem in problems:
            self.stderr.write(f"{path}: {problem} (skipped)")
        return records
