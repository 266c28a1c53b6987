"""A cache in one SQLite file that every web process on the machine shares, for flood limits and
lockouts without Redis (CACHE_URL=sqlite:///path/to/ratelimit.sqlite3).

Each process's own memory (locmem) lets N web processes take N times a limit, so without a shared
cache `scripts/serve.sh` runs one. Django's database cache is shared but miscounts: its `incr` is a
read and then a write, and it queues for the application database's write lock (README,
Configuration). Here every change is one SQL statement (`add` an INSERT that yields to a live row,
`incr` an UPDATE ... RETURNING), so SQLite's write lock makes each one atomic across threads and
processes, and the file is the limiter's own: its writes never wait behind a report's transaction.

Numbers and floats are stored as SQLite numbers, so that `incr` adds in SQL; anything else is
pickled, as Django's file and database caches do. Expired rows are dropped now and then by writes.
The file holds what the rate limiter gives it: keyed hashes and counts, never an address. WAL with
synchronous=NORMAL: a crashed process loses nothing; a power cut may lose the last counts, which
only restarts some windows early.
"""

from __future__ import annotations

import os
import pickle
import random
import sqlite3
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_NEVER = 1e18  # an expiry for keys kept without a timeout
_CULL_ONE_IN = 200  # writes, on average, between sweeps of expired rows


def _encode(value: Any) -> Any:
    if type(value) in (int, float):  # not bool or IntEnum: those come back as what they were only pickled
        return value
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _decode(stored: Any) -> Any:
    return pickle.loads(stored) if isinstance(stored, bytes) else stored  # noqa: S301 (our own file)


class _File:
    """This process's one connection to a cache file, and the lock its threads take turns on."""

    def __init__(self, path: str) -> None:
        self.lock = threading.Lock()
        self.connection = sqlite3.connect(path, timeout=20, isolation_level=None, check_same_thread=False)
        self._switch_to_wal()
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute("CREATE TABLE IF NOT EXISTS cache "
                                "(key TEXT PRIMARY KEY, value NOT NULL, expires REAL NOT NULL) WITHOUT ROWID")


    def _switch_to_wal(self, *, attempts: int = 200) -> None:
        """Two processes opening a new file at once can both ask for WAL; SQLite answers "locked" at
        once to one of them, without waiting its busy timeout. WAL is kept in the file, so try again."""
        for attempt in range(attempts):
            try:
                self.connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == attempts - 1:
                    raise
                time.sleep(0.05)


_files: dict[tuple[int, str], _File] = {}
_files_lock = threading.Lock()


def _file(path: str) -> _File:
    # Django makes a cache object per thread; they share the process's connection. Keyed by process
    # too, so that a worker forked after a first use opens its own.
    with _files_lock:
        key = (os.getpid(), path)
        if key not in _files:
            _files[key] = _File(path)
        return _files[key]


class SQLiteCache(BaseCache):
    """Django's cache API over one SQLite file. One connection per process, used by one thread at a
    time: the threads of a process queue on a lock rather than on SQLite's sleeping busy handler."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self.path = location

    def _run(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        file = _file(self.path)
        with file.lock:
            return file.connection.execute(sql, tuple(params)).fetchall()

    def _write(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        rows = self._run(sql, params)
        if random.randrange(_CULL_ONE_IN) == 0:  # noqa: S311 (when to sweep, not a secret)
            self._run("DELETE FROM cache WHERE expires <= ?", (time.time(),))
        return rows

    def _expiry(self, timeout: Any) -> float:
        expiry = self.get_backend_timeout(timeout)
        return _NEVER if expiry is None else expiry

    def add(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Store `value` only if no live value is there; True if it was stored. One statement: atomic."""
        key = self.make_and_validate_key(key, version=version)
        stored = self._write(
            "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, expires = excluded.expires WHERE cache.expires <= ? RETURNING 1",
            (key, _encode(value), self._expiry(timeout), time.time()))
        return bool(stored)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        rows = self._run("SELECT value FROM cache WHERE key = ? AND expires > ?", (key, time.time()))
        return _decode(rows[0][0]) if rows else default

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        wanted = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self._run(f"SELECT key, value FROM cache WHERE key IN ({marks}) AND expires > ?",  # noqa: S608 (only ?s)
                         (*wanted, time.time()))
        return {wanted[key]: _decode(value) for key, value in rows}

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._write("INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                    "SET value = excluded.value, expires = excluded.expires", (key, _encode(value), self._expiry(timeout)))

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._write("UPDATE cache SET expires = ? WHERE key = ? AND expires > ? RETURNING 1",
                                (self._expiry(timeout), key, time.time())))

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Add `delta` in one statement; ValueError if the key is missing or expired, as Django's caches do."""
        cache_key = self.make_and_validate_key(key, version=version)
        rows = self._write("UPDATE cache SET value = value + ? WHERE key = ? AND expires > ? "
                           "AND typeof(value) IN ('integer', 'real') RETURNING value", (delta, cache_key, time.time()))
        if not rows:
            raise ValueError(f"Key '{key}' not found, or not a number")
        return rows[0][0]

    def count(self, key: str, timeout: Any, version: int | None = None) -> int:
        """One more for `key`: 1 if it was missing or expired (then kept for `timeout`), else one more
        than before. What `add` then `incr` do in two statements, in one (core.ratelimit counts so)."""
        key = self.make_and_validate_key(key, version=version)
        now = time.time()
        rows = self._write(
            "INSERT INTO cache (key, value, expires) VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET "
            "value = CASE WHEN cache.expires <= ? OR typeof(cache.value) NOT IN ('integer', 'real') THEN 1 "
            "ELSE cache.value + 1 END, "
            "expires = CASE WHEN cache.expires <= ? THEN excluded.expires ELSE cache.expires END RETURNING value",
            (key, self._expiry(timeout), now, now))
        return rows[0][0]

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        now = time.time()
        return any(expires > now for (expires,) in self._write("DELETE FROM cache WHERE key = ? RETURNING expires", (key,)))

    def has_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._run("SELECT 1 FROM cache WHERE key = ? AND expires > ?", (key, time.time())))

    def clear(self) -> None:
        self._run("DELETE FROM cache")

    def close(self, **kwargs: Any) -> None:
        """Kept open across requests (Django calls this after each one): opening costs more than a hit."""
