"""Anonymous submission under load, through the real application server, beside /healthz.

For each database it makes a scratch one (a SQLite file in a temporary directory, or a new
PostgreSQL database on 127.0.0.1 that is dropped afterwards), migrates it, adds an organisation,
starts `scripts/serve.sh` on a free 127.0.0.1 port as `make run` does (granian, with the flood limits
counted in a SQLite file that every worker shares, so one worker process per core),
and runs bench/http_load.py against /healthz, the report form and the API at each client count.
Then it stops the server and checks that every acknowledged report was stored, and no receipt code
was handed out twice.

    .venv/bin/python bench/submission_load.py [--databases sqlite,postgresql] [--clients 1,8,16,32,64]
                                              [--seconds 8] [--label after] [--worker]
                                              [--web-workers N] [--cache-url URL] [--web-threads N]

For the bench only, the report flood limits (GOODCATCH_REPORT_SOURCE_LIMIT and _ORGANISATION_LIMIT; every
bench client comes from 127.0.0.1) are raised so that it measures the submission, not the limiter.
`--worker` also runs `manage.py run_worker --queue-name deidentification`, which de-identifies the reports as they arrive and
competes for the CPU and the database as it would in production; without it the tasks only queue.
`--web-workers N` asks scripts/serve.sh for N granian worker processes (GOODCATCH_WEB_WORKERS), and
`--cache-url` hands it another CACHE_URL (redis://...); `--cache-url none` leaves CACHE_URL unset, so
scripts/serve.sh runs one worker process that counts in its own memory.
`--web-threads N` sets how many threads each worker runs the application in (GRANIAN_BLOCKING_THREADS,
which granian reads itself); without it, scripts/serve.sh's default (4).
Results go to bench/results/submission_load.json; the SQLite targets of issue 8 are checked.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import http_load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
ORG = "bench"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
# As `make run` serves: one file that every web worker process counts in (core.sharedcache).
SHARED_CACHE = "sqlite:///{scratch}/ratelimit.sqlite3"
FLOOD_LIMITS_RAISED = {"GOODCATCH_REPORT_SOURCE_LIMIT": "1000000000/1h", "GOODCATCH_REPORT_ORGANISATION_LIMIT": "1000000000/1h"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def postgres_answers() -> bool:
    with suppress(OSError), socket.create_connection(("127.0.0.1", 5432), timeout=1):
        return True
    return False


@contextmanager
def scratch_database(kind: str, scratch: Path):
    if kind == "sqlite":
        yield f"sqlite:///{scratch / 'bench.sqlite3'}"
        return
    import psycopg

    name = f"goodcatch_bench_{os.getpid()}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def running(command: list[str], env: dict, log: Path):
    """A process of ours, in its own process group, stopped by its id however the bench ends."""
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_healthy(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()[-3000:]}")
        with suppress(OSError):
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 (127.0.0.1 only)
                if response.status == 200:
                    return
        time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz within a minute")


def verdicts(rows: list[dict]) -> dict:
    """Issue 8's targets on SQLite: no 5xx up to 64 clients, submission at least half /healthz's
    requests per second, p99 within 250 ms at 16 clients."""
    health = {row["clients"]: row for row in rows if row["path"] == "/healthz"}
    checks = {"no_5xx": all(row["errors_5xx"] == 0 and row["failed_connections"] == 0 for row in rows)}
    for row in rows:
        if row["path"] == "/healthz":
            continue
        door = "form" if row["path"].startswith("POST /r/") else "api"
        ratio = row["rps"] / health[row["clients"]]["rps"] if health[row["clients"]]["rps"] else 0
        checks[f"{door}_{row['clients']}_clients_half_of_healthz"] = {"ratio": round(ratio, 2), "met": ratio >= 0.5}
        if row["clients"] == 16:
            checks[f"{door}_p99_at_16_clients_within_250ms"] = {"p99_ms": row["p99_ms"], "met": row["p99_ms"] <= 250}
    return checks


def bench(kind: str, args) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="goodcatch-bench-"))
    try:
        with scratch_database(kind, scratch) as database_url:
            env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DATABASE_URL", "GOODCATCH_TASKS_BACKEND")}
            port = free_port()
            env.update(GOODCATCH_DEMO="true", GOODCATCH_VAR_DIR=str(scratch), DATABASE_URL=database_url,
                       HOST="127.0.0.1", PORT=str(port), **FLOOD_LIMITS_RAISED)
            if args.web_workers:
                env["GOODCATCH_WEB_WORKERS"] = str(args.web_workers)
            if args.web_threads:
                env["GRANIAN_BLOCKING_THREADS"] = str(args.web_threads)
            if args.cache_url != "none":
                env["CACHE_URL"] = args.cache_url.replace("{scratch}", str(scratch))
            manage(env, "migrate", "--noinput", "-v0")
            if not (ROOT / "staticfiles" / "staticfiles.json").exists():
                manage(env, "collectstatic", "--noinput", "-v0")
            manage(env, "shell", "-v0", "-c", "from organisations.models import Organisation; "
                                       f"Organisation.objects.create(slug={ORG!r}, name='Bench Council')")
            url = f"http://127.0.0.1:{port}"
            targets = http_load.targets_from(["/healthz"], [f"form:{ORG}", f"api:{ORG}"])
            label = f"{kind}{'-' + args.label if args.label else ''}{'-worker' if args.worker else ''}"
            # scripts/serve.sh's own choice: one per core (nproc) with a shared cache, else one.
            web_workers = int(env.get("GOODCATCH_WEB_WORKERS") or (len(os.sched_getaffinity(0)) if "CACHE_URL" in env else 1))
            label += f"-{web_workers}web"
            label += f"-{args.web_threads}threads" if args.web_threads else ""
            rows = []
            worker_command = [PY, "manage.py", "run_worker", "--queue-name", "deidentification"]
            worker = running(worker_command, env, scratch / "worker.log") if args.worker else nullcontext()
            with running([str(ROOT / "scripts" / "serve.sh")], env, scratch / "server.log") as server, worker:
                wait_until_healthy(url, server, scratch / "server.log")
                for clients in args.clients:
                    for target in targets:
                        row = {"label": label, **http_load.run(url, target, clients, args.seconds)}
                        rows.append(row)
                        http_load.print_row(label, row)
            stored = int(manage(env, "shell", "-v0", "-c", "from reporting.models import Report; print(Report.objects.count())"))
            acknowledged = sum(row.get("receipts", 0) for row in rows)
            crossed = sum(row.get("crossed_receipts", 0) for row in rows)
            locked = (scratch / "server.log").read_text(errors="replace").count("database is locked")
            print(f"{label}: acknowledged {acknowledged}, stored {stored}, receipt codes handed out twice {crossed}, "
                  f"'database is locked' in the server's log {locked}")
            result = {"rows": rows, "acknowledged": acknowledged, "stored": stored, "crossed_receipts": crossed,
                      "database_locked_errors": locked, "web_workers": web_workers,
                      "web_threads": args.web_threads or "scripts/serve.sh's default",
                      "cache": "CACHE_URL" in env and env["CACHE_URL"].split(":", 1)[0] or "locmem",
                      "flood_limits_raised": FLOOD_LIMITS_RAISED, "worker": args.worker, "targets": verdicts(rows)}
            for name, check in result["targets"].items():
                met = check if isinstance(check, bool) else check["met"]
                print(f"  {'met    ' if met else 'MISSED '} {name} {'' if isinstance(check, bool) else check}")
            http_load.save(result, label, http_load.RESULTS / "submission_load.json")
            return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--clients", default="1,8,16,32,64", type=lambda s: [int(c) for c in s.split(",")])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--label", default="", help="added to each run's name, e.g. before or after")
    parser.add_argument("--worker", action="store_true", help="run the de-identification worker during the load")
    parser.add_argument("--web-workers", type=int, default=0, help="granian worker processes (GOODCATCH_WEB_WORKERS)")
    parser.add_argument("--web-threads", type=int, default=0, help="threads per worker (GRANIAN_BLOCKING_THREADS)")
    parser.add_argument("--cache-url", default=SHARED_CACHE,
                        help="CACHE_URL for the server ({scratch} is the scratch directory), or none for each process's memory")
    args = parser.parse_args()
    print(http_load.HEADER)
    for kind in args.databases.split(","):
        if kind == "postgresql" and not postgres_answers():
            print("postgresql: nothing answers on 127.0.0.1:5432, skipped")
            continue
        bench(kind, args)


if __name__ == "__main__":
    main()
