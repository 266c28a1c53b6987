"""Closed-loop HTTP load against a running Good Catch: requests per second and latency percentiles.

Each client sends one request, waits for the answer, and sends the next, over its own keep-alive
connection, for a fixed time. It only ever talks to the address it is given (127.0.0.1 by
default) and stops by itself.

    .venv/bin/python bench/http_load.py --url http://127.0.0.1:8000 --path /healthz --clients 1,8,32 --seconds 10

`--label NAME` names the run in the printed table and in `bench/results/http_load.json`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def client_loop(host: str, port: int, path: str, stop_at: float, latencies: list[float], statuses: dict[int, int], lock) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    mine: list[float] = []
    counts: dict[int, int] = {}
    while time.perf_counter() < stop_at:
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Connection": "keep-alive"})
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
        except (OSError, http.client.HTTPException):
            status = 0  # connection refused, reset or timed out
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        mine.append(time.perf_counter() - start)
        counts[status] = counts.get(status, 0) + 1
    conn.close()
    with lock:
        latencies.extend(mine)
        for status, n in counts.items():
            statuses[status] = statuses.get(status, 0) + n


def run(url: str, path: str, clients: int, seconds: float) -> dict:
    parts = urlsplit(url)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=client_loop, args=(parts.hostname, parts.port or 80, path, stop_at, latencies, statuses, lock))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "path": path,
        "clients": clients,
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "errors_5xx": sum(n for s, n in statuses.items() if s >= 500),
        "failed_connections": statuses.get(0, 0),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--path", action="append", help="path to load (repeatable); default /healthz")
    parser.add_argument("--clients", default="1,8,32", help="comma-separated client counts")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--label", default="server")
    args = parser.parse_args()
    host = urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("this load script only targets this machine (127.0.0.1)")

    rows = []
    print(f"{'label':<22} {'path':<18} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5}")
    for path in args.path or ["/healthz"]:
        for clients in (int(c) for c in args.clients.split(",")):
            row = {"label": args.label, **run(args.url, path, clients, args.seconds)}
            rows.append(row)
            print(f"{args.label:<22} {path:<18} {clients:>7} {row['rps']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} "
                  f"{row['p99_ms']:>8} {row['errors_5xx']:>5}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "http_load.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous[args.label] = rows
    out.write_text(json.dumps(previous, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
