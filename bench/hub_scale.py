"""The national hub at scale: feed ingestion through the real server, then national dashboard and
search speed with the national organisation at N reports, on PostgreSQL.

    .venv/bin/python bench/hub_scale.py [--reports 1000000] [--ingest 20000] [--clients 4] [--batch 100]
                                        [--web-workers 2] [--keep] [--reuse URL --var-dir DIR]
                                        [--phases ingest,search,dashboard]

1. Makes a scratch PostgreSQL database on 127.0.0.1 (dropped afterwards unless --keep), migrates it,
   and starts `scripts/serve.sh` with GOODCATCH_MODE=hub, several web workers and CACHE_URL on Redis
   (127.0.0.1:6379) so that they share one cache, as a hub runs.
2. Registers a sending instance's Ed25519 key (`manage.py hub_senders add`) and sends `--ingest`
   cleared reports as signed feed requests of `--batch` items from `--clients` concurrent senders,
   each item from several sending organisations and regions. Every item is stored as a received
   copy and as a report of the national organisation (sharing.national), with its tasks queued.
   Prints reports per second and the request p50/p95, then checks that each was stored once.
3. Tops the national organisation up to `--reports` confirmed reports with the search bench's own
   bulk seeding (bench/intelligence_search.py --seed-own N --composed-vectors: synthetic rows,
   indexed and embedded by the product's functions, then ANALYZE), then times national search
   (intelligence_search.py: keyword, semantic and hybrid p50/p95) and the national dashboard
   (intelligence_dashboard.py --refresh: the page as a manager, p50/p95).

With `--keep` the scratch database and its var directory (demo secrets, the ANN graph) are kept and
printed; `--reuse URL --var-dir DIR` then runs again on them (migrated, topped up to `--reports`, the
without the ingestion, which is timed on a fresh database only), e.g. to time search and the dashboard after a change:

    .venv/bin/python bench/hub_scale.py --reuse postgresql://postgres@127.0.0.1:5432/goodcatch_hub_bench_123 \
        --var-dir /tmp/goodcatch-hub-bench-abc --phases search,dashboard

Targets (issue 14): dashboard p95 <= 500 ms and search p95 <= 200 ms at 1,000,000 reports. Results go
to bench/results/hub_scale.json, with the search and dashboard runs' own figures in
bench/results/intelligence.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import http_load  # noqa: E402
import submission_load  # noqa: E402

# The project before bench/: bench/intelligence.py must not hide the intelligence app.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
PY = submission_load.PY
RESULTS = ROOT / "bench" / "results" / "hub_scale.json"
INSTANCE = "bench-north"
NARRATIVES = (
    "A referral from the school sat unread in the shared duty inbox over the bank holiday weekend.",
    "The evening medication was nearly given twice because the MAR chart had not been signed after the first dose.",
    "The hospital discharged an older man on Friday evening before his care package had started.",
    "The strategy discussion went ahead without the police because the invitation went to an old address.",
    "The case was transferred between teams and the new worker did not know a visit was overdue.",
)
REGIONS = ("north_west", "north_east", "yorkshire", "london", "wales")


def sender_key():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


def feed_items(start: int, count: int) -> list[dict]:
    items = []
    for n in range(start, start + count):
        items.append({
            "public_id": secrets.token_hex(16), "withdrawn": False,
            "organisation": {"slug": f"council-{n % 20}", "name": f"Council {n % 20}", "region": REGIONS[n % 5],
                             "sector": "social_care"},
            "kind": ("near_miss", "incident", "concern")[n % 3], "service_area": "children", "stage": "referral",
            "agencies": ["health"], "period": f"{2024 + n % 3}-Q{1 + n % 4}", "potential_harm": 1 + n % 5,
            "what_happened": f"{NARRATIVES[n % len(NARRATIVES)]} (report {n})", "potential_harm_text": "",
            "how_noticed": "", "what_would_help": "A named person covering the inbox.",
            "factor_codes": ["workload"], "error_types": [], "risk_band": "moderate", "actual_harm": None,
            "themes": []})
    return items


def ingest(url: str, key, total: int, clients: int, batch: int) -> dict:
    """Send `total` items in signed batches from `clients` threads; returns the figures."""
    from sharing import feed_signing as signing

    host, port = url.removeprefix("http://").split(":")
    batches = [(start, min(batch, total - start)) for start in range(0, total, batch)]
    lock, latencies, failures, stored = threading.Lock(), [], [], [0]

    def sender() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        while True:
            with lock:
                if not batches:
                    return
                start, count = batches.pop()
            body = json.dumps({"instance": INSTANCE, "items": feed_items(start, count)}).encode()
            headers = signing.sign(key, instance=INSTANCE, method="POST", path="/api/v1/hub/feed",
                                   timestamp=int(time.time()), body=body).as_dict()
            began = time.perf_counter()
            connection.request("POST", "/api/v1/hub/feed", body=body,
                               headers={**headers, "Content-Type": "application/json"})
            response = connection.getresponse()
            answer = response.read()
            with lock:
                latencies.append(time.perf_counter() - began)
                if response.status != 200:
                    failures.append(response.status)
                else:
                    stored[0] += sum(1 for r in json.loads(answer)["results"] if r["result"] == "stored")

    threads = [threading.Thread(target=sender) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return {"sent": total, "stored": stored[0], "failed_requests": len(failures), "seconds": round(seconds, 1),
            "reports_per_second": round(stored[0] / seconds, 1), "batch": batch, "clients": clients,
            "request_p50_ms": round(http_load.percentile(latencies, 50) * 1000, 1),
            "request_p95_ms": round(http_load.percentile(latencies, 95) * 1000, 1)}


def bench_script(env: dict, *args: str) -> str:
    done = subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000, help="national reports for the speed checks")
    parser.add_argument("--ingest", type=int, default=20_000, help="reports sent through the feed endpoint")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--tasks", choices=("rq", "database"), default="rq",
                        help="the hub's task backend during ingestion: rq (Redis workers, as a hub runs; default) or "
                             "database (tasks only queued, no worker: the first run's set-up)")
    parser.add_argument("--task-workers", type=int, default=2, help="with --tasks rq: rqworker processes")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and var directory (printed)")
    parser.add_argument("--reuse", metavar="URL", help="run on a database kept by an earlier --keep")
    parser.add_argument("--var-dir", type=Path, help="with --reuse: the var directory kept with it")
    parser.add_argument("--phases", help="ingest, search, dashboard (default: all; with --reuse: search,dashboard)")
    args = parser.parse_args()
    if args.reuse and not args.var_dir:
        parser.error("--reuse needs the --var-dir kept with the database")
    if args.reuse and args.phases and "ingest" in args.phases:
        parser.error("the ingestion is timed on a fresh database only (its sender is registered there)")
    phases = set((args.phases or ("search,dashboard" if args.reuse else "ingest,search,dashboard")).split(","))
    if not submission_load.postgres_answers():
        raise SystemExit("the hub bench needs PostgreSQL on 127.0.0.1:5432")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")
    scratch = args.var_dir or Path(tempfile.mkdtemp(prefix="goodcatch-hub-bench-"))
    result: dict = {"reports": args.reports}
    with ExitStack() as stack:
        if args.reuse:
            database_url = args.reuse
        elif args.keep:
            database_url = _kept_database()
            print(f"var directory kept: {scratch}")
        else:
            stack.callback(shutil.rmtree, scratch, ignore_errors=True)
            database_url = stack.enter_context(submission_load.scratch_database("postgresql", scratch))
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GOODCATCH_TASKS_BACKEND")}
        port = submission_load.free_port()
        env.update(GOODCATCH_DEMO="true", GOODCATCH_MODE="hub", GOODCATCH_VAR_DIR=str(scratch), DATABASE_URL=database_url,
                   HOST="127.0.0.1", PORT=str(port), CACHE_URL=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/3"),
                   GOODCATCH_WEB_WORKERS=str(args.web_workers))
        if args.tasks == "rq":
            env.update(GOODCATCH_TASKS_BACKEND="rq", REDIS_URL=os.environ.get("HUB_BENCH_REDIS_URL", REDIS_URL))
        submission_load.manage(env, "migrate", "--noinput", "-v0")
        if not (ROOT / "staticfiles" / "staticfiles.json").exists():
            submission_load.manage(env, "collectstatic", "--noinput", "-v0")
        key = sender_key()
        os.environ.update({name: env[name] for name in ("DATABASE_URL", "GOODCATCH_MODE", "GOODCATCH_VAR_DIR", "GOODCATCH_DEMO")})
        import django

        django.setup()
        from sharing import feed_signing as signing

        if "ingest" in phases:
            submission_load.manage(env, "hub_senders", "add", "--name", INSTANCE, "--public-key",
                                   signing.public_key_text(key.public_key()))
            result["ingestion"] = _ingestion(env, port, key, scratch, args)
        national = settings_slug()
        if "search" in phases:
            started = time.perf_counter()
            out = bench_script(env, "bench/intelligence_search.py", "--organisation", national, "--seed-own",
                               str(args.reports), "--composed-vectors", "--queries", "100")
            result["search_seconds_with_seeding"] = round(time.perf_counter() - started, 1)
            print(out.strip())
        if "dashboard" in phases:
            out = bench_script(env, "bench/intelligence_dashboard.py", "--organisation", national, "--refresh",
                               "--runs", "20", "--label", f"hub-{args.reports}")
            print(out.strip())
        result.update(_latest_intelligence_figures())
        http_load.save(result, f"hub-{args.reports}{'-rerun' if args.reuse else ''}", RESULTS)


def _ingestion(env: dict, port: int, key, scratch: Path, args) -> dict:
    """The feed through the real server; with RQ, task workers run beside it, and the figures include
    how long after the last request they took to finish every report's tasks (embedding, indexing)."""
    url = f"http://127.0.0.1:{port}"
    with ExitStack() as stack:
        server = stack.enter_context(submission_load.running([str(ROOT / "scripts" / "serve.sh")], env,
                                                             scratch / "server.log"))
        submission_load.wait_until_healthy(url, server, scratch / "server.log")
        queues = _rq_queues(env["REDIS_URL"]) if args.tasks == "rq" else []
        for queue in queues:
            queue.empty()  # the bench's own Redis database: leftovers of an earlier run are not this run's work
        for n in range(args.task_workers if queues else 0):
            stack.enter_context(submission_load.running(
                [PY, "manage.py", "rqworker", "--job-class", "django_tasks_rq.backend.Job", "--worker-class",
                 "rq.worker.SimpleWorker", "deidentification", "default"], env, scratch / f"rqworker-{n}.log"))
        figures = ingest(url, key, args.ingest, args.clients, args.batch)
        figures.update(tasks=args.tasks, task_workers=args.task_workers if queues else 0)
        if queues:
            figures.update(_drained(queues, began=time.perf_counter()))
            figures["stored_and_processed_per_second"] = round(
                figures["stored"] / (figures["seconds"] + figures["drain_seconds"]), 1)
    print(f"ingestion: {figures['stored']} of {figures['sent']} stored in {figures['seconds']} s: "
          f"{figures['reports_per_second']} reports/s ({args.clients} senders, batches of {args.batch}, "
          f"{args.web_workers} web workers, tasks on {args.tasks}); request p50 {figures['request_p50_ms']} ms, "
          f"p95 {figures['request_p95_ms']} ms; failed requests {figures['failed_requests']}")
    if queues:
        print(f"tasks: {figures['tasks_done']} done by {args.task_workers} RQ workers, the last "
              f"{figures['drain_seconds']} s after the last request ({figures['tasks_failed']} failed); "
              f"{figures['stored_and_processed_per_second']} reports/s stored and processed")
    return figures


REDIS_URL = "redis://127.0.0.1:6379/5"  # the bench's own Redis database for the hub's task queues
DRAIN_LIMIT_SECONDS = 3600


def _rq_queues(redis_url: str) -> list:
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(redis_url)
    return [Queue(name, connection=connection) for name in ("default", "deidentification")]


def _drained(queues: list, *, began: float) -> dict:
    """Wait until no task is queued or running; how long that took, and how many ran and failed."""
    deadline = began + DRAIN_LIMIT_SECONDS
    while any(queue.count or queue.started_job_registry.count or queue.scheduled_job_registry.count
              for queue in queues):
        if time.perf_counter() > deadline:
            raise SystemExit(f"the RQ workers had not finished after {DRAIN_LIMIT_SECONDS} s")
        time.sleep(0.5)
    drain = time.perf_counter() - began
    done = sum(queue.finished_job_registry.count for queue in queues)
    failed = sum(queue.failed_job_registry.count for queue in queues)
    return {"drain_seconds": round(drain, 1), "tasks_done": done, "tasks_failed": failed}


def settings_slug() -> str:
    from django.conf import settings

    return settings.GOODCATCH_HUB_ORGANISATION


def _kept_database() -> str:
    name = f"goodcatch_hub_bench_{os.getpid()}"
    import psycopg

    with psycopg.connect(f"{submission_load.PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    print(f"scratch database kept: {submission_load.PG_SERVER}/{name}")
    return f"{submission_load.PG_SERVER}/{name}"


def _latest_intelligence_figures() -> dict:
    path = ROOT / "bench" / "results" / "intelligence.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    return {"search": data.get("search"), "dashboard": data.get("dashboard")}


if __name__ == "__main__":
    main()
