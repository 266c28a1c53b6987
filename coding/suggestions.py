"""Suggested contributing factors: proposed, ranked with a confidence and the phrases that support
them, never applied. A reviewer always decides, and whether they took each suggestion is recorded
so that the acceptance rate of every code can be reported.

Until an organisation has coded enough reports, suggestions come from the codes' own definitions
(a cold start on sentence embeddings); after that, from the newest model trained on its own codings
(coding.training, in a background task). A model is loaded once per process, keyed by its version.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from core.embeddings import semantic_library

from . import tasks, taxonomy, texts
from .models import Code, CoderModelVersion, SuggestionDecision, Use

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from reporting.models import Report

    from .models import Coding

logger = logging.getLogger(__name__)
TOP = 5
_models: dict[int, tuple[tuple, object]] = {}  # organisation id -> (what it was built from, CoderModel)
_lock = threading.Lock()


@dataclass(frozen=True)
class Shown:
    code: Code
    confidence: float
    phrases: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


def current_version(organisation) -> CoderModelVersion | None:
    return CoderModelVersion.objects.filter(organisation=organisation).order_by("-created_at", "-pk").first()


def _model(organisation, codes: list[Code]) -> tuple[object, CoderModelVersion | None]:
    """The organisation's suggester: its newest trained version, else a cold start on its live codes."""
    semantic = semantic_library()

    version = current_version(organisation)
    built_from = ("trained", version.pk) if version else ("cold", tuple((c.key, c.version) for c in codes))
    with _lock:
        cached = _models.get(organisation.pk)
        if cached and cached[0] == built_from:
            return cached[1], version
    if version is not None:
        model = semantic.CoderModel.from_bytes(bytes(version.blob))
    else:
        model = semantic.cold_start([semantic.CodeText(c.key, texts.code_text(c)) for c in codes])
    with _lock:
        _models[organisation.pk] = (built_from, model)
    return model, version


def propose(organisation, report: Report, reviewer, *, top: int = TOP) -> list[Shown]:
    """Suggestions for this reviewer on this report, recorded as shown. Empty if the suggester fails:
    coding never depends on it."""
    text = texts.report_text(report)
    if not text:
        return []
    codes = {code.key: code for code in taxonomy.choosable(organisation, Use.FACTOR)}
    try:
        model, version = _model(organisation, list(codes.values()))
        # Ask for more than shown: a trained model may know codes that have since been retired.
        found = [s for s in model.suggest(text, top=top + 5) if s.key in codes][:top]
    except Exception:
        logger.exception("The suggester failed for organisation %s", organisation.pk)
        return []
    shown = [Shown(codes[s.key], float(s.confidence), tuple(s.phrases)) for s in found]
    kind = str(getattr(model, "kind", "cold_start"))
    _record_shown(organisation, report, reviewer, shown, kind, version)
    return shown


def _record_shown(organisation, report: Report, reviewer, shown: list[Shown], kind: str,
                  version: CoderModelVersion | None) -> None:
    """One row per code shown to this reviewer on this report, the latest showing winning, in a few queries."""
    undecided = {row.code_id: row for row in SuggestionDecision.objects.filter(
        report=report, reviewer=reviewer, accepted__isnull=True)}
    new, seen = [], []
    for rank, suggestion in enumerate(shown, start=1):
        values = {"confidence": suggestion.confidence, "rank": rank, "model_kind": kind, "model_version": version}
        row = undecided.get(suggestion.code.pk)
        if row is None:
            new.append(SuggestionDecision(organisation=organisation, report=report, reviewer=reviewer,
                                          code=suggestion.code, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
            seen.append(row)
    with transaction.atomic():
        if seen:
            SuggestionDecision.objects.bulk_update(seen, ["confidence", "rank", "model_kind", "model_version"])
        # Another tab may have shown the same suggestion a moment ago: its row stands.
        SuggestionDecision.objects.bulk_create(new, ignore_conflicts=True)


def settle(report: Report, coding: Coding) -> None:
    """Mark each suggestion the coder was shown as accepted (they coded it) or rejected (they did not)."""
    chosen = set(coding.factors.values_list("code_id", flat=True))
    now = timezone.now()
    for row in SuggestionDecision.objects.filter(report=report, reviewer_id=coding.coder_id, accepted__isnull=True):
        row.accepted = row.code_id in chosen
        row.decided_at = now
        row.save(update_fields=["accepted", "decided_at"])


def queue_training(organisation_slug: str) -> None:
    tasks.queue_retraining(organisation_slug)


@dataclass(frozen=True)
class Acceptance:
    code: Code
    shown: int
    accepted: int

    @property
    def rate(self) -> int:
        return round(100 * self.accepted / self.shown) if self.shown else 0


def acceptance_by_code(organisation) -> list[Acceptance]:
    """For each code ever suggested here: how often a reviewer who was shown it went on to code it."""
    rows = (SuggestionDecision.objects.filter(organisation=organisation, accepted__isnull=False)
            .values("code").annotate(shown=Count("pk"), accepted=Count("pk", filter=Q(accepted=True))))
    counts = {row["code"]: row for row in rows}
    codes = Code.objects.filter(pk__in=list(counts)).order_by("position", "pk")
    return [Acceptance(code, counts[code.pk]["shown"], counts[code.pk]["accepted"]) for code in codes]


def versions_of(organisation, limit: int = 20) -> list[CoderModelVersion]:
    return list(CoderModelVersion.objects.filter(organisation=organisation).defer("blob")
                .order_by("-created_at", "-pk")[:limit])
