"""Without Redis, flood limits and lockouts can count in one SQLite file that every web process shares
(CACHE_URL=sqlite:///...): each change is counted exactly once, across threads and processes, and the
file holds keyed hashes and counts, never an address."""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.test import override_settings

import goodcatch.settings as settings_module
from core.ratelimit import ReceiptGuard, hit

ROOT = Path(__file__).resolve().parents[2]
IP = "203.0.113.7"


@pytest.fixture
def shared(tmp_path):
    path = tmp_path / "ratelimit.sqlite3"
    config = {"default": {"BACKEND": "core.sharedcache.SQLiteCache", "LOCATION": str(path)}}
    with override_settings(CACHES=config):
        from django.core.cache import caches

        yield caches["default"], path


def test_add_keeps_a_live_value_and_takes_the_place_of_an_expired_one(shared):
    cache, _path = shared
    assert cache.add("k", 1, 60)
    assert not cache.add("k", 5, 60) and cache.get("k") == 1
    cache.set("gone", 7, 0.05)
    time.sleep(0.1)
    assert cache.get("gone", "missing") == "missing" and not cache.has_key("gone")
    assert cache.add("gone", 2, 60) and cache.get("gone") == 2


def test_incr_counts_in_place_and_refuses_a_missing_key(shared):
    cache, _path = shared
    cache.set("n", 1, 60)
    assert [cache.incr("n") for _ in range(3)] == [2, 3, 4]
    assert cache.decr("n", 4) == 0
    with pytest.raises(ValueError):
        cache.incr("nobody")


def test_count_starts_at_one_counts_up_and_starts_again_once_expired(shared):
    cache, _path = shared
    assert [cache.count("window", 60) for _ in range(3)] == [1, 2, 3]
    assert cache.count("short", 0.05) == 1
    time.sleep(0.1)
    assert cache.count("short", 60) == 1 and cache.count("short", 60) == 2
    cache.set("note", "not a number", 60)
    assert cache.count("note", 60) == 1


def test_other_values_come_back_as_they_went_in(shared):
    cache, _path = shared
    cache.set("when", 1773489600.5, 60)
    cache.set("what", {"tried": ["ABCD"], "flag": True}, 60)
    assert cache.get_many(["when", "what", "absent"]) == {"when": 1773489600.5, "what": {"tried": ["ABCD"], "flag": True}}
    assert cache.delete("what") and not cache.delete("what")
    cache.clear()
    assert cache.get("when") is None


def test_limits_hold_and_the_file_keeps_no_address(shared):
    _cache, path = shared
    decisions = [hit("submit", IP, limit=2, window_seconds=60) for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, False]
    guard = ReceiptGuard()
    guard.record_failure(IP, "ABCD-EFGH-JKMN-PQRS")
    held = " ".join(str(row) for row in sqlite3.connect(path).execute("SELECT key, value FROM cache"))
    assert held and IP not in held and "203.0.113" not in held and "PQRS" not in held


def test_hits_from_many_threads_are_all_counted(shared):
    def work():
        for _ in range(25):
            hit("submit", IP, limit=10_000, window_seconds=3600)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert hit("submit", IP, limit=10_000, window_seconds=3600).count == 8 * 25 + 1


HITTER = """
import json, sys
import django
django.setup()
from core.ratelimit import REPORTS
flood = [REPORTS.check("k:one-connection", 1) for _ in range(int(sys.argv[1]))]
print(json.dumps(sum(decision.allowed for decision in flood)))
"""


def test_two_processes_share_one_limit(tmp_path):
    """What one web process per core needs: 2 x 150 reports from one connection through two processes,
    against a limit of 200, let exactly 200 through."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "goodcatch.settings", "PYTHONPATH": str(ROOT),
           "CACHE_URL": f"sqlite:///{tmp_path / 'ratelimit.sqlite3'}", "GOODCATCH_REPORT_SOURCE_LIMIT": "200/1h",
           "GOODCATCH_REPORT_ORGANISATION_LIMIT": "100000/1h"}
    processes = [subprocess.Popen([sys.executable, "-c", HITTER, "150"], cwd=ROOT, env=env, stdout=subprocess.PIPE,  # noqa: S603
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
    allowed = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
        allowed.append(json.loads(out))
    assert sum(allowed) == 200


def test_cache_url_chooses_the_shared_file_under_the_var_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("GOODCATCH_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("CACHE_URL", "sqlite:///ratelimit.sqlite3")
    try:
        loaded = importlib.reload(settings_module)
        assert loaded.CACHES["default"] == {"BACKEND": "core.sharedcache.SQLiteCache",
                                            "LOCATION": str(tmp_path / "ratelimit.sqlite3")}
        monkeypatch.setenv("CACHE_URL", "memcached://127.0.0.1:11211")
        with pytest.raises(Exception, match="CACHE_URL must start with"):
            importlib.reload(settings_module)
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)

