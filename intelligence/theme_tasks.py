"""The scheduled re-clustering of themes, through Django's tasks API (GOODCATCH_PERIODIC_TASKS)."""

from __future__ import annotations

from django_tasks import task


@task()
def recluster_themes() -> int:
    """Recompute every organisation's themes, keeping reviewers' edits; returns how many themes there are."""
    from intelligence import themes

    return sum(summary.themes for summary in themes.recluster_all())
