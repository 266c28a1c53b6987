"""Scheduled protection work, run through Django's tasks API."""

from __future__ import annotations

from django_tasks import task


@task()
def apply_retention() -> int:
    """Destroy sealed originals and identities whose retention period has ended."""
    from protection.services import destroy_due

    return destroy_due()
