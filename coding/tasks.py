"""Background work for coding, through Django's tasks API (as reporting.tasks declares its own)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from organisations.services import get_organisation

from . import training


@task()
def retrain_coder(organisation_slug: str) -> int | None:
    """Queued after every N new codings: train the organisation's suggester on its codings so far.
    Returns the new model version's id, or None while too few reports are coded."""
    organisation = get_organisation(organisation_slug)
    if organisation is None:
        return None
    version = training.train_for(organisation)
    return version.pk if version else None


def queue_retraining(organisation_slug: str) -> None:
    """Queue retraining once the coding that asked for it is committed, so the task sees it."""
    transaction.on_commit(lambda: retrain_coder.enqueue(organisation_slug))
