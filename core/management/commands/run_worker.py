"""`manage.py db_worker`, with a heartbeat: run this one, not db_worker itself.

It takes db_worker's options (`--queue-name deidentification`, `--queue-name '*'`, `--interval`, ...).
While it runs, a thread records every settings.GOODCATCH_WORKER_HEARTBEAT_SECONDS that the worker is
alive, so that if it dies mid-task `manage.py run_periodic` requeues that task within about a minute
(core.workers). If the worker finds that it has been declared dead, it stops at once.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core import workers


class Command(DbWorkerCommand):
    help = "Run a database task worker that heartbeats, so its tasks are requeued if it dies."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # db_worker's default id is 32 random letters; the host and process id help an operator.
        parser.set_defaults(worker_id=workers.new_worker_id())

    def handle(self, *args, worker_id: str, queue_name: str, **options) -> None:
        with workers.Heartbeat(worker_id, queues=queue_name):
            super().handle(*args, worker_id=worker_id, queue_name=queue_name, **options)
