"""What safety intelligence fills in after reports are seeded in bulk (`manage.py seed_reports`).

Bulk inserts send no `report_confirmed` signal, so nothing is queued for the new reports: this hook
does that work at once, in this process, and says how long each part took. Every part that keeps
something beside reports (embeddings, the search index, themes) adds its call here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from intelligence import search, spikes, themes, vectors

CHUNK = 2048  # reports per call, so the progress bar moves and memory stays flat

# progress(step, reports just done, total for this step)
Progress = Callable[[str, int, int], None]


def after_seed(organisation_id: int, report_ids: Sequence[int], *, progress: Progress | None = None) -> dict[str, dict]:
    """Fill the organisation's indexes for these new, confirmed reports. Returns figures per step:
    {"embeddings": {"reports": n, "seconds": s, "per_second": r}, ...}."""
    figures: dict[str, dict] = {}
    ids = list(report_ids)

    started = time.perf_counter()
    stored = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        stored += vectors.embed_reports(organisation_id, chunk)
        if progress:
            progress("embeddings", len(chunk), len(ids))
    figures["embeddings"] = _figures(stored, time.perf_counter() - started)

    started = time.perf_counter()
    indexed = search.index_reports(organisation_id, ids)
    figures["search_index"] = _figures(indexed, time.perf_counter() - started)

    started = time.perf_counter()
    summary = themes.recluster(organisation_id)
    figures["themes"] = {**_figures(len(ids), time.perf_counter() - started), "themes": summary.themes}

    started = time.perf_counter()
    alerts = spikes.run_detection(organisation_id)
    figures["spikes"] = {**_figures(len(ids), time.perf_counter() - started), "alerts": alerts}
    return figures


def _figures(count: int, seconds: float) -> dict:
    return {"reports": count, "seconds": round(seconds, 3), "per_second": round(count / seconds, 1) if seconds else None}
