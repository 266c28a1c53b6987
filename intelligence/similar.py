"""Similar earlier reports and likely duplicates, for a report's page.

Only the organisation's own confirmed (de-identified) reports are ever candidates: the vector index
is per organisation, and every hit is looked up again through `reporting.services` scoped to the
organisation and to confirmed reports before it is shown, so an index that is a little stale (a
saved ANN graph) can only lose a hit, never show one it should not.

A likely duplicate is a pair whose cosine similarity is at least `duplicate_threshold()`. The
threshold was calibrated by `bench/intelligence_duplicates.py` on accounts of one event written by
two reporters (restyled, with some fields told differently) against different reports of the same
situation; it is the lowest threshold at which the flag's precision is at least 0.9 there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import Q

from reporting import services as reporting

from . import vectors
from .models import ReportVector

DUPLICATE_THRESHOLD = 0.985
# The most candidates fetched from the index before falling back to a search narrowed to the
# allowed ids (a report near the start of the organisation's history has few earlier ones).
MAX_FETCH = 4096


def duplicate_threshold() -> float:
    return float(getattr(settings, "GOODCATCH_DUPLICATE_THRESHOLD", DUPLICATE_THRESHOLD))


@dataclass(frozen=True)
class SimilarReport:
    report: object  # reporting.models.Report, confirmed, in the same organisation
    score: float    # cosine similarity

    @property
    def percent(self) -> int:
        return max(0, round(self.score * 100))

    @property
    def likely_duplicate(self) -> bool:
        return self.score >= duplicate_threshold()


def _query_vector(organisation_id: int, report_id: int) -> np.ndarray | None:
    blob = ReportVector.objects.filter(report_id=report_id, organisation_id=organisation_id,
                                       model=vectors.EMBEDDING_MODEL).values_list("vector", flat=True).first()
    return None if blob is None else vectors.from_bytes(blob)


def _nearest(organisation_id: int, report, candidates, k: int) -> list[SimilarReport]:
    """The k nearest of `candidates` (a queryset of the organisation's reports) to `report`."""
    query = _query_vector(organisation_id, report.pk)
    if query is None or k <= 0:
        return []
    index = vectors.index_for(organisation_id)
    fetch = k * 4 + 1
    while True:
        hits = index.search(query, min(fetch, max(len(index), 1)), exclude=[report.pk])
        found = {r.pk: r for r in candidates.filter(pk__in=[hit.report_id for hit in hits])}
        chosen = [SimilarReport(found[hit.report_id], hit.score) for hit in hits if hit.report_id in found][:k]
        if len(chosen) >= k or fetch >= len(index):
            return chosen
        if fetch >= MAX_FETCH:
            # Few candidates among many vectors: search only theirs.
            allowed = np.fromiter(candidates.values_list("pk", flat=True), dtype=np.int64)
            hits = index.search(query, k, allowed=allowed, exclude=[report.pk])
            found = {r.pk: r for r in candidates.filter(pk__in=[hit.report_id for hit in hits])}
            return [SimilarReport(found[hit.report_id], hit.score) for hit in hits if hit.report_id in found][:k]
        fetch *= 4


def _report(organisation_id: int, report_id: int):
    return reporting.reports_with_ids(organisation_id, [report_id]).first()


def similar_reports(organisation_id: int, report_id: int, k: int = 5) -> list[SimilarReport]:
    """The k confirmed reports of this organisation, submitted before this one, nearest to it."""
    report = _report(organisation_id, report_id)
    if report is None or not reporting.is_readable(report):
        return []
    earlier = reporting.readable_reports(organisation_id).filter(
        Q(submitted_at__lt=report.submitted_at) | Q(submitted_at=report.submitted_at, pk__lt=report.pk))
    return _nearest(organisation_id, report, earlier, k)


def likely_duplicates(organisation_id: int, report_id: int, k: int = 5) -> list[SimilarReport]:
    """Confirmed reports of this organisation, earlier or later, that probably describe the same event."""
    report = _report(organisation_id, report_id)
    if report is None or not reporting.is_readable(report):
        return []
    nearest = _nearest(organisation_id, report, reporting.readable_reports(organisation_id), k)
    return [similar for similar in nearest if similar.likely_duplicate]


@dataclass(frozen=True)
class ReportPage:
    """What a report's page shows from safety intelligence: its similar earlier reports, the likely
    duplicates reported after it, and the event it is part of."""

    similar: list[SimilarReport]
    later_duplicates: list[SimilarReport]
    event: object  # events.EventView | None
    can_link: bool

    @property
    def linked_ids(self) -> set[int]:
        return {report.pk for report in self.event.others} if self.event else set()


def report_page(organisation_id: int, report, *, can_link: bool) -> ReportPage | None:
    """For the triage report page; None while the report is unconfirmed (it has no vector yet)."""
    from . import events

    if not reporting.is_readable(report):
        return None
    earlier = similar_reports(organisation_id, report.pk)
    shown = {item.report.pk for item in earlier}
    later = [item for item in likely_duplicates(organisation_id, report.pk)
             if item.report.pk not in shown and (item.report.submitted_at, item.report.pk) > (report.submitted_at, report.pk)]
    return ReportPage(earlier, later, events.event_of(organisation_id, report.pk), can_link)
