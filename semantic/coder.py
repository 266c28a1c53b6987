"""Contributing-factor suggestions: similarity to the codes' own text at first, a model of the organisation's codes later.

Scores are probabilities ("calibrated-ish": logistic regressions without class re-weighting, so a
score of 0.7 is right about 70% of the time), which is what ranks codes well across labels. What
the product pre-ranks as likely uses each label's own threshold, tuned on held-out predictions at
training time: a rare code is suggested from a lower probability than a common one.
"""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from semantic.embedding import embed
from semantic.features import Featurizer
from semantic.metrics import scores_report
from semantic.text import content_words, evidence, phrases

FORMAT = 1
SUGGEST_AT = 0.5  # cold-start score from which a code is pre-ranked as likely
MIN_WORDS = 3  # fewer content words than this: no suggestion at all ("see email")
FOLDS = 3
TARGET_PRECISION = 0.85  # a trained model marks a report's codes as likely only where its top code is right this often
MIN_CONFIDENT = 20  # held-out reports the confidence point must be measured on
NEVER = 1.01  # a confidence point above every score: nothing is confident


@dataclass(frozen=True)
class CodeText:
    """A taxonomy code as one text: its name, definition and examples."""

    key: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    key: str
    confidence: float
    phrases: tuple[str, ...]  # the narrative's own words that support the code


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


class _ColdStart:
    """Scores by how close the narrative, and its closest phrase, are to each code's text."""

    def __init__(self, keys: Sequence[str], vectors: np.ndarray):
        self.keys = tuple(keys)
        self.vectors = np.asarray(vectors, dtype=np.float32)

    @classmethod
    def build(cls, codes: Sequence[CodeText]) -> _ColdStart:
        return cls([c.key for c in codes], embed([f"{c.key}. {c.text}" for c in codes]) if codes else np.zeros((0, 384)))

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        doc = embed(texts) @ self.vectors.T
        best = np.zeros_like(doc)
        for row, text in enumerate(texts):
            parts = phrases(text)
            if parts:
                best[row] = (embed(parts) @ self.vectors.T).max(0)
        return 0.5 * doc + 0.5 * best

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """0..1, 0.5 where a code stands a standard deviation above the report's average similarity."""
        sims = self.similarities(texts)
        if sims.shape[1] < 2:
            return _sigmoid(10 * (sims - 0.3))
        z = (sims - sims.mean(1, keepdims=True)) / (sims.std(1, keepdims=True) + 1e-6)
        return _sigmoid(2.0 * (z - 1.0))

    def phrase_support(self, text: str, index: int) -> list[tuple[float, str]]:
        parts = phrases(text)
        if not parts:
            return []
        sims = embed(parts) @ self.vectors[index]
        return [(float(s), p) for s, p in zip(sims, parts, strict=True)]


class _Supervised:
    """One logistic regression per learned label over TF-IDF words and the embedding."""

    def __init__(self, labels: Sequence[str], featurizer: Featurizer, coef: np.ndarray, intercept: np.ndarray, thresholds: np.ndarray):
        self.labels = tuple(labels)
        self.featurizer = featurizer
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)

    def raw(self, texts: Sequence[str]) -> np.ndarray:
        x = self.featurizer.transform(texts)
        return _sigmoid(np.asarray(x @ self.coef.T) + self.intercept)

    def phrase_support(self, text: str, index: int) -> list[tuple[float, str]]:
        parts = phrases(text)
        if not parts:
            return []
        contributions = np.asarray(self.featurizer.transform(parts) @ self.coef[index]).ravel()
        return [(float(c), p) for c, p in zip(contributions, parts, strict=True)]


def _fit_linear(x, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """One regression per label, on every core: liblinear releases the GIL, so threads run in parallel."""
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    intercept = np.zeros(y.shape[1], dtype=np.float32)

    def fit(j: int) -> None:
        positives = int(y[:, j].sum())
        if positives == 0 or positives == len(y):
            intercept[j] = 30.0 if positives else -30.0
            return
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=200)
        clf.fit(x, y[:, j])
        coef[j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]

    with ThreadPoolExecutor(max_workers=max(1, min(y.shape[1], os.cpu_count() or 1))) as pool:
        list(pool.map(fit, range(y.shape[1])))
    return coef, intercept


def _best_threshold(probabilities: np.ndarray, truth: np.ndarray, prior: float = 0.5) -> float:
    """The threshold with the best F1 on held-out predictions, pulled towards ``prior`` when positives are few."""
    best_t, best_f = prior, -1.0
    for t in np.arange(0.05, 0.91, 0.025):
        predicted = probabilities >= t
        tp = float((predicted & truth).sum())
        f = 2 * tp / max(predicted.sum() + truth.sum(), 1)
        if f > best_f:
            best_t, best_f = float(t), f
    weight = truth.sum() / (truth.sum() + 20.0)
    return weight * best_t + (1 - weight) * prior


def _confidence_point(held_out: np.ndarray, y: np.ndarray, thresholds: np.ndarray, target: float) -> float:
    """The lowest top score from which held-out reports' first suggestion is right at least ``target`` of the time.

    Selective prediction: rank the held-out reports by the score of their first suggestion and keep the
    largest confident group (at least MIN_CONFIDENT reports) whose precision@1 reaches the target. Chosen
    on the training reports' cross-validation only; NEVER when no such group exists.
    """
    above = np.where(held_out >= thresholds, held_out, -1.0)
    first = above.argmax(1)
    rows = np.flatnonzero(above.max(1) >= 0)
    if not len(rows):
        return NEVER
    top = held_out[rows, first[rows]]
    hits = y[rows, first[rows]]
    order = np.argsort(-top, kind="stable")
    precision = np.cumsum(hits[order]) / np.arange(1, len(order) + 1)
    good = np.flatnonzero((precision >= target) & (np.arange(1, len(order) + 1) >= MIN_CONFIDENT))
    return float(top[order][good.max()]) if len(good) else NEVER


def _folds(n: int, k: int) -> list[np.ndarray]:
    order = np.random.default_rng(0).permutation(n)
    return [order[i::k] for i in range(k)]


class CoderModel:
    """A trained or cold-started coder: scores, suggestions with their phrases, and a safe byte format."""

    def __init__(
        self,
        kind: str,
        labels: Sequence[str],
        skipped_labels: dict[str, int] | None = None,
        evaluation: dict | None = None,
        *,
        cold: _ColdStart | None = None,
        supervised: _Supervised | None = None,
        blend: np.ndarray | None = None,
        confident_at: float = 0.0,
    ):
        self.kind = kind
        self.confident_at = float(confident_at)
        self.labels = tuple(labels)
        self.skipped_labels = dict(skipped_labels or {})
        self.evaluation = dict(evaluation or {})
        self._cold = cold
        self._supervised = supervised
        # Per label of `labels`: the weight of the cold-start score (1 when the label was not learned).
        learned = set(supervised.labels) if supervised else set()
        default = [0.0 if k in learned else 1.0 for k in self.labels]
        self._blend = np.asarray(blend if blend is not None else default, dtype=np.float64)
        self._cold_index = np.array([cold.keys.index(k) if cold and k in cold.keys else -1 for k in self.labels], dtype=int)
        self._sup_index = np.array(
            [supervised.labels.index(k) if supervised and k in supervised.labels else -1 for k in self.labels], dtype=int
        )
        self._thresholds = {}
        for i, label in enumerate(self.labels):
            learned = supervised.thresholds[self._sup_index[i]] if self._sup_index[i] >= 0 else SUGGEST_AT
            self._thresholds[label] = float((1 - self._blend[i]) * learned + self._blend[i] * SUGGEST_AT)

    def _matrix(self, texts: Sequence[str]) -> np.ndarray:
        n = len(texts)
        out = np.zeros((n, len(self.labels)))
        if not n or not self.labels:
            return out
        if self._supervised is not None:
            sup = self._supervised.raw(texts)
            has = self._sup_index >= 0
            out[:, has] += (1 - self._blend[has]) * sup[:, self._sup_index[has]]
        if self._cold is not None and len(self._cold.keys):
            cold = self._cold.scores(texts)
            has = self._cold_index >= 0
            out[:, has] += self._blend[has] * cold[:, self._cold_index[has]]
        return out * np.array([evidence(t) for t in texts])[:, None]

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, every label's probability-like score in 0..1."""
        matrix = self._matrix(list(texts))
        return [{label: round(float(v), 4) for label, v in zip(self.labels, row, strict=True)} for row in matrix]

    def suggested(self, scores: dict[str, float]) -> list[str]:
        """The labels pre-ranked as likely (each above its own threshold), most probable first.

        Empty when even the first is below ``confident_at``: the model does not know this report well
        enough, and a reviewer is better served by no suggestion than by a likely-wrong one.
        """
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        out = [label for label, score in ranked if label in self._thresholds and score >= self._thresholds[label]]
        if out and scores[out[0]] < self.confident_at:
            return []
        return out

    def suggest(self, text: str, top: int = 5) -> list[Suggestion]:
        """The confident codes for one narrative, each with the phrases that support it; [] for too little text."""
        if content_words(text) < MIN_WORDS:
            return []
        scores = self.scores([text])[0]
        out = []
        for label in self.suggested(scores)[:top]:
            out.append(Suggestion(label, scores[label], tuple(self.supporting_phrases(text, label))))
        return out

    def supporting_phrases(self, text: str, label: str, limit: int = 2) -> list[str]:
        """The narrative's phrases that push this label's score up most, in the order they appear."""
        i = self.labels.index(label)
        support: list[tuple[float, str]] = []
        if self._supervised is not None and self._sup_index[i] >= 0 and self._blend[i] < 0.5:
            support = [(s, p) for s, p in self._supervised.phrase_support(text, int(self._sup_index[i])) if s > 0]
        elif self._cold is not None and self._cold_index[i] >= 0:
            support = self._cold.phrase_support(text, int(self._cold_index[i]))
        chosen = {p for _, p in sorted(support, key=lambda sp: -sp[0])[:limit]}
        return [p for _, p in support if p in chosen]

    # -- storage: JSON for the description, npz for the numbers; nothing is unpickled on load.

    def to_bytes(self) -> bytes:
        meta: dict = {
            "format": FORMAT,
            "kind": self.kind,
            "labels": list(self.labels),
            "skipped_labels": self.skipped_labels,
            "evaluation": self.evaluation,
            "confident_at": self.confident_at,
        }
        arrays: dict[str, np.ndarray] = {"blend": self._blend}
        if self._cold is not None:
            meta["cold_keys"] = list(self._cold.keys)
            arrays["cold_vectors"] = self._cold.vectors
        if self._supervised is not None:
            feat_meta, feat_arrays = self._supervised.featurizer.state()
            meta["supervised"] = {"labels": list(self._supervised.labels), "featurizer": feat_meta}
            arrays.update({f"feat_{k}": v for k, v in feat_arrays.items()})
            arrays.update(coef=self._supervised.coef, intercept=self._supervised.intercept, thresholds=self._supervised.thresholds)
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> CoderModel:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"Unknown coder model format {meta.get('format')!r}")
        cold = _ColdStart(meta["cold_keys"], arrays["cold_vectors"]) if "cold_keys" in meta else None
        supervised = None
        if "supervised" in meta:
            feat_arrays = {k[5:]: v for k, v in arrays.items() if k.startswith("feat_")}
            feat = Featurizer.from_state(meta["supervised"]["featurizer"], feat_arrays)
            supervised = _Supervised(meta["supervised"]["labels"], feat, arrays["coef"], arrays["intercept"], arrays["thresholds"])
        return cls(
            meta["kind"],
            meta["labels"],
            meta["skipped_labels"],
            meta["evaluation"],
            cold=cold,
            supervised=supervised,
            blend=arrays["blend"],
            confident_at=float(meta.get("confident_at", 0.0)),
        )


def cold_start(codes: Sequence[CodeText]) -> CoderModel:
    """Suggestions before any report is coded: closeness of the narrative to each code's text."""
    cold = _ColdStart.build(codes)
    return CoderModel("cold_start", cold.keys, cold=cold)


def train_coder(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    codes: Sequence[CodeText] | None = None,
    min_count: int = 5,
    c: float = 4.0,
    target_precision: float = TARGET_PRECISION,
    abstain: bool = True,
) -> CoderModel:
    """A model of the organisation's own codes; with ``codes``, cold start blends in where data is thin.

    A label on fewer than ``min_count`` reports is not learned (listed in ``skipped_labels``). The
    thresholds and ``evaluation`` come from a 3-fold cross-validation on the training reports, and so
    does the confidence point: the top score from which the first suggestion was right
    ``target_precision`` of the time there. The model suggests nothing for a report whose first
    suggestion scores below it (``confident_at``): a suggestion that is wrong one time in four teaches
    reviewers to ignore suggestions, or worse, to accept them. With ``abstain=False`` the point is
    only recorded in ``evaluation`` and every report gets suggestions (more recall, less trust; see README).
    """
    texts = list(texts)
    if len(texts) != len(labels):
        raise ValueError("texts and labels differ in length")
    counts = Counter(label for row in labels for label in set(row))
    learned = sorted(label for label, n in counts.items() if n >= min_count)
    skipped = {label: n for label, n in sorted(counts.items()) if n < min_count}
    if not learned or len(texts) < 2 * FOLDS:
        if codes:
            model = cold_start(codes)
            return CoderModel("cold_start", model.labels, skipped | {k: counts[k] for k in learned}, {}, cold=model._cold)
        return CoderModel("supervised", (), skipped | {k: counts[k] for k in learned}, {})
    y = np.array([[label in set(row) for label in learned] for row in labels], dtype=bool)
    # The vocabularies are fitted once on every training text (no label is used, so the folds below
    # still hold their labels out), which saves three fits and transforms of the character view.
    feat = Featurizer.fit(texts)
    x = feat.transform(texts, embed(texts))

    # Held-out predictions tune each label's threshold and give the evaluation stored with the model.
    held_out = np.zeros(y.shape)
    for test_idx in _folds(len(texts), FOLDS):
        train_idx = np.setdiff1d(np.arange(len(texts)), test_idx)
        coef, intercept = _fit_linear(x[train_idx], y[train_idx], c)
        held_out[test_idx] = _sigmoid(np.asarray(x[test_idx] @ coef.T) + intercept)
    held_out *= np.array([evidence(t) for t in texts])[:, None]  # as scores() does
    # A label with few positives borrows the threshold that is best for all labels pooled.
    pooled = _best_threshold(held_out.ravel(), y.ravel())
    thresholds = np.array([_best_threshold(held_out[:, j], y[:, j], pooled) for j in range(len(learned))])

    coef, intercept = _fit_linear(x, y, c)
    supervised = _Supervised(learned, feat, coef, intercept, thresholds)

    point = _confidence_point(held_out, y, thresholds, target_precision)
    confident_at = point if abstain else 0.0

    predicted = [[learned[j] for j in np.argsort(-row) if row[j] >= thresholds[j]] for row in held_out]
    predicted = [p if p and held_out[i, learned.index(p[0])] >= confident_at else [] for i, p in enumerate(predicted)]
    evaluation = scores_report([[learned[j] for j in np.flatnonzero(row)] for row in y], predicted, learned)
    evaluation.update(
        folds=FOLDS, reports=len(texts), confidence_point=round(point, 4), target_precision=target_precision, abstains=abstain
    )

    if not codes:
        return CoderModel("supervised", learned, skipped, evaluation, supervised=supervised, confident_at=confident_at)
    cold = _ColdStart.build(codes)
    all_labels = sorted(set(learned) | set(cold.keys))
    # The fewer reports a label was learned from, the more its code's own text counts.
    blend = np.array([1.0 if k not in learned else min_count / (min_count + 4.0 * counts[k]) for k in all_labels])
    return CoderModel(
        "blend", all_labels, skipped, evaluation, cold=cold, supervised=supervised, blend=blend, confident_at=confident_at
    )


