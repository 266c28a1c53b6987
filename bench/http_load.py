"""Closed-loop HTTP load against a running Good Catch: requests per second and latency percentiles.

Each client sends one request, waits for the answer, and sends the next, over its own keep-alive
connection, for a fixed time. It only ever talks to the address it is given (127.0.0.1 by
default) and stops by itself.

    .venv/bin/python bench/http_load.py --url http://127.0.0.1:8000 --path /healthz --clients 1,8,32 --seconds 10
    .venv/bin/python bench/http_load.py --path /healthz --submit form:demo --submit api:demo --clients 1,16,64

`--submit form:ORG` posts anonymous reports through the HTML form at /r/ORG/ (each client first
fetches the form once for its CSRF cookie and token; only the posts are timed), `--submit api:ORG`
through `POST /api/v1/orgs/ORG/reports` as JSON. Every post carries an idempotency key of its own,
so each one is a new report. The server's flood limit on reports must be raised for this (the
bench wrapper, bench/submission_load.py, does it). Each receipt code is collected: "crossed"
counts codes handed out twice, which must never happen.

`--label NAME` names the run in the printed table and in `bench/results/http_load.json` (or `--output`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import secrets
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

RESULTS = Path(__file__).resolve().parent / "results"
NARRATIVE = (
    "At the evening handover the agency worker was not told that the young person's medication had "
    "changed that afternoon. The old dose was about to be given when a colleague checked the chart "
    "and stopped it. The change had been written on the paper chart but not on the electronic record, "
    "and the handover sheet still showed the old dose."
)
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_RECEIPT = re.compile(r'data-testid="receipt-code">([0-9A-Z-]{19})<')


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Target:
    """What one client sends: `prepare` runs once per client (untimed), `next` builds each request,
    `receipt` finds the receipt code in an answer (None for targets that hand none out)."""

    name: str
    next: Callable[[dict], Request]
    prepare: Callable[[http.client.HTTPConnection], dict] = lambda conn: {}
    receipt: Callable[[int, bytes], str | None] | None = None


def get_target(path: str) -> Target:
    return Target(name=path, next=lambda state: Request("GET", path))


def _form_state(org: str) -> Callable[[http.client.HTTPConnection], dict]:
    def prepare(conn: http.client.HTTPConnection) -> dict:
        conn.request("GET", f"/r/{org}/")
        response = conn.getresponse()
        page = response.read().decode()
        cookie = next((c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("csrftoken=")), "")
        token = _CSRF_INPUT.search(page)
        if response.status != 200 or not cookie or not token:
            raise SystemExit(f"could not open the report form at /r/{org}/ (status {response.status})")
        return {"cookie": cookie, "token": token.group(1)}

    return prepare


def form_target(org: str) -> Target:
    def next_request(state: dict) -> Request:
        body = urlencode({"csrfmiddlewaretoken": state["token"], "what_happened": NARRATIVE, "kind": "near_miss",
                          "potential_harm": "3", "how_noticed": "A colleague checked the chart.",
                          "service_area": "", "stage": "", "confidentiality": "anonymous",
                          "idempotency_key": secrets.token_urlsafe(24)})
        return Request("POST", f"/r/{org}/", body.encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": state["cookie"]})

    def receipt(status: int, body: bytes) -> str | None:
        found = _RECEIPT.search(body.decode(errors="replace")) if status == 200 else None
        return found.group(1) if found else None

    return Target(name=f"POST /r/{org}/", next=next_request, prepare=_form_state(org), receipt=receipt)


def api_target(org: str) -> Target:
    payload = json.dumps({"kind": "near_miss", "what_happened": NARRATIVE, "potential_harm": 3,
                          "how_noticed": "A colleague checked the chart."}).encode()

    def next_request(state: dict) -> Request:
        return Request("POST", f"/api/v1/orgs/{org}/reports", payload, {
            "Content-Type": "application/json", "Idempotency-Key": secrets.token_urlsafe(24)})

    def receipt(status: int, body: bytes) -> str | None:
        return json.loads(body).get("receipt_code") if status == 201 else None

    return Target(name=f"POST /api/v1/orgs/{org}/reports", next=next_request, receipt=receipt)


def client_loop(host: str, port: int, target: Target, stop_at: float, out: dict, lock) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    state = target.prepare(conn)
    mine: list[float] = []
    counts: dict[int, int] = {}
    codes: list[str] = []
    while time.perf_counter() < stop_at:
        request = target.next(state)
        start = time.perf_counter()
        try:
            conn.request(request.method, request.path, body=request.body,
                         headers={"Connection": "keep-alive", **request.headers})
            response = conn.getresponse()
            body = response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
        except (OSError, http.client.HTTPException):
            status, body = 0, b""  # connection refused, reset or timed out
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=60)
        mine.append(time.perf_counter() - start)
        counts[status] = counts.get(status, 0) + 1
        if target.receipt is not None and (code := target.receipt(status, body)):
            codes.append(code)
    conn.close()
    with lock:
        out["latencies"].extend(mine)
        out["codes"].extend(codes)
        for status, n in counts.items():
            out["statuses"][status] = out["statuses"].get(status, 0) + n


def run(url: str, target: Target | str, clients: int, seconds: float) -> dict:
    if isinstance(target, str):
        target = get_target(target)
    parts = urlsplit(url)
    out: dict = {"latencies": [], "statuses": {}, "codes": []}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    threads = [threading.Thread(target=client_loop, args=(parts.hostname, parts.port or 80, target, stop_at, out, lock))
               for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies, statuses = out["latencies"], out["statuses"]
    row = {
        "path": target.name,
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
    if target.receipt is not None:
        row["receipts"] = len(out["codes"])
        row["crossed_receipts"] = len(out["codes"]) - len(set(out["codes"]))
    return row


HEADER = f"{'label':<14} {'path':<32} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5}"


def print_row(label: str, row: dict) -> None:
    print(f"{label:<14} {row['path']:<32} {row['clients']:>7} {row['rps']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} "
          f"{row['p99_ms']:>8} {row['errors_5xx']:>5}", flush=True)


def targets_from(paths: list[str] | None, submits: list[str] | None) -> list[Target]:
    makers = {"form": form_target, "api": api_target}
    targets = [get_target(path) for path in paths or ([] if submits else ["/healthz"])]
    for spec in submits or []:
        kind, _sep, org = spec.partition(":")
        if kind not in makers or not org:
            raise SystemExit(f"--submit takes form:ORG or api:ORG, not {spec!r}")
        targets.append(makers[kind](org))
    return targets


def save(rows: list[dict], label: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous[label] = rows
    out.write_text(json.dumps(previous, indent=2))
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--path", action="append", help="path to GET (repeatable); default /healthz")
    parser.add_argument("--submit", action="append", metavar="form:ORG|api:ORG",
                        help="post anonymous reports through the form or the API (repeatable)")
    parser.add_argument("--clients", default="1,8,32", help="comma-separated client counts")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--label", default="server")
    parser.add_argument("--output", type=Path, default=RESULTS / "http_load.json")
    args = parser.parse_args()
    host = urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("this load script only targets this machine (127.0.0.1)")

    targets = targets_from(args.path, args.submit)
    rows = []
    print(HEADER)
    # Concurrency in the outer loop: every target is measured at each level within moments of the others.
    for clients in (int(c) for c in args.clients.split(",")):
        for target in targets:
            row = {"label": args.label, **run(args.url, target, clients, args.seconds)}
            rows.append(row)
            print_row(args.label, row)
    save(rows, args.label, args.output)


if __name__ == "__main__":
    main()
