"""Many reporters at once on SQLite: every report is stored, none fails with "database is locked", the
same Idempotency-Key sent at the same moment makes one report, and a resend from a new process (the
first one crashed) gets the first receipt code back. Processes and threads write to a real SQLite file,
as the web server and the task worker do; whichever database the rest of the suite uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, THREADS, EACH = 3, 4, 6


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory):
    """A migrated SQLite file with two organisations, and the environment of a process that uses it."""
    var = tmp_path_factory.mktemp("concurrent")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env.update(GOODCATCH_DEMO="true", GOODCATCH_VAR_DIR=str(var), GOODCATCH_TASKS_BACKEND="database",
               DATABASE_URL=f"sqlite:///{var / 'reports.sqlite3'}")
    connection, _log = run(env, "setup")
    return env, connection


def run(env: dict, *args: str) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, "-m", "tests.reporting.concurrent_submitter", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_sqlite_writes_begin_immediate_and_wait_for_the_lock(sqlite_file):
    _env, connection = sqlite_file
    assert connection["begins_with"] == "BEGIN IMMEDIATE"
    assert connection["busy_timeout_ms"] >= 10_000
    assert connection["journal_mode"] == "wal"


def test_reports_sent_at_once_from_several_processes_are_all_stored(sqlite_file):
    env, _connection = sqlite_file
    with ThreadPoolExecutor(PROCESSES) as pool:
        outcomes = list(pool.map(lambda _n: run(env, "load", "load-test", str(THREADS), str(EACH), "the-same-key"),
                                 range(PROCESSES)))
    codes = [code for result, _log in outcomes for code in result["codes"]]
    shared = [sent for result, _log in outcomes for sent in result["shared"]]
    assert [error for result, _log in outcomes for error in result["errors"]] == []
    assert not any("database is locked" in log for _result, log in outcomes)
    assert len(codes) == len(set(codes)) == PROCESSES * THREADS * EACH
    # One report for the key sent by every client at once, and its code for every one of them.
    assert len(shared) == PROCESSES * THREADS
    assert len({sent["code"] for sent in shared}) == 1
    assert sum(not sent["duplicate"] for sent in shared) == 1
    stored, _log = run(env, "count", "load-test")
    assert stored == {"reports": len(codes) + 1, "keys": len(codes) + 1}


def test_a_resend_from_a_new_process_gets_the_receipt_code_the_first_one_stored(sqlite_file):
    env, _connection = sqlite_file
    first, _log = run(env, "send", "resend-test", "sent-before-the-crash")
    again, _log = run(env, "send", "resend-test", "sent-before-the-crash")
    assert first["duplicate"] is False
    assert again == {"code": first["code"], "duplicate": True}
