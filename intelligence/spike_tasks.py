"""The scheduled spike check (settings.GOODCATCH_PERIODIC_TASKS, once a day is plenty: counts are weekly)."""

from __future__ import annotations

from django_tasks import task


@task()
def detect_spikes() -> int:
    """Recompute the spike alerts of every organisation with a confirmed report (all its reports count,
    confirmed or not); returns how many alarmed weeks were stored."""
    from intelligence import spikes
    from reporting import services as reporting

    return sum(spikes.run_detection(organisation_id) for organisation_id in reporting.organisation_ids_with_readable_reports())
