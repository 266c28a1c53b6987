"""The approximate vector index for national scale: an HNSW graph (usearch) saved to disk, plus an
exact search over the vectors confirmed since it was saved, so nothing confirmed is ever missed.

Why this shape
- Exact numpy search costs one pass over every vector: it is the right answer for an organisation
  of ordinary size, and `vectors.index_for` keeps it below `GOODCATCH_ANN_MIN_VECTORS` (default
  200,000). Above it an HNSW graph answers in under a millisecond at the median whatever the size
  (bench/intelligence_ann.py, on 2 shared cores: exact p50 120 ms at 100k and 810 ms at 1M; HNSW
  p50 0.5-0.6 ms at both, recall@10 0.99 at 100k and 0.97 at 1M).
- Building the graph of a million vectors took 38 minutes on two busy shared cores, so no web process ever
  builds one. The periodic task `intelligence.tasks.refresh_ann_indexes` does, for every
  organisation at or above the threshold: the first time from all its vectors, afterwards by
  loading the saved graph and adding only the vectors newer than it (HNSW takes inserts). It writes
  the graph under a new file name in `VAR_DIR/ann/` and then atomically replaces the small JSON file
  that names it, so a process never opens half a file; older files are removed once replaced (a
  process that still has one mapped keeps reading it: Linux frees it only when unmapped).
- Each process memory-maps the saved graph (`view`), so the web workers share one copy in the page
  cache and start instantly. The vectors with report ids newer than the saved graph (and any older
  straggler a lost task embedded late) are held in a small `ExactIndex` beside it and searched
  exactly; the two answers are merged by score.
- Storage is float16 with the cosine metric, chosen by measurement: at 100k of our vectors it keeps
  recall@10 within a point of float32 (0.990 against 0.991) in half the memory and builds faster,
  while int8 drops to 0.86 (our embeddings share a large common direction, so the differences that
  rank them are small). 1M vectors take about 1.3 GB in memory and 0.9 GB on disk.
- `allowed` (filters) has no predicate in usearch's Python API, so a filtered search over-fetches
  (asks for k × size/len(allowed) neighbours, doubling until k allowed ones come back); when the
  allowed set is small, or over-fetching would visit most of the graph, it compares the allowed
  vectors exactly instead, which is then cheaper and always right.
- A vector deleted after the graph was saved can still be returned until the next refresh; callers
  already look reports up by id within the organisation, so such a hit is dropped there.
"""

from __future__ import annotations

import json
import logging
import math
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils import timezone
from usearch.index import Index, MetricKind

from . import vectors
from .models import ReportVector

logger = logging.getLogger(__name__)

# Chosen by bench/intelligence_ann.py (see bench/README.md for the table).
DTYPE = "f16"
CONNECTIVITY = 16        # HNSW's M
EXPANSION_ADD = 64       # efConstruction: half the build time of 128 for the same recall here
EXPANSION_SEARCH = 128   # ef: at 1M recall@10 0.968 (0.966 at 64), p50 0.6 ms; harder data needs the margin
# Below this many allowed vectors a filtered search compares them exactly: fetching a vector from
# the graph costs some 10-30 µs, so this stays within a few ms.
EXACT_ALLOWED_MAX = 1_000


def new_graph(*, dtype: str = DTYPE, connectivity: int = CONNECTIVITY, expansion_add: int = EXPANSION_ADD,
              expansion_search: int = EXPANSION_SEARCH) -> Index:
    return Index(ndim=vectors.DIMENSIONS, metric=MetricKind.Cos, dtype=dtype, connectivity=connectivity,
                 expansion_add=expansion_add, expansion_search=expansion_search)


def _hits(keys: np.ndarray, distances: np.ndarray) -> list[vectors.Hit]:
    # usearch's cosine distance is 1 - cosine similarity.
    return [vectors.Hit(int(key), float(1.0 - distance)) for key, distance in zip(keys, distances, strict=True)]


def _merge(*answers: list[vectors.Hit], k: int) -> list[vectors.Hit]:
    best: dict[int, vectors.Hit] = {}
    for hits in answers:
        for hit in hits:
            if hit.report_id not in best or hit.score > best[hit.report_id].score:
                best[hit.report_id] = hit
    return sorted(best.values(), key=lambda hit: (-hit.score, hit.report_id))[:k]


class AnnIndex:
    """An HNSW graph plus the exact index of what is newer than it (`recent`), behind `VectorIndex`."""

    def __init__(self, graph: Index, recent: vectors.ExactIndex | None = None):
        self.graph = graph
        self.recent = recent or vectors.ExactIndex(np.zeros(0, dtype=np.int64),
                                                   np.zeros((0, vectors.DIMENSIONS), dtype=np.float32))

    def __len__(self) -> int:
        return len(self.graph) + len(self.recent)

    def search(self, query: np.ndarray, k: int, *, allowed: np.ndarray | None = None,
               exclude: Iterable[int] = ()) -> list[vectors.Hit]:
        if k <= 0 or not len(self):
            return []
        query = np.asarray(query, dtype=np.float32).reshape(vectors.DIMENSIONS)
        if not np.any(query):
            return []  # an empty text matches nothing (and has no cosine)
        excluded = set(exclude)
        recent = self.recent.search(query, k, allowed=allowed, exclude=excluded)
        if allowed is None:
            return _merge(self._search_graph(query, k, excluded, None), recent, k=k)
        allowed = np.unique(np.asarray(allowed, dtype=np.int64))
        if len(allowed) <= EXACT_ALLOWED_MAX:
            # Looking ids up in the graph costs microseconds each: only for a small allowed set.
            in_graph = allowed[np.asarray(self.graph.contains(allowed.astype(np.uint64)), dtype=bool)] \
                if len(allowed) and len(self.graph) else allowed[:0]
            return _merge(self._exact(query, k, in_graph, excluded), recent, k=k)
        return _merge(self._search_graph(query, k, excluded, allowed), recent, k=k)

    def _search_graph(self, query: np.ndarray, k: int, excluded: set[int],
                      allowed: np.ndarray | None) -> list[vectors.Hit]:
        size = len(self.graph)
        if not size:
            return []
        wanted = k + len(excluded)
        # Over-fetch in proportion to how much of the graph the filter keeps, then double.
        count = wanted if allowed is None else math.ceil(wanted * size / max(len(allowed), 1) * 1.5)
        while True:
            count = min(count, size)
            matches = self.graph.search(query, count, threads=1)
            keys = np.asarray(matches.keys, dtype=np.int64)
            distances = np.asarray(matches.distances, dtype=np.float32)
            keep = ~np.isin(keys, list(excluded)) if excluded else np.ones(len(keys), dtype=bool)
            if allowed is not None:  # sorted and unique: a binary search per key
                at = np.minimum(np.searchsorted(allowed, keys), len(allowed) - 1)
                keep &= allowed[at] == keys
            if keep.sum() >= k or count >= size:
                return _hits(keys[keep][:k], distances[keep][:k])
            if count * 2 >= size / 2 and allowed is not None:
                # Most of the graph would be walked: comparing the allowed vectors is cheaper and exact.
                allowed = allowed[np.asarray(self.graph.contains(allowed.astype(np.uint64)), dtype=bool)]
                return self._exact(query, k, allowed, excluded)
            count *= 2

    def _exact(self, query: np.ndarray, k: int, ids: np.ndarray, excluded: set[int]) -> list[vectors.Hit]:
        if not len(ids):
            return []
        found = self.graph.get(ids.astype(np.uint64))
        matrix = np.vstack(found).astype(np.float32) if isinstance(found, tuple) else np.asarray(found, dtype=np.float32)
        matrix = matrix.reshape(len(ids), vectors.DIMENSIONS)
        norms = np.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0
        return vectors.ExactIndex(ids, matrix / norms[:, None]).search(query, k, exclude=excluded)


# -- saved graphs --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Saved:
    """What the JSON beside a saved graph says about it."""

    file: str
    model: str
    count: int
    newest: int  # the highest report id in the graph: every vector above it is searched exactly
    built_at: str


def directory() -> Path:
    return Path(settings.VAR_DIR) / "ann"


def _manifest_path(organisation_id: int) -> Path:
    return directory() / f"organisation-{organisation_id}.json"


def saved(organisation_id: int) -> Saved | None:
    """The organisation's saved graph, if there is one for the current embedding model."""
    try:
        found = Saved(**json.loads(_manifest_path(organisation_id).read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None
    if found.model != vectors.EMBEDDING_MODEL or not (directory() / found.file).exists():
        return None
    return found


def current_file(organisation_id: int) -> str:
    """The saved graph's file name, "" if none: part of the index's fingerprint in each process."""
    found = saved(organisation_id)
    return found.file if found else ""


def _vectors_after(organisation_id: int, newest: int) -> tuple[np.ndarray, np.ndarray]:
    rows = ReportVector.objects.filter(organisation_id=organisation_id, model=vectors.EMBEDDING_MODEL,
                                       report_id__gt=newest).order_by("report_id").values_list("report_id", "vector")
    return _collect(rows)


def _collect(rows) -> tuple[np.ndarray, np.ndarray]:
    ids: list[int] = []
    blobs: list[bytes] = []
    for report_id, blob in rows.iterator(chunk_size=2000):
        ids.append(report_id)
        blobs.append(bytes(blob))
    matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), vectors.DIMENSIONS) if ids else \
        np.zeros((0, vectors.DIMENSIONS), dtype=np.float32)
    return np.asarray(ids, dtype=np.int64), matrix


def _stragglers(organisation_id: int, graph: Index, found: Saved) -> tuple[np.ndarray, np.ndarray]:
    """Vectors at or below the graph's newest id that it lacks (embedded late by the sweep). One count
    tells whether there are any; only then are the ids compared."""
    older = ReportVector.objects.filter(organisation_id=organisation_id, model=vectors.EMBEDDING_MODEL,
                                        report_id__lte=found.newest)
    if older.count() <= found.count:
        return np.zeros(0, dtype=np.int64), np.zeros((0, vectors.DIMENSIONS), dtype=np.float32)
    ids = np.fromiter(older.values_list("report_id", flat=True).iterator(chunk_size=10000), dtype=np.int64)
    missing = ids[~np.asarray(graph.contains(ids), dtype=bool)]
    return _collect(older.filter(report_id__in=missing.tolist()).order_by("report_id").values_list("report_id", "vector"))


def load(organisation_id: int) -> AnnIndex | None:
    """The saved graph, memory-mapped, with what is newer than it searched exactly; None if none is saved."""
    found = saved(organisation_id)
    if found is None:
        return None
    graph = Index.restore(str(directory() / found.file), view=True)
    if graph is None:
        return None
    graph.expansion_search = EXPANSION_SEARCH
    ids, matrix = _vectors_after(organisation_id, found.newest)
    late_ids, late_matrix = _stragglers(organisation_id, graph, found)
    if len(late_ids):
        ids, matrix = np.concatenate([ids, late_ids]), np.concatenate([matrix, late_matrix])
    return AnnIndex(graph, vectors.ExactIndex(ids, matrix))


def refresh(organisation_id: int) -> Saved:
    """Bring the organisation's saved graph up to date: add what is newer (or, with no usable graph,
    build it from every vector) and save it under a new name. Run by the periodic task, never a page."""
    found = saved(organisation_id)
    if found is None:
        graph = new_graph()
        ids, matrix = vectors.load_vectors(organisation_id)
    else:
        graph = Index.restore(str(directory() / found.file), view=False)
        graph.expansion_add = EXPANSION_ADD
        ids, matrix = _vectors_after(organisation_id, found.newest)
        late_ids, late_matrix = _stragglers(organisation_id, graph, found)
        if len(late_ids):
            ids, matrix = np.concatenate([ids, late_ids]), np.concatenate([matrix, late_matrix])
    if found is not None and not len(ids):
        return found
    if len(ids):
        graph.add(ids.astype(np.uint64), matrix, threads=0)
    directory().mkdir(parents=True, exist_ok=True)
    name = f"organisation-{organisation_id}-{uuid.uuid4().hex}.usearch"
    graph.save(str(directory() / name))
    newest = max(int(ids.max()) if len(ids) else 0, found.newest if found else 0)
    result = Saved(file=name, model=vectors.EMBEDDING_MODEL, count=len(graph), newest=newest,
                   built_at=timezone.now().isoformat(timespec="seconds"))
    manifest = _manifest_path(organisation_id)
    temporary = manifest.with_suffix(f".{uuid.uuid4().hex}.tmp")
    temporary.write_text(json.dumps(result.__dict__))
    os.replace(temporary, manifest)
    for old in directory().glob(f"organisation-{organisation_id}-*.usearch"):
        if old.name != name:
            old.unlink(missing_ok=True)
    logger.info("ANN index of organisation %s saved: %s vectors", organisation_id, result.count)
    return result


def organisations_at_scale() -> list[int]:
    """Organisations with at least `GOODCATCH_ANN_MIN_VECTORS` current vectors."""
    from django.db.models import Count

    return list(ReportVector.objects.filter(model=vectors.EMBEDDING_MODEL).values("organisation_id")
                .annotate(n=Count("report_id")).filter(n__gte=vectors.ann_min_vectors())
                .order_by("organisation_id").values_list("organisation_id", flat=True))


def refresh_all() -> int:
    """Refresh every large organisation's saved graph; returns how many are current."""
    organisation_ids = organisations_at_scale()
    for organisation_id in organisation_ids:
        refresh(organisation_id)
    return len(organisation_ids)
