"""Keys, registered senders and signed feed requests for the hub's tests."""

from __future__ import annotations

import json
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sharing import feed_signing as signing
from sharing import hub

FEED = "/api/v1/hub/feed"
LIBRARY = "/api/v1/hub/library"
ROOT = Path(__file__).resolve().parents[2]


def registered_sender(instance: str = "north") -> Ed25519PrivateKey:
    """A new key, registered at the hub (this database) for `instance`."""
    key = Ed25519PrivateKey.generate()
    hub.add_sender(instance, signing.public_key_text(key.public_key()))
    return key


def feed_item(public_id: str = "a1b2c3d4e5f60718", *, slug: str = "north-council", withdrawn: bool = False,
              **fields) -> dict:
    values = {"public_id": public_id, "withdrawn": withdrawn,
              "organisation": {"slug": slug, "name": "North Borough Council", "region": "north_west",
                               "sector": "social_care"},
              "kind": "near_miss", "service_area": "children", "stage": "referral", "agencies": ["health"],
              "period": "2026-Q3", "potential_harm": 3,
              "what_happened": "A referral from the school sat in the shared inbox for three days during leave.",
              "potential_harm_text": "", "how_noticed": "", "what_would_help": "A second person on the inbox.",
              "factor_codes": ["workload"], "error_types": [], "risk_band": "moderate", "actual_harm": None,
              "themes": ["Inbox cover"]}
    values.update(fields)
    return values


def body_of(items: list[dict], instance: str = "north") -> bytes:
    return json.dumps({"instance": instance, "items": items}).encode()


def signed_headers(key: Ed25519PrivateKey, body: bytes, *, instance: str = "north", path: str = FEED,
                   timestamp: int | None = None, method: str = "POST") -> dict[str, str]:
    return signing.sign(key, instance=instance, method=method, path=path,
                        timestamp=int(time.time()) if timestamp is None else timestamp, body=body).as_dict()


def post_feed(client, key: Ed25519PrivateKey, items: list[dict], *, instance: str = "north",
              timestamp: int | None = None, body: bytes | None = None):
    body = body_of(items, instance) if body is None else body
    return client.post(FEED, data=body, content_type="application/json",
                       headers=signed_headers(key, body, instance=instance, timestamp=timestamp))


def get_library(client, key: Ed25519PrivateKey, *, instance: str = "north"):
    """The hub's published learning, asked for as a sending instance asks (a signed GET)."""
    return client.get(LIBRARY, headers=signed_headers(key, b"", instance=instance, path=LIBRARY, method="GET"))


class LiveHub:
    """A hub of its own: `manage.py` and granian in hub mode, in processes of their own, on a SQLite file
    of their own, so that the test's database plays the sending instance and this one the hub. It can be
    stopped (the hub is down) and started again on the same port and database."""

    def __init__(self, directory, template) -> None:
        import shutil
        import socket

        self.directory = directory
        self.database = directory / "hub.sqlite3"
        shutil.copyfile(template, self.database)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    @staticmethod
    def environment(directory, database) -> dict[str, str]:
        import os

        env = {name: value for name, value in os.environ.items()
               if name not in ("DATABASE_URL", "TOX_PARALLEL_ENV", "GOODCATCH_HUB_URL", "GOODCATCH_INSTANCE_NAME")}
        return {**env, "DJANGO_SETTINGS_MODULE": "goodcatch.settings", "GOODCATCH_DEMO": "true",
                "GOODCATCH_MODE": "hub", "GOODCATCH_VAR_DIR": str(directory), "DATABASE_URL": f"sqlite:///{database}",
                "GOODCATCH_TASKS_BACKEND": "immediate"}

    @classmethod
    def manage(cls, directory, database, *args: str) -> str:
        import subprocess
        import sys

        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=cls.environment(directory, database),  # noqa: S603
                              capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def register(self, instance: str, key: Ed25519PrivateKey) -> None:
        self.manage(self.directory, self.database, "hub_senders", "add", "--name", instance, "--public-key",
                    signing.public_key_text(key.public_key()))

    def start(self) -> None:
        import subprocess
        import urllib.request

        command = [str(ROOT / ".venv" / "bin" / "granian"), "--interface", "wsgi", "--host", "127.0.0.1",
                   "--port", str(self.port), "--workers", "1", "--no-access-log", "--log-level", "warning",
                   "goodcatch.wsgi:application"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.environment(self.directory, self.database),  # noqa: S603
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:  # noqa: S310 - our own test server
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
            assert self.process.poll() is None, "the hub process stopped"
        raise AssertionError("the hub did not answer within 90 s")

    def stop(self) -> None:
        import os
        import signal

        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None

    def reports(self) -> list[tuple[str, str, bool, str]]:
        """What the hub holds: (origin, public_id, withdrawn, what_happened), by public id."""
        import sqlite3

        with sqlite3.connect(self.database) as connection:
            rows = connection.execute("SELECT origin, public_id, withdrawn_at IS NOT NULL, what_happened "
                                      "FROM sharing_sharedreport ORDER BY public_id").fetchall()
        return [(origin, public_id, bool(withdrawn), text) for origin, public_id, withdrawn, text in rows]

    def aggregates(self) -> list[tuple[str, str, str, int]]:
        """The coded aggregates the hub holds: (origin, period, factor code, reports)."""
        import sqlite3

        with sqlite3.connect(self.database) as connection:
            return connection.execute("SELECT origin, period, factor_code, reports FROM sharing_hubaggregate "
                                      "ORDER BY period, factor_code").fetchall()
