"""Safety intelligence at scale: seed a fresh database, measure, then run every other part's benchmark.

    .venv/bin/python bench/intelligence.py [--database sqlite|postgresql] [--count N] [--seed S]
                                           [--pg-name NAME] [--var-dir DIR] [--keep] [--only seed]

1. Makes a fresh database: a SQLite file in a new directory under /tmp, or the PostgreSQL database
   `--pg-name` (default goodcatch_bench_intelligence) on 127.0.0.1, dropped and created again, and
   dropped at the end unless `--keep`.
2. Migrates it and seeds `--count` reports into the organisation `bench` with
   `manage.py seed_reports` (default 100,000 on SQLite and 1,000,000 on PostgreSQL, or
   INTELLIGENCE_BENCH_COUNT): insert rows/second, and embedding throughput in reports/second as
   seeding computed it (one process; the packaged static model distils each new token once, so a
   fresh `--var-dir` includes that) and again warm, re-embedding a sample.
3. Counts near duplicates: the share of a sample of reports whose nearest other report has cosine
   similarity of 0.95 or more (about 1.5% are deliberate second accounts of one event), on the stored
   vectors and on vectors centred on the organisation's mean (the static model's vectors all lie close
   to one direction: two unrelated reports score about 0.97 uncentred).
4. Runs the other parts, if their modules exist, each as
   `python bench/<part>.py --organisation bench` with the same DATABASE_URL and var dir:
   intelligence_search and intelligence_dashboard. The parts that make their own data
   (intelligence_ann, intelligence_duplicates, intelligence_themes, spikes_eval) run on their own
   (`make bench` runs them).
5. Writes its own figures under "seed" → database in bench/results/intelligence.json (read, modify,
   write: the parts write their own keys) and prints one table of every figure in that file.

The issue's two measurements (each takes a while on 2 cores):

    .venv/bin/python bench/intelligence.py --database sqlite --count 100000
    .venv/bin/python bench/intelligence.py --database postgresql --count 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
RESULTS = ROOT / "bench" / "results" / "intelligence.json"
ORG = "bench"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PARTS = ("intelligence_search", "intelligence_dashboard")
DEFAULT_COUNT = {"sqlite": 100_000, "postgresql": 1_000_000}

# Run inside the seeded database by `manage.py shell -c`: warm embedding throughput and near duplicates.
MEASURE = r"""
import json, time
import numpy as np
from intelligence import vectors
from organisations.services import get_organisation
org = get_organisation(%(org)r)
ids, matrix = vectors.load_vectors(org.pk)
rng = np.random.default_rng(0)
sample = np.sort(rng.choice(ids, size=min(%(warm)d, len(ids)), replace=False)).tolist()
vectors.embed_texts(["warm up: the model and its token cache load once per process"])
started = time.perf_counter()
stored = vectors.embed_reports(org.pk, sample)
warm = time.perf_counter() - started
ids, matrix = vectors.load_vectors(org.pk)
rows = rng.choice(len(ids), size=min(%(probe)d, len(ids)), replace=False)
def nearest(m):
    best = []
    for start in range(0, len(rows), 250):
        chunk = rows[start:start + 250]
        scores = m[chunk] @ m.T
        scores[np.arange(len(chunk)), chunk] = -1.0
        best.append(scores.max(axis=1))
    return np.concatenate(best) if best else np.zeros(0)
def figures(best):
    return {"sample": int(len(best)), "share_at_0_95": round(float((best >= 0.95).mean()), 4),
            "share_at_0_90": round(float((best >= 0.90).mean()), 4),
            "median_nearest_cosine": round(float(np.median(best)), 3)}
# The static model's vectors share a large common direction (any two reports score about 0.97), so
# the shares are given for the stored vectors and for vectors centred on the organisation's mean.
centred = matrix - matrix.mean(axis=0)
centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
print("MEASURED " + json.dumps({
    "embedding_warm": {"reports": stored, "seconds": round(warm, 2), "per_second": round(stored / warm, 1)},
    "near_duplicates": figures(nearest(matrix)),
    "near_duplicates_centred": figures(nearest(centred)),
}))
"""


def manage(env: dict, *args: str, capture: bool = True) -> str:
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
                          stdout=subprocess.PIPE if capture else None)
    return done.stdout or ""


@contextmanager
def fresh_database(kind: str, scratch: Path, pg_name: str, keep: bool):
    if kind == "sqlite":
        yield f"sqlite:///{scratch / 'intelligence.sqlite3'}"
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {pg_name}")
    try:
        yield f"{PG_SERVER}/{pg_name}"
    finally:
        if not keep:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")


def read_results() -> dict:
    try:
        return json.loads(RESULTS.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_seed_figures(database: str, figures: dict) -> None:
    results = read_results()
    results.setdefault("seed", {})[database] = figures
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


def flatten(value, prefix: str = "") -> list[tuple[str, object]]:
    if isinstance(value, dict):
        rows: list[tuple[str, object]] = []
        for key, inner in value.items():
            rows += flatten(inner, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
        return [(prefix, ", ".join(str(v) for v in value))]
    if isinstance(value, list):
        return [(prefix, f"[{len(value)} items]")]
    return [(prefix, value)]


def print_table(results: dict) -> None:
    rows = flatten(results)
    if not rows:
        print("No figures in", RESULTS)
        return
    width = min(max(len(name) for name, _ in rows), 90)
    print(f"\nSafety intelligence benchmark ({RESULTS.relative_to(ROOT)})")
    print(f"{'figure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def run(args) -> int:
    kind = args.database
    count = args.count or int(os.environ.get("INTELLIGENCE_BENCH_COUNT", DEFAULT_COUNT[kind]))
    scratch = Path(tempfile.mkdtemp(prefix="goodcatch-intelligence-"))
    var_dir = Path(args.var_dir) if args.var_dir else scratch / "var"
    failures = 0
    try:
        with fresh_database(kind, scratch, args.pg_name, args.keep) as database_url:
            env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
            env.update(GOODCATCH_DEMO="true", DATABASE_URL=database_url, GOODCATCH_VAR_DIR=str(var_dir),
                       GOODCATCH_TASKS_BACKEND="immediate")
            print(f"Database: {database_url}\nVar dir: {var_dir}\nMigrating ...", flush=True)
            t0 = time.perf_counter()
            manage(env, "migrate", "-v0")
            migrate_seconds = time.perf_counter() - t0
            stats = scratch / "seed.json"
            print(f"Seeding {count:,} reports ...", flush=True)
            manage(env, "seed_reports", "--organisation", ORG, "--count", str(count), "--seed", str(args.seed),
                   "--create-organisation", "--stats-json", str(stats), capture=False)
            figures = json.loads(stats.read_text())
            print("Measuring warm embedding throughput and near duplicates ...", flush=True)
            out = manage(env, "shell", "-c", MEASURE % {"org": ORG, "warm": args.warm_sample, "probe": args.probe_sample})
            measured = json.loads(next(line for line in out.splitlines() if line.startswith("MEASURED "))[9:])
            embedding = figures.get("after_seed", {}).get("embeddings", {})
            write_seed_figures(kind, {
                "count": count, "seed": args.seed, "migrate_seconds": round(migrate_seconds, 1),
                "insert_seconds": figures["insert"]["seconds"],
                "insert_reports_per_second": figures["insert"]["reports_per_second"],
                "insert_rows_per_second": figures["insert"]["rows_per_second"],
                "insert_rows": figures["insert"]["rows"],
                "composing_seconds": figures["insert"]["generating_seconds"],
                "embedding_per_second_while_seeding": embedding.get("per_second"),
                "embedding_seconds_while_seeding": embedding.get("seconds"),
                "embedding_per_second_warm": measured["embedding_warm"]["per_second"],
                "embedding_target_50_per_second_met": (measured["embedding_warm"]["per_second"] or 0) >= 50,
                "after_seed": figures.get("after_seed", {}),
                "near_duplicates": measured["near_duplicates"],
                "near_duplicates_centred": measured["near_duplicates_centred"],
                "deliberate_duplicates": figures["deliberate_duplicates"],
                "total_seed_seconds": figures["total_seconds"],
                "cpus": os.cpu_count(), "load_average_1min_at_end": round(os.getloadavg()[0], 2),
            })

            for part in PARTS if args.only is None else [p for p in PARTS if p in args.only]:
                script = ROOT / "bench" / f"{part}.py"
                if not script.exists():
                    print(f"({part}: not there yet, skipped)")
                    continue
                print(f"Running bench/{part}.py ...", flush=True)
                t0 = time.perf_counter()
                done = subprocess.run([PY, str(script), "--organisation", ORG], cwd=ROOT, env=env)
                print(f"bench/{part}.py: exit {done.returncode} in {time.perf_counter() - t0:.0f}s", flush=True)
                failures += done.returncode != 0
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"Kept {scratch}")
    print_table(read_results())
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--count", type=int, default=None,
                        help="Reports to seed (default INTELLIGENCE_BENCH_COUNT, else 100,000 on SQLite, 1,000,000 on PostgreSQL).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-name", default="goodcatch_bench_intelligence", help="PostgreSQL database to (re)create.")
    parser.add_argument("--var-dir", default=None, help="GOODCATCH_VAR_DIR for every step (default: a fresh one).")
    parser.add_argument("--keep", action="store_true", help="Keep the database and scratch directory.")
    parser.add_argument("--only", nargs="*", default=None, help="Run only these other parts (none: seed only).")
    parser.add_argument("--warm-sample", type=int, default=5000, help="Reports re-embedded for the warm throughput.")
    parser.add_argument("--probe-sample", type=int, default=2000, help="Reports whose nearest neighbour is checked.")
    args = parser.parse_args()
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
