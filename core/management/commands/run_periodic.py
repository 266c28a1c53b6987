"""Enqueue the periodic tasks named in settings.GOODCATCH_PERIODIC_TASKS at their intervals, and every
settings.GOODCATCH_WORKER_SWEEP_SECONDS requeue the tasks of workers that have died (core.workers).

The sweep runs here, in this process, not as a task: it is for when the workers cannot run anything.

Run one of these per deployment (``make run`` starts it), or call it from cron with ``--once``.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from core import workers

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue periodic background tasks (retention, retries), and requeue the tasks of dead workers."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task and sweep once, then exit.")
        parser.add_argument("--tick", type=float, default=5.0, help="Seconds between checks.")

    def handle(self, *args, once: bool = False, tick: float = 5.0, **options):
        schedule = dict(settings.GOODCATCH_PERIODIC_TASKS)
        tasks = {path: import_string(path) for path in schedule}
        next_run = {path: 0.0 for path in schedule}
        sweeps = isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)
        next_sweep = 0.0
        while True:
            if not once:
                # A long-running scheduler drops connections the database has closed or that are past
                # their age. One pass (--once, from cron or a test's transaction) keeps the one it has.
                close_old_connections()
            now = time.monotonic()
            # A locked or unreachable database is logged and tried again at the next tick.
            for path, interval in schedule.items():
                if now >= next_run[path]:
                    try:
                        tasks[path].enqueue()
                    except DatabaseError:
                        logger.warning("Could not enqueue %s", path, exc_info=True)
                        continue
                    next_run[path] = now + interval
                    self.stdout.write(f"enqueued {path}")
            if sweeps and now >= next_sweep:
                try:
                    result = workers.sweep()
                except DatabaseError:
                    logger.warning("The sweep for dead workers could not run", exc_info=True)
                else:
                    next_sweep = now + settings.GOODCATCH_WORKER_SWEEP_SECONDS
                    for lost, copy in result.requeued.items():
                        self.stdout.write(f"requeued task {lost} of a dead worker as {copy}")
            if once:
                return
            time.sleep(tick)
