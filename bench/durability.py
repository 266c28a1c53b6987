"""Durability under `kill -9`: is every report the server acknowledged stored, and de-identified soon
after a restart?

It starts the real service on a scratch database and a free port of 127.0.0.1: the web server
(scripts/serve.sh), a de-identification worker and a general worker (`manage.py run_worker`) and the
scheduler (`manage.py run_periodic`). Clients send reports through the API, each with an
Idempotency-Key of its own, resending with the same key when a connection fails, and keep every
receipt code the server gives. Then:

1. the server is killed (`kill -9` of its whole process group) under load, and started again;
2. the de-identification worker is killed while it is working on a task, and started again.

After each restart the load stops, and the clock runs until every acknowledged report has its
proposed redaction (the recovery time; the target is under 2 minutes). At the end each receipt code
is looked up: acknowledged, stored, and stranded (acknowledged but missing, or stored but never
proposed). Every wait is bounded, so it stops by itself.

    .venv/bin/python bench/durability.py [--clients 8] [--load-seconds 15] [--recovery-timeout 180]
        [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

With --postgres it makes a scratch database on that server, and drops it afterwards. Results also go
to bench/results/durability.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
SLUG = "durability"
DEID_QUEUE = "deidentification"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The service's processes ---------------------------------------------------------------------------

class Service:
    """The web server, the workers and the scheduler, each in a process group of its own so that a
    kill reaches every process of it (granian's workers too), and each logging to a file."""

    def __init__(self, env: dict[str, str], logs: Path, port: int) -> None:
        self.env, self.logs, self.port = env, logs, port
        self.processes: dict[str, subprocess.Popen] = {}
        self.restarts: dict[str, int] = {}

    def start(self, name: str) -> None:
        count = self.restarts.get(name, 0)
        self.restarts[name] = count + 1
        commands = {
            "server": [str(ROOT / "scripts" / "serve.sh")],
            "deid-worker": [str(PYTHON), "manage.py", "run_worker", "--queue-name", DEID_QUEUE,
                            "--worker-id", f"bench-deid-{count}", "--no-startup-delay", "--interval", "0.2"],
            "worker": [str(PYTHON), "manage.py", "run_worker", "--queue-name", "default", "--no-startup-delay"],
            "scheduler": [str(PYTHON), "manage.py", "run_periodic"],
        }
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(commands[name], cwd=ROOT, env=self.env, stdout=log,  # noqa: S603
                                                stderr=subprocess.STDOUT, start_new_session=True)
        if name == "server":
            self.wait_for_server()

    def kill(self, name: str) -> None:
        """kill -9, of the process and every process it started."""
        process = self.processes[name]
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=15)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    self.kill(name)

    def wait_for_server(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.processes["server"].poll() is not None:
                sys.exit(f"the server stopped; see {self.logs / 'server.log'}")
            time.sleep(0.1)
        sys.exit(f"the server did not answer in {timeout} s; see {self.logs / 'server.log'}")

    def health_detail(self) -> dict:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", "/healthz?detail=1")
        return json.loads(connection.getresponse().read())


# The reporters --------------------------------------------------------------------------------------

@dataclass
class Tally:
    receipts: list[str] = field(default_factory=list)  # every receipt code the server gave
    sent: int = 0  # reports sent, each with a key of its own (resends not counted)
    no_code: int = 0  # a resend answered "already received" without the code (the server lost it)
    errors: dict[str, int] = field(default_factory=dict)  # what went wrong on the way, by kind
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def reporter(port: int, bodies: list[bytes], stop: threading.Event, tally: Tally, seed: int) -> None:
    """Sends reports one after another; a report whose answer did not arrive is sent again with the
    same key, as a careful client does, until the server answers or the run ends."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        key, body = str(uuid.uuid4()), rng.choice(bodies)
        with tally.lock:
            tally.sent += 1
        while True:
            try:
                connection.request("POST", f"/api/v1/orgs/{SLUG}/reports", body=body, headers={
                    "Content-Type": "application/json", "Idempotency-Key": key})
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException):
                tally.note("connection")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                if stop.wait(0.2):
                    break  # the run is over; this report may or may not have been stored
                continue
            if response.status in (200, 201):
                code = json.loads(answer).get("receipt_code")
                with tally.lock:
                    if code:
                        tally.receipts.append(code)
                    else:
                        tally.no_code += 1
            else:
                tally.note(str(response.status))
            break
    connection.close()


class Load:
    def __init__(self, port: int, clients: int, bodies: list[bytes], tally: Tally) -> None:
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=reporter, args=(port, bodies, self.stop, tally, n), daemon=True)
                        for n in range(clients)]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


# What the database says ----------------------------------------------------------------------------

def waiting_reports() -> int:
    from reporting.models import Report

    return Report.objects.filter(deid_status__in=["pending", "failed"]).count()


def running_deid_task(worker_id: str) -> bool:
    """Is this worker in the middle of a de-identification task?"""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status="RUNNING", queue_name=DEID_QUEUE).values_list("worker_ids", flat=True)
    return any(ids and ids[-1] == worker_id for ids in running)


def check_receipts(codes: list[str]) -> tuple[int, int, int]:
    """(stored, proposed, stored but never proposed) among the acknowledged codes."""
    from django.db import connections

    from reporting import services

    def look_up(code: str):
        try:
            report = services.find_by_receipt(code)
            return None if report is None else report.deid_status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        states = list(pool.map(look_up, codes))
    stored = [s for s in states if s is not None]
    proposed = sum(s in ("draft", "confirmed") for s in stored)
    return len(stored), proposed, len(stored) - proposed


def wait_until_proposed(timeout: float) -> float | None:
    """Seconds until no stored report waits for its proposal, or None after `timeout`."""
    from django.db import connection

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if waiting_reports() == 0:
            return time.monotonic() - started
        connection.close()
        time.sleep(0.5)
    return None


# The run ------------------------------------------------------------------------------------------

def scratch_database(args, scratch: Path) -> tuple[str, callable]:
    if not args.postgres:
        return f"sqlite:///{scratch / 'durability.sqlite3'}", lambda: None
    import psycopg

    server = urlsplit(args.postgres)
    if server.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("--postgres must be on 127.0.0.1")
    name = f"goodcatch_durability_{os.getpid()}"
    with psycopg.connect(args.postgres, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return server._replace(path=f"/{name}").geturl(), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--load-seconds", type=float, default=15, help="load before each kill")
    parser.add_argument("--down-seconds", type=float, default=2, help="how long the server stays dead")
    parser.add_argument("--after-seconds", type=float, default=5, help="load after each restart")
    parser.add_argument("--recovery-timeout", type=float, default=180)
    parser.add_argument("--postgres", help="a PostgreSQL server on 127.0.0.1 to make a scratch database on")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (logs, SQLite file)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="goodcatch-durability-"))
    database_url, drop_database = scratch_database(args, scratch)
    port = free_port()
    env = {**os.environ, "GOODCATCH_DEMO": "true", "GOODCATCH_TASKS_BACKEND": "database", "PYTHONUNBUFFERED": "1",
           "GOODCATCH_VAR_DIR": str(scratch / "var"), "DATABASE_URL": database_url, "HOST": "127.0.0.1",
           "PORT": str(port), "DJANGO_SETTINGS_MODULE": "goodcatch.settings",
           # One machine sends everything here: the flood limits would (rightly) stop it.
           "GOODCATCH_REPORT_SOURCE_LIMIT": "1000000/1h", "GOODCATCH_REPORT_ORGANISATION_LIMIT": "1000000/1h"}
    env.pop("CACHE_URL", None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    import demo
    from organisations.models import Organisation

    print(f"scratch: {scratch}  database: {database_url.split('://')[0]}  port: {port}", flush=True)
    call_command("migrate", verbosity=0)
    Organisation.objects.create(slug=SLUG, name="Durability Test Council")
    bodies = [json.dumps({"kind": r.kind, "what_happened": r.what_happened, "how_noticed": r.how_noticed,
                          "potential_harm": r.potential_harm}).encode() for r in demo.generate(count=200, seed=7)]

    service = Service(env, scratch, port)
    tally = Tally()
    phases = []
    try:
        for name in ("deid-worker", "worker", "scheduler", "server"):
            service.start(name)

        # 1. The server dies under load.
        load = Load(port, args.clients, bodies, tally)
        time.sleep(args.load_seconds)
        before = len(tally.receipts)
        service.kill("server")
        killed_at = time.monotonic()
        time.sleep(args.down_seconds)
        service.start("server")
        restarted = time.monotonic()
        print(f"server killed after {before} receipts; answering again {restarted - killed_at:.1f} s later", flush=True)
        time.sleep(args.after_seconds)
        load.finish()
        recovery = wait_until_proposed(args.recovery_timeout)
        phases.append(("server kill -9", len(tally.receipts), None if recovery is None else time.monotonic() - restarted))

        # 2. The de-identification worker dies in the middle of a task.
        load = Load(port, args.clients, bodies, tally)
        time.sleep(args.load_seconds)
        worker_id = f"bench-deid-{service.restarts['deid-worker'] - 1}"
        deadline = time.monotonic() + 60
        while not running_deid_task(worker_id) and time.monotonic() < deadline:
            time.sleep(0.05)
        mid_task = running_deid_task(worker_id)
        detail = service.health_detail()
        service.kill("deid-worker")
        service.start("deid-worker")
        restarted = time.monotonic()
        print(f"de-identification worker killed {'in the middle of a task' if mid_task else '(idle)'}; "
              f"queue then: {json.dumps(detail['queues'][DEID_QUEUE])}", flush=True)
        time.sleep(args.after_seconds)
        load.finish()
        recovery = wait_until_proposed(args.recovery_timeout)
        phases.append(("worker kill -9", len(tally.receipts), None if recovery is None else time.monotonic() - restarted))
        final_detail = service.health_detail()
    finally:
        service.stop_all()

    stored, proposed, never_proposed = check_receipts(tally.receipts)
    acknowledged = len(tally.receipts)
    missing = acknowledged - stored
    from reporting.models import Report

    in_database = Report.objects.count()
    print()
    print(f"{'phase':<16} {'acknowledged so far':>20} {'recovery s':>11}")
    for name, acked, seconds in phases:
        print(f"{name:<16} {acked:>20} {'NOT RECOVERED' if seconds is None else f'{seconds:.1f}':>11}")
    print()
    print(f"acknowledged {acknowledged}  stored {stored}  stranded {missing + never_proposed} "
          f"(missing {missing}, never proposed {never_proposed})")
    print(f"reports in the database {in_database}; resends answered without their code {tally.no_code}; "
          f"answers on the way: {json.dumps(tally.errors, sort_keys=True)}")
    print(f"queues at the end: {json.dumps(final_detail['queues'])}; workers {json.dumps(final_detail['workers'])}")

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "durability.json").write_text(json.dumps({
        "database": database_url.split("://")[0], "clients": args.clients, "acknowledged": acknowledged,
        "stored": stored, "missing": missing, "never_proposed": never_proposed, "in_database": in_database,
        "resends_without_code": tally.no_code, "errors": tally.errors,
        "phases": [{"phase": n, "acknowledged": a, "recovery_seconds": s} for n, a, s in phases]}, indent=2))
    drop_database()
    if not args.keep:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)
    failed = missing or never_proposed or any(s is None or s > 120 for _, _, s in phases)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
