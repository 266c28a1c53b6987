"""Enqueue the periodic tasks named in settings.GOODCATCH_PERIODIC_TASKS at their intervals.

Run one of these per deployment (``make run`` starts it), or call it from cron with ``--once``.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Enqueue periodic background tasks (retention, retries) at their intervals."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task once and exit.")
        parser.add_argument("--tick", type=float, default=15.0, help="Seconds between checks.")

    def handle(self, *args, once: bool = False, tick: float = 15.0, **options):
        schedule = dict(settings.GOODCATCH_PERIODIC_TASKS)
        tasks = {path: import_string(path) for path in schedule}
        next_run = {path: 0.0 for path in schedule}
        while True:
            now = time.monotonic()
            for path, interval in schedule.items():
                if now >= next_run[path]:
                    tasks[path].enqueue()
                    next_run[path] = now + interval
                    self.stdout.write(f"enqueued {path}")
            if once:
                return
            time.sleep(tick)
