"""The audit log's hash chain: entries read back exactly as they were hashed, on SQLite and
PostgreSQL alike, and `manage.py verify_audit` names the first entry that was altered or removed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from protection.audit import GENESIS, audit, verify_chain
from protection.models import AuditEntry

ROOT = Path(__file__).resolve().parents[2]

# PostgreSQL's jsonb and text refuse some of these and rewrite others; SQLite stores them as given.
awkward_text = st.one_of(st.text(max_size=12), st.sampled_from(["a\x00b", "\ud800", "x\udfff", "é✓𝄞", "\u2028"]))
awkward_numbers = st.one_of(
    st.integers(), st.floats(),
    st.sampled_from([1e16, 1.5e300, -0.0, 1e-7, 0.1 + 0.2, 5.0, 2**70, 123456789012345678.0]),
)
json_values = st.recursive(
    st.none() | st.booleans() | awkward_numbers | awkward_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(awkward_text, children, max_size=3),
    max_leaves=10,
)


def entries(n: int) -> list[AuditEntry]:
    return [audit("test.event", actor="tester", organisation_id=1, subject=f"report:{i}", detail={"n": i})
            for i in range(n)]


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(detail=st.dictionaries(awkward_text, json_values, max_size=4), actor=awkward_text,
       subject=st.text(max_size=64))
def test_every_entry_reads_back_exactly_as_it_was_hashed(db, detail, actor, subject):
    entry = audit("test.roundtrip", actor=actor, organisation_id=7, subject=subject, detail=detail)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.detail == entry.detail
    assert stored.at == entry.at and stored.at.microsecond == 0
    assert stored.actor_label == entry.actor_label and stored.subject == entry.subject
    check = verify_chain()
    assert check.ok, check


@pytest.mark.django_db
def test_numbers_that_postgresql_would_rewrite_are_stored_in_the_form_it_gives_back():
    entry = audit("test.numbers", detail={"big": 1e16, "neg_zero": -0.0, "whole": 5.0, "nan": float("nan"),
                                           "inf": float("inf"), "small": 1e-7, "text": "a\x00b"})
    assert AuditEntry.objects.get(pk=entry.pk).detail == {
        "big": 10**16, "neg_zero": 0, "whole": 5, "nan": "nan", "inf": "inf", "small": 1e-7, "text": "a\ufffdb"}


@pytest.mark.django_db
def test_a_long_actor_label_is_cut_to_fit_on_every_database():
    entry = audit("auth.sign_in_failed", actor="x" * 400)
    assert len(AuditEntry.objects.get(pk=entry.pk).actor_label) == 150
    assert verify_chain().ok


@pytest.mark.django_db
def test_an_action_or_subject_too_long_for_its_column_is_refused_on_every_database():
    with pytest.raises(ValueError, match="at most 64"):
        audit("x" * 65)
    with pytest.raises(ValueError, match="at most 64"):
        audit("test.event", subject="report:" + "9" * 64)


@pytest.mark.django_db
def test_a_clean_chain_passes_with_its_count_and_latest_hash():
    written = entries(3)
    assert verify() == f"OK: 3 audit entries, chain intact. Latest hash: {written[-1].entry_hash}\n"
    assert written[0].prev_hash == GENESIS


@pytest.mark.django_db
def test_an_empty_log_passes():
    assert verify().startswith("OK: 0 audit entries")


@pytest.mark.django_db
@pytest.mark.parametrize("change", [
    {"detail": {"n": 99}},
    {"actor_label": "someone else"},
    {"action": "test.other"},
    {"subject": "report:999"},
    {"organisation_id": 2},
    {"actor_id": 5},
])
def test_an_entry_edited_in_the_database_is_named(change):
    written = entries(4)
    AuditEntry.objects.filter(pk=written[1].pk).update(**change)
    with pytest.raises(CommandError, match=rf"broken at entry {written[1].pk}: its contents do not match its hash"):
        verify()


@pytest.mark.django_db
def test_an_entry_whose_time_was_moved_is_named():
    written = entries(3)
    AuditEntry.objects.filter(pk=written[2].pk).update(at=written[2].at.replace(year=2020))
    with pytest.raises(CommandError, match=rf"entry {written[2].pk}: its contents"):
        verify()


@pytest.mark.django_db
def test_a_deleted_middle_entry_is_found_at_the_entry_after_it():
    written = entries(4)
    AuditEntry.objects.filter(pk=written[1].pk).delete()
    expected = (rf"entry {written[2].pk}: its previous-hash does not match the row before it "
                rf"\(entry {written[0].pk}\): an entry between them was deleted")
    with pytest.raises(CommandError, match=expected):
        verify()


@pytest.mark.django_db
def test_a_deleted_first_entry_is_found():
    written = entries(2)
    AuditEntry.objects.filter(pk=written[0].pk).delete()
    with pytest.raises(CommandError, match="earlier entries were deleted"):
        verify()


@pytest.mark.django_db
def test_a_rehashed_entry_still_breaks_the_link_to_the_next():
    # Someone who edits a row and recomputes its hash must also rewrite every later row.
    written = entries(3)
    AuditEntry.objects.filter(pk=written[1].pk).update(entry_hash="f" * 64)
    with pytest.raises(CommandError, match=rf"entry {written[1].pk}: its contents"):
        verify()


@pytest.mark.django_db
def test_entries_cut_off_the_end_are_found_against_a_recorded_hash():
    written = entries(3)
    recorded = written[-1].entry_hash
    out = StringIO()
    call_command("verify_audit", "--expect-hash", recorded, stdout=out)
    assert out.getvalue().startswith("OK: 3")
    AuditEntry.objects.filter(pk=written[-1].pk).delete()
    assert verify().startswith("OK: 2")  # the chain alone cannot tell
    with pytest.raises(CommandError, match="entries were removed from its end"):
        call_command("verify_audit", "--expect-hash", recorded, stdout=StringIO())


def test_verify_audit_exits_non_zero_on_a_break(tmp_path):
    """The real command line, against its own SQLite file, so the exit code is the process's."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'audit.sqlite3'}", "GOODCATCH_DEMO": "true",
           "GOODCATCH_VAR_DIR": str(tmp_path)}

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: S603 - our own arguments
                              capture_output=True, text=True, timeout=120)

    assert manage("migrate", "--noinput", "-v0").returncode == 0
    written = manage("shell", "-c", "from protection.audit import audit\n"
                                    "for i in range(3): audit('test.event', actor='tester', detail={'n': i})")
    assert written.returncode == 0, written.stderr
    clean = manage("verify_audit")
    assert clean.returncode == 0 and clean.stdout.startswith("OK: 3 audit entries"), clean.stderr
    with sqlite3.connect(tmp_path / "audit.sqlite3") as db:
        pk = db.execute("SELECT id FROM protection_auditentry ORDER BY id LIMIT 1 OFFSET 1").fetchone()[0]
        db.execute("UPDATE protection_auditentry SET actor_label = 'nobody' WHERE id = ?", (pk,))
    broken = manage("verify_audit")
    assert broken.returncode == 1
    assert f"Audit chain broken at entry {pk}" in broken.stderr
