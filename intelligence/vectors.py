"""Report embeddings and the vector index that semantic search, similar reports and themes share.

A report is embedded once its de-identified text is confirmed (a background task queued by
`reporting.signals.report_confirmed`), and a periodic sweep embeds any that a lost task missed.
Vectors are float32 and unit length, so a dot product is the cosine similarity.

The index sits behind `VectorIndex`. `ExactIndex` (numpy, one matrix per organisation, kept in each
process and reloaded when the organisation's vectors change) is exact and fast enough for one
organisation; from `GOODCATCH_ANN_MIN_VECTORS` vectors (default 200,000) `index_for` serves the
approximate `ann.AnnIndex` instead (an HNSW graph saved by a periodic task; see `intelligence.ann`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef

from core.embeddings import semantic_library
from reporting import services as reporting

from .models import ReportVector

logger = logging.getLogger(__name__)

# Names the packaged model and how text is turned into a vector; a change re-embeds every report.
EMBEDDING_MODEL = "all-MiniLM-L6-v2/static-1"
DIMENSIONS = 384
BATCH = 256


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """(n, 384) float32, unit rows. Empty text gives a zero row, which matches nothing."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(semantic_library().embed(list(texts)), dtype=np.float32)
    empty = np.array([not text.strip() for text in texts])
    vectors[empty] = 0.0
    return vectors


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f4")


def embed_reports(organisation_id: int, report_ids: Iterable[int]) -> int:
    """Embed these confirmed reports of one organisation and store their vectors; unreadable ones
    (not yet confirmed) are skipped. Returns how many were stored."""
    stored = 0
    ids = list(report_ids)
    for start in range(0, len(ids), BATCH):
        reports = [report for report in reporting.reports_with_ids(organisation_id, ids[start:start + BATCH])
                   if reporting.is_readable(report)]
        texts = [reporting.readable_text(report) for report in reports]
        vectors = embed_texts(texts)
        rows = [ReportVector(report_id=report.pk, organisation_id=organisation_id, model=EMBEDDING_MODEL,
                             vector=to_bytes(vector)) for report, vector in zip(reports, vectors, strict=True)]
        with transaction.atomic():
            ReportVector.objects.filter(report_id__in=[row.report_id for row in rows]).delete()
            ReportVector.objects.bulk_create(rows)
        stored += len(rows)
    if stored:
        forget_index(organisation_id)
    return stored


def missing_ids(organisation_id: int) -> list[int]:
    """Confirmed reports with no vector from the current model (NOT EXISTS, not NOT IN: see
    intelligence.search.missing_ids)."""
    current = ReportVector.objects.filter(organisation_id=organisation_id, report_id=OuterRef("pk"),
                                          model=EMBEDDING_MODEL)
    return list(reporting.readable_reports(organisation_id).filter(~Exists(current))
                .order_by("pk").values_list("pk", flat=True))


def embed_missing(organisation_ids: Iterable[int] | None = None) -> int:
    if organisation_ids is None:
        organisation_ids = reporting.organisation_ids_with_readable_reports()
    return sum(embed_reports(organisation_id, missing_ids(organisation_id)) for organisation_id in organisation_ids)


def vector_of(report_id: int) -> np.ndarray | None:
    row = ReportVector.objects.filter(report_id=report_id, model=EMBEDDING_MODEL).values_list("vector", flat=True).first()
    return None if row is None else from_bytes(row)


# -- the index ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    report_id: int
    score: float  # cosine similarity, -1 to 1


class VectorIndex(Protocol):
    """Nearest reports to a query vector. `allowed` narrows the search to these report ids (filters);
    `exclude` drops these (the report itself, on its own page)."""

    def __len__(self) -> int: ...

    def search(self, query: np.ndarray, k: int, *, allowed: np.ndarray | None = None,
               exclude: Iterable[int] = ()) -> list[Hit]: ...


class ExactIndex:
    """Every vector compared with the query: exact, and at 100,000 reports a few milliseconds."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray):
        order = np.argsort(ids, kind="stable")
        self.ids = np.asarray(ids, dtype=np.int64)[order]
        self.matrix = np.asarray(matrix, dtype=np.float32)[order].reshape(len(ids), DIMENSIONS)

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: np.ndarray, k: int, *, allowed: np.ndarray | None = None,
               exclude: Iterable[int] = ()) -> list[Hit]:
        if k <= 0 or not len(self.ids):
            return []
        ids, matrix = self.ids, self.matrix
        if allowed is not None:
            rows = np.searchsorted(ids, allowed)
            rows = rows[(rows < len(ids)) & (ids[np.minimum(rows, len(ids) - 1)] == allowed)]
            ids, matrix = ids[rows], matrix[rows]
        excluded = set(exclude)
        scores = matrix @ np.asarray(query, dtype=np.float32)
        take = min(len(ids), k + len(excluded))
        if not take:
            return []
        top = np.argpartition(-scores, take - 1)[:take]
        top = top[np.lexsort((ids[top], -scores[top]))]
        hits = [Hit(int(ids[i]), float(scores[i])) for i in top if int(ids[i]) not in excluded]
        return hits[:k]


def load_vectors(organisation_id: int) -> tuple[np.ndarray, np.ndarray]:
    """(ids, matrix) of the organisation's current vectors, read in one indexed scan."""
    rows = ReportVector.objects.filter(organisation_id=organisation_id, model=EMBEDDING_MODEL).values_list("report_id", "vector")
    ids: list[int] = []
    blobs: list[bytes] = []
    for report_id, blob in rows.iterator(chunk_size=2000):
        ids.append(report_id)
        blobs.append(bytes(blob))
    matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), DIMENSIONS) if ids else \
        np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(ids, dtype=np.int64), matrix


_indexes: dict[int, tuple[tuple, VectorIndex, float]] = {}  # organisation → (fingerprint, index, checked at)
_lock = threading.Lock()


# The approximate index (intelligence.ann) registers itself here from IntelligenceConfig.ready, so
# that this module, which it builds on, does not import it back: which saved graph is current for an
# organisation ("" if none), and the graph loaded with what is newer than it.
_approximate: tuple[Callable[[int], str], Callable[[int], VectorIndex | None]] | None = None


def use_approximate(current: Callable[[int], str], load: Callable[[int], VectorIndex | None]) -> None:
    global _approximate
    _approximate = (current, load)


def ann_min_vectors() -> int:
    """From this many vectors an organisation is searched through its saved HNSW graph."""
    return int(getattr(settings, "GOODCATCH_ANN_MIN_VECTORS", 200_000))


def _fingerprint(organisation_id: int) -> tuple:
    """Changes whenever the organisation's vectors do (in any process): their count and newest id,
    and, at ANN size, which saved graph is current. Read from the (organisation, report) index alone:
    filtering on `model` too made every search read each vector row (1.5 kB), some 400 ms at 100,000
    reports. A new model is a new release, whose processes start with no index cached."""
    found = ReportVector.objects.filter(organisation_id=organisation_id).aggregate(
        n=Count("report_id"), newest=Max("report_id"))
    graph = ""
    if found["n"] >= ann_min_vectors() and _approximate is not None:
        graph = _approximate[0](organisation_id)
    return (found["n"], found["newest"], graph)


def index_for(organisation_id: int) -> VectorIndex:
    """The organisation's index, built once per process and rebuilt when its vectors change: exact
    below `GOODCATCH_ANN_MIN_VECTORS`, else the saved HNSW graph plus an exact search of what is
    newer than it (exact until the periodic task has saved a first graph)."""
    with _lock:
        cached = _indexes.get(organisation_id)
    # Counting a large organisation's vectors costs more than the search itself (some 200 to 800 ms at a
    # million on PostgreSQL), so at ANN size the count is checked at most every few seconds: a report
    # confirmed elsewhere is found a few seconds later (one embedded here clears the cache at once).
    if cached and cached[0][0] >= ann_min_vectors() and \
            time.monotonic() - cached[2] < getattr(settings, "GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS", 5):
        return cached[1]
    fingerprint = _fingerprint(organisation_id)
    if cached and cached[0] == fingerprint:
        with _lock:
            _indexes[organisation_id] = (fingerprint, cached[1], time.monotonic())
        return cached[1]
    index: VectorIndex | None = None
    if fingerprint[2] and _approximate is not None:
        index = _approximate[1](organisation_id)
    if index is None:
        index = ExactIndex(*load_vectors(organisation_id))
    with _lock:
        _indexes[organisation_id] = (fingerprint, index, time.monotonic())
    return index


def forget_index(organisation_id: int) -> None:
    with _lock:
        _indexes.pop(organisation_id, None)
