"""Web processes of our own for tests that must show something holds across processes.

Each runs `script` (Python source that sets Django up and performs the steps it is given as
JSON) against one shared SQLite file and the real Redis at 127.0.0.1:6379, under a key prefix of
the test's own so parallel runs never meet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[1]


def take_turns(step: str, args: list) -> bool:
    """The steps every process script shares, to order processes: "tell" makes a file, "wait" waits
    for one (a minute at most). True when `step` was one of them."""
    if step == "tell":
        Path(args[0]).touch()
        return True
    if step == "wait":
        deadline = time.monotonic() + 60
        while not Path(args[0]).exists():
            if time.monotonic() > deadline:
                sys.exit(f"gave up waiting for {args[0]}")
            time.sleep(0.05)
        return True
    return False


@contextmanager
def shared_redis_processes(tmp_path: Path, script: str, *, name: str, redis_db: int = 0, timeout: int = 120,
                           env: dict[str, str] | None = None) -> Iterator[tuple[Callable, Callable, Callable]]:
    """Yields start(*steps) -> Popen, finish(Popen) -> the last line of its output as JSON, and
    keys() -> the Redis keys written under this test's prefix. Skips when Redis is not running."""
    redis_url = f"redis://127.0.0.1:6379/{redis_db}"
    connection = redis.Redis.from_url(redis_url)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = f"gc-{name}-test-{uuid.uuid4().hex}"
    process_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "goodcatch.settings", "GOODCATCH_DEMO": "true",
                   "GOODCATCH_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
                   "GOODCATCH_TASKS_BACKEND": "immediate", "TEST_CACHE_PREFIX": prefix, "TEST_REDIS_URL": redis_url,
                   **(env or {})}
    started: list[subprocess.Popen] = []

    def start(*steps) -> subprocess.Popen:
        started.append(subprocess.Popen([sys.executable, "-c", script, json.dumps(steps)], cwd=ROOT,  # noqa: S603
                                        env=process_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        return started[-1]

    def finish(process: subprocess.Popen):
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err
        return json.loads(out.splitlines()[-1])

    try:
        yield start, finish, lambda: [key.decode() for key in connection.scan_iter(f"{prefix}:*")]
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.communicate()
        for key in connection.scan_iter(f"{prefix}:*"):
            connection.delete(key)
