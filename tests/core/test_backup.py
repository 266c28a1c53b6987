"""Backup and restore: a consistent copy taken while the service writes, restored after a wipe with
every sealed narrative, receipt code and audit entry intact, and no key or secret inside it.

Every test here is transactional: pg_dump reads only committed rows, and a restore replaces whole
tables. On PostgreSQL a restore goes into a scratch database the test creates and drops; on SQLite
into the test's own in-memory database, which pytest-django empties after each transactional test.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core.backup import kind_of_file, snapshot_sqlite
from organisations.models import Role
from protection.audit import verify_chain
from protection.keys import SealError, master_key_id
from protection.models import AuditEntry, DataKey, SealedRecord
from protection.services import open_sealed
from reporting.choices import Confidentiality, DeidStatus
from reporting.deidentification import confirm_redaction
from reporting.models import Report
from reporting.services import find_by_receipt, subject_for
from tests.factories import member, report

pytestmark = pytest.mark.django_db(transaction=True)

NARRATIVE = ("Mum Kerensa Polglase rang the duty line on 07700 900461 to say her son Jago (6) had not been "
             "collected from school. The case note was never opened.")
HOW_NOTICED = "Spotted by the night duty officer Ottoline Brackwater."
LATER = "A report made after the backup: the hoist sling was frayed."
NARRATIVE_KIND = SealedRecord.Kind.NARRATIVE


def back_up(path: Path, **options) -> str:
    out = StringIO()
    call_command("backup", output=str(path), stdout=out, **options)
    return out.getvalue()


def restore(path: Path, **options) -> str:
    out = StringIO()
    call_command("restore", input=str(path), stdout=out, **options)
    return out.getvalue()


def wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)


def opened(organisation, submitted, kind=NARRATIVE_KIND, field="what_happened") -> str:
    return open_sealed(organisation.pk, subject_for(submitted.report), kind, field=field, actor="tester",
                       purpose="backup test")


@pytest.fixture
def configured_database():
    """Point the service at the database a restore goes into, for the length of a `with` block."""

    @contextmanager
    def restore_target():
        if connection.vendor == "sqlite":
            yield  # the test's own database: this transactional test owns it
            return
        scratch = f"gc_backup_{secrets.token_hex(4)}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        test_database = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = scratch
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = test_database
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')

    return restore_target


@pytest.fixture
def submitted(organisation, reviewer):
    """A confidential report whose de-identification a reviewer has confirmed, and an anonymous one."""
    reporter = member(organisation, Role.REPORTER, username="reporter1", email="robin.reporter@example.org")
    confirmed = report(organisation, NARRATIVE, how_noticed=HOW_NOTICED, reporter=reporter,
                       confidentiality=Confidentiality.CONFIDENTIAL)
    confirm_redaction(confirmed.report, by=reviewer)
    anonymous = report(organisation, "The referral was not picked up for three days.")
    return confirmed, anonymous


def test_a_backup_restored_after_a_wipe_brings_back_reports_sealed_narratives_receipts_and_the_audit_chain(
        organisation, submitted, configured_database, tmp_path):
    confirmed, anonymous = submitted
    readable = Report.objects.get(pk=confirmed.report.pk).what_happened
    assert readable and "Polglase" not in readable
    head_at_backup = AuditEntry.objects.order_by("-pk").first()
    entries_at_backup = AuditEntry.objects.count()
    path = tmp_path / "goodcatch.backup"

    printed = back_up(path)

    assert printed.startswith(f"Wrote {path}: ")
    assert f"({path.stat().st_size:,} bytes)" in printed and "GOODCATCH_MASTER_KEY" in printed
    made = AuditEntry.objects.get(action="backup.made")
    assert set(made.detail) == {"engine", "bytes", "sha256", "tables", "rows", "seconds"}
    assert made.detail["bytes"] == path.stat().st_size and made.detail["sha256"] in printed
    assert str(tmp_path) not in json.dumps(made.detail)
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(path)) as copy:
            tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite%'").fetchone()[0]
            report_rows = copy.execute("SELECT count(*) FROM reporting_report").fetchone()[0]
        assert f"{tables} tables, " in printed and report_rows == 2

    wipe()
    assert find_by_receipt(confirmed.receipt_code) is None
    assert not SealedRecord.objects.exists() and not AuditEntry.objects.exists()

    with configured_database():
        printed = restore(path)

        assert "Migrations: the database matches the code." in printed
        assert find_by_receipt(confirmed.receipt_code).reference == confirmed.report.reference
        assert find_by_receipt(anonymous.receipt_code).reference == anonymous.report.reference
        back = Report.objects.get(reference=confirmed.report.reference)
        assert back.deid_status == DeidStatus.CONFIRMED and back.what_happened == readable
        assert opened(organisation, confirmed) == NARRATIVE
        assert opened(organisation, confirmed, field="how_noticed") == HOW_NOTICED
        identity = json.loads(opened(organisation, confirmed, kind=SealedRecord.Kind.IDENTITY, field=""))
        assert identity["email"] == "robin.reporter@example.org"
        # The restored chain ends where it stood at the backup, and the restore is the entry after it.
        entries = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
        assert entries.index("backup.restored") == entries_at_backup and "backup.made" not in entries
        out = StringIO()
        call_command("verify_audit", expect_hash=head_at_backup.entry_hash, stdout=out)
        assert out.getvalue().startswith(f"OK: {len(entries)} audit entries, chain intact")
        assert f"Audit chain: {entries_at_backup} entries restored, intact" in printed
        if connection.vendor == "postgresql":  # the planner's statistics are gathered, not left to autovacuum
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'reporting_report'")
                assert cursor.fetchone()[0] > 0


def test_a_restored_sealed_narrative_does_not_open_without_the_master_key_it_was_sealed_under(
        organisation, submitted, configured_database, settings, tmp_path):
    confirmed, _anonymous = submitted
    path = tmp_path / "goodcatch.backup"
    back_up(path)
    wipe()
    master_key = settings.MASTER_KEY
    settings.MASTER_KEY = "a-new-server-with-another-master-key-0123456789"

    with configured_database():
        with pytest.raises(CommandError, match=rf"wrapped by master key {master_key_id(master_key)}, which is not "
                                               "configured: no sealed narrative or identity will open"):
            restore(path)
        assert find_by_receipt(confirmed.receipt_code) is not None  # the rows are back; the originals stay sealed
        with pytest.raises(SealError, match="No configured master key has id"):
            opened(organisation, confirmed)
        assert AuditEntry.objects.filter(action="sealed.open_failed").exists()

        settings.MASTER_KEY = master_key
        assert opened(organisation, confirmed) == NARRATIVE


# What must never be in a backup ---------------------------------------------------------------------


def encodings(secret: bytes) -> list[bytes]:
    """The forms a secret could take in a file: raw, UTF-16, hex, and base64 at each of the three
    alignments it can start at; and the same for the bytes it stands for if it is itself base64."""
    forms = [secret, secret.decode("latin-1").encode("utf-16-le"), secret.hex().encode(), secret.hex().upper().encode()]
    for offset, skip in ((0, 0), (1, 2), (2, 3)):  # characters that mix in the bytes before the secret
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            forms.append(encode(bytes(offset) + secret)[skip:].rstrip(b"=")[:-2])
    try:
        decoded = base64.urlsafe_b64decode(secret + b"=" * (-len(secret) % 4))
    except (binascii.Error, ValueError):
        return forms
    return forms + [decoded, decoded.hex().encode()] if len(decoded) >= 16 else forms


def searchable(path: Path) -> list[bytes]:
    """The backup as stored, and on PostgreSQL also the SQL that pg_restore makes of it: the custom
    format compresses table data, so a search of the archive alone could not see inside it."""
    forms = [path.read_bytes()]
    if kind_of_file(path) == "postgresql":
        script = subprocess.run([shutil.which("pg_restore"), "--file=-", str(path)],  # noqa: S603 - our own file
                                capture_output=True, check=True, timeout=60)
        forms.append(script.stdout)
    return forms


def found(secret: str, haystacks: list[bytes]) -> bool:
    return any(form in haystack for form in encodings(secret.encode()) for haystack in haystacks)


def test_the_backup_holds_no_master_key_secret_key_receipt_salt_or_receipt_code_in_any_common_encoding(
        organisation, submitted, settings, tmp_path):
    confirmed, _anonymous = submitted
    path = tmp_path / "goodcatch.backup"
    back_up(path)
    haystacks = searchable(path)

    # A positive control: a wrapped data key is binary, stored as a key left in the clear would be.
    wrapped = bytes(DataKey.objects.get(organisation_id=organisation.pk).wrapped_key)
    assert any(form in haystack for form in (wrapped, wrapped.hex().encode()) for haystack in haystacks)
    assert found(Report.objects.get(pk=confirmed.report.pk).what_happened[:40], haystacks)
    secrets_of_the_service = {"master key": settings.MASTER_KEY, "secret key": settings.SECRET_KEY,
                              "receipt salt": settings.RECEIPT_SALT, "receipt code": confirmed.receipt_code}
    for name, secret in secrets_of_the_service.items():
        assert len(secret) >= 16, name
        assert not found(secret, haystacks), f"the {name} is in the backup"
    for original in (NARRATIVE, HOW_NOTICED):  # sealed; the reporter's e-mail is in their account, as it should be
        assert not found(original, haystacks), original


# Writing the file ------------------------------------------------------------------------------------


def test_a_backup_refuses_to_overwrite_a_file_unless_forced_and_never_leaves_a_partial_file(organisation, tmp_path):
    path = tmp_path / "goodcatch.backup"
    path.write_bytes(b"last week's backup")
    with pytest.raises(CommandError, match=rf"{re.escape(str(path))} already exists\. .* pass --force"):
        back_up(path)
    assert path.read_bytes() == b"last week's backup"
    assert list(tmp_path.iterdir()) == [path]

    back_up(path, force=True)
    assert kind_of_file(path) == connection.vendor
    assert list(tmp_path.iterdir()) == [path]
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_a_backup_into_a_missing_folder_fails_clearly_and_records_nothing(organisation, tmp_path):
    with pytest.raises(CommandError, match=r"The folder .*nowhere does not exist\. Create it first"):
        back_up(tmp_path / "nowhere" / "goodcatch.backup")
    assert not AuditEntry.objects.filter(action="backup.made").exists()


def test_a_backup_on_postgresql_says_so_when_pg_dump_is_missing(organisation, monkeypatch, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump is PostgreSQL's")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match=r"pg_dump was not found on PATH\. Install PostgreSQL's client programs"):
        back_up(tmp_path / "goodcatch.backup")
    assert list(tmp_path.iterdir()) == []


def test_a_backup_taken_while_another_connection_writes_is_a_consistent_snapshot(tmp_path):
    """The real command, against a WAL-mode database file that another connection keeps writing to."""
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL, pg_dump reads one snapshot by design")
    live = tmp_path / "live.sqlite3"
    connection.ensure_connection()
    snapshot_sqlite(connection.connection, live)  # the migrated test database, as a file
    with closing(sqlite3.connect(live)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, pair INTEGER NOT NULL)")
    committed: list[int] = []
    stop = threading.Event()

    def write_pairs() -> None:  # two rows per transaction: a torn copy would hold half a pair
        with closing(sqlite3.connect(live, timeout=10, isolation_level=None)) as db:
            pair = 0
            while not stop.is_set():
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT INTO probe (pair) VALUES (?)", [(pair,), (pair,)])
                db.execute("COMMIT")
                committed.append(pair)
                pair += 1
                time.sleep(0.001)

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        while len(committed) < 20:
            time.sleep(0.01)
        before = len(committed)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{live}", "GOODCATCH_DEMO": "true",
               "GOODCATCH_VAR_DIR": str(tmp_path / "var")}
        made = subprocess.run([sys.executable, "manage.py", "backup", "--output", str(tmp_path / "copy.sqlite3")],  # noqa: S603
                              cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
        after = len(committed)
    finally:
        stop.set()
        writer.join()

    assert made.returncode == 0, made.stderr
    with closing(sqlite3.connect(tmp_path / "copy.sqlite3")) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        torn = copy.execute("SELECT pair FROM probe GROUP BY pair HAVING count(*) != 2").fetchall()
        pairs = copy.execute("SELECT count(DISTINCT pair) FROM probe").fetchone()[0]
    assert torn == []
    assert before <= pairs <= after
    assert after - before > 20, "the writer must have gone on writing while the backup ran"
    assert not (tmp_path / "copy.sqlite3-wal").exists()


# Restoring --------------------------------------------------------------------------------------------


def test_restoring_over_a_database_that_holds_data_needs_yes_and_then_replaces_it(
        organisation, configured_database, tmp_path):
    kept = report(organisation, NARRATIVE)
    path = tmp_path / "goodcatch.backup"
    back_up(path)

    with configured_database():
        restore(path, yes=True)
        later = report(organisation, LATER)
        with pytest.raises(CommandError, match="already holds data, and a restore replaces all of it.*--yes"):
            restore(path)
        assert find_by_receipt(later.receipt_code) is not None

        restore(path, yes=True)
        assert find_by_receipt(later.receipt_code) is None
        assert find_by_receipt(kept.receipt_code).reference == kept.report.reference
        assert Report.objects.count() == 1
        assert verify_chain().ok


def other_engines_file(path: Path) -> Path:
    if connection.vendor == "postgresql":
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY)")
    else:  # a pg_dump custom-format archive begins so
        path.write_bytes(b"PGDMP\x01\x0e\x00\x04\x08\x01\x01\x01" + bytes(200))
    return path


@pytest.mark.parametrize(("make", "problem"), [
    (other_engines_file, r"is a \w+ backup, but the configured database \(DATABASE_URL\) is \w+\. A backup restores "
                         r"only into a database of its own kind"),
    (lambda p: p.write_text("--\n-- PostgreSQL database dump\n--\n") and p, "is a plain SQL script, not a backup"),
    (lambda p: p.write_bytes(bytes(range(256)) * 16) and p, "is neither a SQLite database nor a pg_dump archive"),
    (lambda p: p, "There is no file"),
], ids=["other engine", "plain SQL", "random bytes", "missing"])
def test_restore_refuses_what_is_not_a_backup_of_this_database_engine_and_changes_nothing(
        organisation, tmp_path, make, problem):
    kept = report(organisation, NARRATIVE)
    with pytest.raises(CommandError, match=problem):
        restore(make(tmp_path / "not-a-backup"), yes=True)
    assert find_by_receipt(kept.receipt_code).reference == kept.report.reference


@pytest.mark.parametrize(("change", "message"), [
    ("forget the latest", r"The backup is older than this code, which has migrations the restored database has not "
                          r"had \(reporting\.\w+\)\. Run `manage.py migrate`"),
    ("add one from the future", r"The backup was made by newer code: its database has migrations this code does not "
                                r"have \(reporting\.9999_from_newer_code\)\. Deploy that code"),
])
def test_a_restore_says_what_to_do_when_the_backup_and_the_code_disagree_on_migrations(
        organisation, configured_database, tmp_path, change, message):
    path = tmp_path / "goodcatch.backup"
    back_up(path)
    with configured_database():
        restore(path, yes=True)
        recorder = MigrationRecorder(connection)
        latest = recorder.migration_qs.filter(app="reporting").latest("id")
        try:
            if change == "forget the latest":
                recorder.record_unapplied("reporting", latest.name)
            else:
                recorder.record_applied("reporting", "9999_from_newer_code")
            back_up(tmp_path / "other-code.backup")
            with pytest.raises(CommandError, match=message):
                restore(tmp_path / "other-code.backup", yes=True)
            assert AuditEntry.objects.filter(action="backup.restored").count() == 1  # the first restore's only
        finally:  # on SQLite this is the test database, whose migration record outlives the test
            if not recorder.migration_qs.filter(app="reporting", name=latest.name).exists():
                recorder.record_applied("reporting", latest.name)
            recorder.record_unapplied("reporting", "9999_from_newer_code")
