"""Sentence embeddings, loaded once per process: the MiniLM transformer and a static model distilled from it.

``embed`` (the product's default) uses the *static* model: each WordPiece token's vector is what
MiniLM gives that token on its own ("[CLS] token [SEP]"), computed the first time the token is
seen, kept in memory and, when a cache directory is set, on disk. A text is then the weighted mean
of its tokens' vectors: microseconds per report instead of a transformer pass (~0.15 s for a
300-token narrative on one core), which is what lets training on 2,000 reports stay within a
minute. ``embed_minilm`` runs the full transformer (better on short sentences; used for
measurements and whenever a caller can afford it). Both return L2-normalised float32 rows.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from semantic.minilm import MiniLM, model_dir, normalise

_lock = threading.RLock()
_minilm: MiniLM | None = None
_static: StaticModel | None = None
_cache_dir: Path | None = None


def set_cache_dir(path: str | os.PathLike | None) -> None:
    """Where the distilled token vectors are kept between processes (the app's var dir); None: memory only."""
    global _cache_dir
    with _lock:
        _cache_dir = Path(path) if path else None
        if _static is not None:
            _static.cache_path = _static_cache_path()


def minilm() -> MiniLM:
    """The transformer, loaded on first use and shared by every thread of the process."""
    global _minilm
    if _minilm is None:
        with _lock:
            if _minilm is None:
                _minilm = MiniLM()
    return _minilm


def _static_cache_path() -> Path | None:
    if _cache_dir is None:
        return None
    weights = model_dir() / "model.safetensors"
    stamp = hashlib.sha256(f"{weights.stat().st_size}:{STATIC_VERSION}".encode()).hexdigest()[:12]
    return _cache_dir / f"static-minilm-{stamp}.npy"


SAVE_AFTER = 200  # new token vectors before the cache file is rewritten
STATIC_VERSION = 1  # bump when the way token vectors are made changes, so old caches are not read


class StaticModel:
    """Token vectors distilled from MiniLM on demand; a text is their rank-weighted mean.

    Weights: BERT's vocabulary lists whole words roughly by corpus frequency from id 1996 ("the")
    on, so log(rank) down-weights function words without a frequency list (as model2vec does).
    """

    def __init__(self, model: MiniLM, cache_path: Path | None):
        self.model = model
        self.tokenizer = model.tokenizer
        size = len(self.tokenizer.vocab)
        self.table = np.zeros((size, model.hidden), dtype=np.float32)
        self.known = np.zeros(size, dtype=bool)
        ids = np.arange(size)
        self.weights = np.log(2.0 + np.maximum(ids - 1995, 0)).astype(np.float32)
        self.cache_path = cache_path
        self._saved = 0
        self._load()

    def _load(self) -> None:
        if self.cache_path and self.cache_path.exists():
            try:
                table = np.load(self.cache_path, allow_pickle=False)
            except (OSError, ValueError):
                return
            if table.shape == self.table.shape:
                self.table[:] = table
                self.known[:] = np.abs(table).sum(1) > 0
                self._saved = int(self.known.sum())

    def _save(self, force: bool = False) -> None:
        # The table is rewritten whole, so a request that meets one new word does not write it.
        if not self.cache_path or int(self.known.sum()) - self._saved < (1 if force else SAVE_AFTER):
            return
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, self.table, allow_pickle=False)
            os.replace(tmp, self.cache_path)
            self._saved = int(self.known.sum())
        except OSError:
            pass  # a read-only var dir costs speed, not correctness

    def ensure(self, ids: Sequence[int] | np.ndarray) -> None:
        """Distil the vectors of any of these tokens not yet known (one transformer pass per 256 tokens)."""
        missing = sorted({int(i) for i in ids if not self.known[int(i)]})
        if not missing:
            return
        with _lock:
            missing = [i for i in missing if not self.known[i]]
            cls, sep = self.tokenizer.cls_id, self.tokenizer.sep_id
            for start in range(0, len(missing), 256):
                part = missing[start : start + 256]
                vectors = self.model.encode_ids([[cls, i, sep] for i in part])
                self.table[part] = normalise(vectors)
                self.known[part] = True
            self._save()

    def distil_all(self) -> None:
        """Every token of the vocabulary, e.g. to warm a cache once at deploy time (minutes on two cores)."""
        self.ensure(np.arange(len(self.known)))
        self._save(force=True)

    def embed_ids(self, id_lists: Sequence[Sequence[int]]) -> np.ndarray:
        self.ensure([i for ids in id_lists for i in ids])
        out = np.zeros((len(id_lists), self.table.shape[1]), dtype=np.float32)
        for row, ids in enumerate(id_lists):
            if len(ids):
                arr = np.asarray(ids)
                w = self.weights[arr]
                out[row] = w @ self.table[arr]
        return normalise(out)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_ids([self.tokenizer.ids(t) for t in texts])


def static() -> StaticModel:
    global _static
    if _static is None:
        model = minilm()
        with _lock:
            if _static is None:
                _static = StaticModel(model, _static_cache_path())
    return _static


class _LRU:
    """Recently embedded texts (a reviewer opens the same report several times)."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> np.ndarray | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: tuple[str, str], value: np.ndarray) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_recent = _LRU(2048)


def _cached(kind: str, texts: Sequence[str], compute) -> np.ndarray:
    texts = list(texts)
    rows: list[np.ndarray | None] = [_recent.get((kind, t)) for t in texts]
    todo = [i for i, r in enumerate(rows) if r is None]
    if todo:
        fresh = compute([texts[i] for i in todo])
        for i, vec in zip(todo, fresh, strict=True):
            rows[i] = vec
            _recent.put((kind, texts[i]), vec)
    if not texts:
        return np.zeros((0, minilm().hidden), dtype=np.float32)
    return np.stack(rows).astype(np.float32)


def embed(texts: Sequence[str]) -> np.ndarray:
    """(n, 384) float32, L2-normalised: the static model (fast enough for every report and every search)."""
    return _cached("static", texts, lambda batch: static().embed(batch))


def embed_minilm(texts: Sequence[str]) -> np.ndarray:
    """(n, 384) float32, L2-normalised: the full transformer, long texts as the mean of 256-token windows."""
    return _cached("minilm", texts, lambda batch: minilm().embed(batch))


def warm_up(cache_dir=None) -> dict:
    """Load MiniLM and distil every token not yet in the cache (a no-op, bar loading, when it is complete)."""
    if cache_dir is not None:
        set_cache_dir(cache_dir)
    start, cpu = time.perf_counter(), time.process_time()
    model = static()
    known = int(model.known.sum())
    model.distil_all()
    return {
        "tokens": len(model.known),
        "already_known": known,
        "seconds": round(time.perf_counter() - start, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "cache": str(model.cache_path) if model.cache_path else None,
    }
