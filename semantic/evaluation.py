"""Train on coded reports, predict held-out ones, score: the code behind ``evaluate_coder`` and the bench.

Records are JSONL lines ``{"id", "text", "labels": [...]}``. A malformed line is reported with its
line number and skipped, so one bad export line does not stop an evaluation.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from semantic.coder import CoderModel, train_coder
from semantic.metrics import scores_report


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    labels: tuple[str, ...]
    year: int | None = None


def parse_records(lines: Iterable[str]) -> tuple[list[Record], list[str]]:
    """The valid records, and one message per malformed line ("line 7: ...")."""
    records: list[Record] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(data, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        rid, text, labels = data.get("id"), data.get("text"), data.get("labels")
        if not isinstance(rid, str | int) or isinstance(rid, bool):
            problems.append(f"line {number}: no \"id\"")
        elif not isinstance(text, str):
            problems.append(f"line {number}: \"text\" is not a string")
        elif not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            problems.append(f"line {number}: \"labels\" is not a list of strings")
        else:
            year = data.get("year")
            records.append(Record(str(rid), text, tuple(dict.fromkeys(labels)), year if isinstance(year, int) else None))
    return records, problems


def read_records(path: str) -> tuple[list[Record], list[str]]:
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse_records(f)


@dataclass
class Evaluation:
    model: CoderModel
    predictions: list[dict]  # {"id", "scores", "suggested"} per test record, in order
    metrics: dict
    train_seconds: float
    predict_ms_per_report: float
    train_cpu_seconds: float  # wall time on a shared machine says little; CPU time says what it costs
    skipped_labels: dict[str, int] = field(default_factory=dict)


def evaluate(
    train: Sequence[Record],
    test: Sequence[Record],
    *,
    min_count: int = 5,
    trainer: Callable[..., CoderModel] = train_coder,
) -> Evaluation:
    """Train on ``train`` exactly as the product does, then score ``test`` report by report.

    Macro-F1 is over the labels the model could learn; every test label still counts in micro-F1
    (a label never learned is a miss).
    """
    start, cpu = time.perf_counter(), time.process_time()
    model = trainer([r.text for r in train], [list(r.labels) for r in train], min_count=min_count)
    train_seconds, train_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    predictions = []
    for record in test:  # one by one, as a reviewer opens reports
        scores = model.scores([record.text])[0]
        predictions.append({"id": record.id, "scores": scores, "suggested": model.suggested(scores)})
    predict_ms = 1000 * (time.perf_counter() - start) / max(len(test), 1)
    metrics = scores_report([list(r.labels) for r in test], [p["suggested"] for p in predictions], list(model.labels))
    everything = scores_report([list(r.labels) for r in test], [p["suggested"] for p in predictions])
    metrics["micro_f1"] = everything["micro_f1"]
    metrics["micro_precision"] = everything["micro_precision"]
    metrics["micro_recall"] = everything["micro_recall"]
    metrics["reports_with_suggestion"] = sum(bool(p["suggested"]) for p in predictions)
    metrics["confident_at"] = getattr(model, "confident_at", None)
    return Evaluation(model, predictions, metrics, train_seconds, predict_ms, train_cpu, dict(model.skipped_labels))
