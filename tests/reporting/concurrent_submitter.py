"""A process that submits reports, for tests/reporting/test_concurrent_submission.py (not a test itself).

Runs against the database named by DATABASE_URL, a real SQLite file, as a web process would:

    python -m tests.reporting.concurrent_submitter setup
    python -m tests.reporting.concurrent_submitter load ORG THREADS REPORTS_EACH SHARED_KEY
    python -m tests.reporting.concurrent_submitter send ORG KEY
    python -m tests.reporting.concurrent_submitter count ORG

Two organisations, "load-test" and "resend-test", so that tests sharing the file count apart.

Prints one line of JSON.
"""

from __future__ import annotations

import json
import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from organisations.services import get_organisation  # noqa: E402
from reporting.services import ReportSubmission, submit_report  # noqa: E402

ORGS = ("load-test", "resend-test")
SHARED_STORY = "Two workers both thought the other had rung the school about the missed collection."


def setup() -> dict:
    """Migrate, add the organisation, and say how this process's SQLite connection writes."""
    from organisations.models import Organisation

    call_command("migrate", verbosity=0)
    for slug in ORGS:
        Organisation.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Organisation.objects.filter(slug=ORGS[0]).update(name="Load Test Council")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        busy_timeout_ms = cursor.fetchone()[0]
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    return {"begins_with": queries.captured_queries[0]["sql"], "busy_timeout_ms": busy_timeout_ms,
            "journal_mode": journal_mode}


def send(org: str, key: str, story: str) -> dict:
    result = submit_report(get_organisation(org), ReportSubmission(kind="near_miss", what_happened=story),
                           idempotency_key=key)
    return {"code": result.receipt_code, "duplicate": result.duplicate}


def load(org: str, threads: int, each: int, shared_key: str) -> dict:
    """Every thread sends the shared key once (all at about the same moment), then its own reports."""
    codes: list[str] = []
    shared: list[dict] = []
    errors: list[str] = []
    start = threading.Barrier(threads)

    def client(number: int) -> None:
        try:
            start.wait()
            shared.append(send(org, shared_key, SHARED_STORY))
            for i in range(each):
                story = f"Report {i} from client {number}: a visit was missed."
                codes.append(send(org, f"{os.getpid()}-{number}-{i}", story)["code"])
        except Exception as error:  # reported to the test, which fails on any
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"codes": codes, "shared": shared, "errors": errors}


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        print(json.dumps(setup()))
    elif command == "load":
        print(json.dumps(load(args[0], int(args[1]), int(args[2]), args[3])))
    elif command == "send":
        print(json.dumps(send(args[0], args[1], SHARED_STORY)))
    elif command == "count":
        from reporting.models import IdempotencyKey, Report

        print(json.dumps({"reports": Report.objects.filter(organisation__slug=args[0]).count(),
                          "keys": IdempotencyKey.objects.filter(report__organisation__slug=args[0]).count()}))
