"""Task workers that are known to be alive, work that is held by one worker at a time, and the sweep
that requeues what a dead worker was doing.

django-tasks-db marks a task RUNNING when a worker takes it, and nothing ever changes that if the
worker is killed. So each worker (`manage.py run_worker`) beats from a thread of its own, every
settings.GOODCATCH_WORKER_HEARTBEAT_SECONDS, into a `WorkerHeartbeat` row. `sweep()`, which
`manage.py run_periodic` calls every settings.GOODCATCH_WORKER_SWEEP_SECONDS, treats a worker quiet for
settings.GOODCATCH_WORKER_QUIET_SECONDS as dead: each task it was running is marked failed and queued
again, and what it held (`claimed()`) is released. A worker that finds its own row gone (it was only
paused, and has been declared dead) stops at once, since its work is already someone else's.

Requeueing runs a task a second time, so every task here must be safe to run again; ours are
(de-identification works through whatever is still waiting, retention destroys what is due).

The heartbeat beats while the process lives, not while its task makes progress: a task stuck in a
loop keeps its worker alive. Death (kill -9, a lost machine, out of memory) is what this catches.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core.models import WorkClaim, WorkerHeartbeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded on a task whose worker went quiet while running it."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"

# The id this process holds claims under: its worker's id in `run_worker`, else one made up per process.
_identity: dict[str, object] = {"pid": None, "id": "", "beating": False, "registered": False}


def new_worker_id() -> str:
    """Unique across machines and restarts; the host and process id help an operator find it."""
    return f"{socket.gethostname()[:32]}-{os.getpid()}-{get_random_string(8)}"


def this_worker() -> str:
    if _identity["pid"] != os.getpid():  # a forked child is a worker of its own
        _identity.update(pid=os.getpid(), id=new_worker_id(), beating=False, registered=False)
    return str(_identity["id"])


def _say_alive_while_claiming(worker: str) -> None:
    """A process without a heartbeat thread (`load_demo`, a web process running tasks at once) says it is
    alive each time it claims, and takes its row away when it exits, so the sweep finds nothing of it."""
    WorkerHeartbeat.objects.update_or_create(pk=worker, defaults={"beat_at": timezone.now()})
    if not _identity.get("registered"):
        _identity["registered"] = True
        atexit.register(_forget, worker)


def _forget(worker: str) -> None:
    try:
        WorkerHeartbeat.objects.filter(pk=worker).delete()
    except Exception:  # noqa: BLE001 - on the way out, with the database perhaps gone: the sweep will do it
        logger.debug("Could not remove the heartbeat of %s on exit", worker)


def _stop_now(worker_id: str) -> None:
    logger.critical("Worker %s was declared dead after going quiet; stopping so that its work is not "
                    "done twice", worker_id)
    logging.shutdown()
    os._exit(70)


class Heartbeat:
    """While the block runs, say every `interval` seconds that `worker_id` is alive, from a thread.

    On a clean exit the row goes: the worker has finished its tasks, so nothing of it is left to sweep.
    """

    def __init__(self, worker_id: str, *, queues: str = "", interval: float | None = None,
                 declared_dead: Callable[[str], None] = _stop_now) -> None:
        self.worker_id, self.queues = worker_id, queues[:200]
        self.interval = settings.GOODCATCH_WORKER_HEARTBEAT_SECONDS if interval is None else interval
        self.declared_dead = declared_dead
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{worker_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        WorkerHeartbeat.objects.update_or_create(pk=self.worker_id,
                                                 defaults={"queues": self.queues, "beat_at": timezone.now()})
        _identity.update(pid=os.getpid(), id=self.worker_id, beating=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        _identity.update(pid=None, beating=False)  # anything claimed from now on, this process claims afresh
        try:
            WorkerHeartbeat.objects.filter(pk=self.worker_id).delete()
        except DatabaseError:  # the sweep will find it quiet instead
            logger.warning("Worker %s could not remove its heartbeat on the way out", self.worker_id)

    def beat(self) -> bool:
        """One beat. False when the row is gone: the sweep has declared this worker dead."""
        return WorkerHeartbeat.objects.filter(pk=self.worker_id).update(beat_at=timezone.now()) == 1

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    alive = self.beat()
                except DatabaseError:  # a locked or unreachable database: try again next time
                    logger.warning("Worker %s could not record its heartbeat", self.worker_id, exc_info=True)
                    close_old_connections()
                    continue
                if not alive:
                    self.declared_dead(self.worker_id)
                    return
        finally:
            connection.close()  # this thread's own connection


@contextmanager
def claimed(name: str) -> Iterator[bool]:
    """Hold `name` (e.g. "report:17") while the block runs. Yields False, holding nothing, when
    another worker holds it: that worker is doing the same work right now."""
    worker = this_worker()
    try:
        with transaction.atomic():
            if not _identity["beating"]:
                _say_alive_while_claiming(worker)
            with transaction.atomic():
                WorkClaim.objects.create(name=name, worker_id=worker)
    except IntegrityError:
        yield False
        return
    try:
        yield True
    finally:
        WorkClaim.objects.filter(name=name, worker_id=worker).delete()


@dataclass(frozen=True)
class SweepResult:
    dead_workers: list[str]
    requeued: dict[str, str]  # the lost task's id -> the id of its copy


def sweep(*, now: datetime | None = None, quiet_seconds: int | None = None) -> SweepResult:
    """Declare workers quiet for `quiet_seconds` dead, release what they held, and requeue their tasks.

    The heartbeat rows go first, so a worker that was only paused finds its row gone at its next beat
    and stops before it could finish a task that is already queued again. A task whose worker never
    beat (a plain `db_worker`) is lost once it started longer ago than `quiet_seconds`.
    """
    now = now or timezone.now()
    quiet = settings.GOODCATCH_WORKER_QUIET_SECONDS if quiet_seconds is None else quiet_seconds
    cutoff = now - timedelta(seconds=quiet)
    quiet_since = dict(WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).values_list("worker_id", "beat_at"))
    if quiet_since:
        # Their claims go with them (on_delete=CASCADE), so the work they held can be taken again.
        WorkerHeartbeat.objects.filter(pk__in=list(quiet_since), beat_at__lt=cutoff).delete()
    alive = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    dead = sorted(set(quiet_since) - alive)
    if dead:
        logger.warning("Workers quiet for over %s s, declared dead: %s", quiet, ", ".join(dead))

    requeued: dict[str, str] = {}
    for task_id in DBTaskResult.objects.running().values_list("pk", flat=True):
        with transaction.atomic():
            row = DBTaskResult.objects.select_for_update().filter(pk=task_id, status=TaskResultStatus.RUNNING).first()
            worker = (row.worker_ids or [""])[-1] if row else ""
            if row is None or worker in alive:
                continue
            last_heard = quiet_since.get(worker) or row.started_at
            if worker not in quiet_since and (last_heard is None or last_heard >= cutoff):
                continue
            requeued[str(row.pk)] = _fail_and_requeue(row, worker, now - last_heard if last_heard else None, now)
    return SweepResult(dead, requeued)


def _fail_and_requeue(row: DBTaskResult, worker: str, silence: timedelta | None, now: datetime) -> str:
    """Mark a lost task failed, and queue a copy of it with the same arguments, queue and priority."""
    try:
        copy_id = str(row.task.enqueue(*row.args_kwargs["args"], **row.args_kwargs["kwargs"]).id)
    except (ImportError, SuspiciousOperation):  # its code is gone: nothing to run again
        copy_id = ""
    heard = f"{int(silence.total_seconds())} s before the sweep" if silence is not None else "never"
    row.status, row.finished_at = TaskResultStatus.FAILED, now
    row.exception_class_path, row.return_value = WORKER_LOST, None
    row.traceback = (f"WorkerLost: worker {worker or '(unknown)'} was last heard from {heard}; "
                     + (f"queued again as {copy_id}\n" if copy_id else "its task no longer exists\n"))
    row.save(update_fields=["status", "finished_at", "exception_class_path", "return_value", "traceback"])
    logger.warning("Task %s (%s) was running on worker %s, which went quiet: %s", row.pk, row.task_path,
                   worker or "(unknown)", f"queued again as {copy_id}" if copy_id else "not queued again")
    return copy_id


def queue_depth(*, now: datetime | None = None) -> dict:
    """What an operator needs to see whether background work keeps up: per queue, the tasks waiting,
    running and failed in the last day, and how long the oldest has waited, to the minute; and how
    many workers are alive. Counts and ages only: nothing here names a report."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):  # its queues live elsewhere (Redis), or nowhere
        return {"queues": None, "workers": None, "tasks_backend": type(backend).__name__}
    now = now or timezone.now()
    queues = sorted(backend.queues)
    rows = {row["queue_name"]: row for row in DBTaskResult.objects.filter(
        Q(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        | Q(status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(days=1)),
    ).values("queue_name").annotate(
        waiting=Count("pk", filter=Q(status=TaskResultStatus.READY)),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
        oldest=Min("enqueued_at", filter=Q(status=TaskResultStatus.READY)),
    )}
    depth = {}
    for queue in sorted(set(queues) | set(rows)):
        row = rows.get(queue, {"waiting": 0, "running": 0, "failed": 0, "oldest": None})
        age = None if row["oldest"] is None else max(0, (now - row["oldest"]).total_seconds())
        depth[queue] = {"waiting": row["waiting"], "running": row["running"], "failed": row["failed"],
                        "oldest_waiting_seconds": None if age is None else 60 * round(age / 60)}
    cutoff = now - timedelta(seconds=settings.GOODCATCH_WORKER_QUIET_SECONDS)
    alive = WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).count()
    quiet = WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).count()
    return {"queues": depth, "workers": {"alive": alive, "quiet": quiet}}
