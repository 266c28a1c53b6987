"""Background workers say they are alive, and hold the work they are doing (core.workers)."""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A task worker (`manage.py run_worker`) or any process holding a claim, and when it last said it
    was alive. A row quiet for too long is a dead worker: the sweep requeues its tasks and releases its
    claims, and a worker that finds its row gone stops at once, so that its work is never done twice."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    queues = models.CharField(max_length=200, blank=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id


class WorkClaim(models.Model):
    """One worker's hold on one piece of work (e.g. "report:17"), so that no two do it at once.

    Taking a claim is one INSERT, which the unique name makes atomic on SQLite and PostgreSQL alike.
    It keeps no time: a report's claim must not date it (ADR 0003). It goes when the work is done, or
    with its worker's heartbeat row when that worker dies."""

    name = models.CharField(max_length=100, primary_key=True)
    worker = models.ForeignKey(WorkerHeartbeat, on_delete=models.CASCADE, related_name="claims")

    def __str__(self) -> str:
        return self.name
