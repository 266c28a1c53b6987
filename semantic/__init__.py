"""semantic: sentence embeddings and contributing-factor suggestions (plain Python; no Django, no app of ours).

    import semantic
    semantic.embed(["Crew boss missed the weather update"])          # (1, 384) float32, L2-normalised
    model = semantic.cold_start([semantic.CodeText("Fatigue", "Tiredness, long shifts ...")])
    model = semantic.train_coder(texts, labels, codes=codes)          # supervised, cold start blended in
    model.suggest(narrative)                                          # [Suggestion(key, confidence, phrases)]
    blob = model.to_bytes(); semantic.CoderModel.from_bytes(blob)     # JSON + npz, never pickle

The names in ``__all__`` are the public API (README.md beside this file); the modules behind them may change.
"""

from __future__ import annotations

from semantic.coder import TARGET_PRECISION, CoderModel, CodeText, Suggestion, cold_start, train_coder
from semantic.embedding import embed, embed_minilm, set_cache_dir, warm_up
from semantic.metrics import scores_report

__all__ = [
    "CodeText",
    "CoderModel",
    "Suggestion",
    "TARGET_PRECISION",
    "cold_start",
    "embed",
    "embed_minilm",
    "scores_report",
    "set_cache_dir",
    "train_coder",
    "warm_up",
]
