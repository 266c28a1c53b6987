"""Background work for safety intelligence, through Django's tasks API."""

from __future__ import annotations

from django_tasks import task


@task()
def embed_reports(organisation_id: int, report_ids: list[int]) -> int:
    """Embed confirmed reports (queued on confirmation); returns how many vectors were stored."""
    from intelligence import vectors

    return vectors.embed_reports(organisation_id, report_ids)


@task()
def embed_missing() -> int:
    """The periodic catch-up: every confirmed report without a current vector gets one."""
    from intelligence import vectors

    return vectors.embed_missing()


@task()
def refresh_dashboards() -> int:
    """The periodic count of every organisation's unfiltered dashboard, ahead of its viewers
    (intelligence.dashboard.refresh), after folding what is new into its monthly rollups
    (intelligence.rollups.refresh), so that filtered views counted while people wait stay quick;
    returns how many organisations were counted."""
    from intelligence import dashboard, rollups
    from organisations.services import organisations_with_ids
    from reporting.services import organisation_ids_with_readable_reports

    organisations = organisations_with_ids(organisation_ids_with_readable_reports())
    for organisation in organisations:
        if dashboard.use_rollups():
            rollups.refresh(organisation)
        dashboard.refresh(organisation)
    return len(organisations)


def on_report_confirmed(sender, *, report_ids: list[int], organisation_id: int, **kwargs) -> None:
    """Confirmed reports are embedded in the background (reporting.signals.report_confirmed)."""
    embed_reports.enqueue(organisation_id, list(report_ids))


@task()
def refresh_ann_indexes() -> int:
    """Periodic: bring each large organisation's saved HNSW graph up to date (intelligence.ann).
    Between runs, vectors newer than the graph are searched exactly, so the interval is a cost, not a gap."""
    from intelligence import ann

    return ann.refresh_all()


@task()
def index_for_search(organisation_id: int, report_ids: list[int]) -> int:
    """(Re)write these reports' search documents: queued on confirmation and when a coding changes."""
    from intelligence import search

    return search.index_reports(organisation_id, report_ids)


@task()
def index_missing_for_search() -> int:
    """The periodic catch-up: every confirmed report without a search document gets one."""
    from intelligence import search

    return search.backfill()


def on_report_confirmed_search(sender, *, report_ids: list[int], organisation_id: int, **kwargs) -> None:
    """Confirmed (or re-confirmed) reports are indexed for keyword search in the background."""
    index_for_search.enqueue(organisation_id, list(report_ids))


def on_coding_changed(organisation_id: int, report_ids: list[int]) -> None:
    """A report's coding, or the wording of a code it was coded with, changed: its document follows."""
    index_for_search.enqueue(organisation_id, report_ids)
