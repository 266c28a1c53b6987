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


def on_report_confirmed(sender, *, report_id: int, organisation_id: int, **kwargs) -> None:
    """A confirmed report is embedded in the background (reporting.signals.report_confirmed)."""
    embed_reports.enqueue(organisation_id, [report_id])
