"""Sealed data at rest: a database dump alone reveals no original narrative and no confidential
reporter's identity, and altered ciphertext or keys fail loudly instead of decrypting to garbage."""

from __future__ import annotations

import base64
import binascii
import json
import re
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from protection import services
from protection.keys import SealError
from protection.models import AuditEntry, DataKey, SealedRecord
from reporting.choices import Confidentiality
from tests.factories import report

NARRATIVE_SECRET = "Quillon Marchbanks left the Zephyrine Close referral unopened"
HOW_NOTICED_SECRET = "spotted by the night duty officer Ottoline Brackwater"
DIRECT_SECRET = "Sealed directly: Thaddeus Pimblett's case notes"
CONTROL = "CONTROL-unsealed-copy-Wendeline-Fossbrook"
IDENTITY = {"username": "reporter1", "email": "reporter1@example.org", "name": "Robin Reporter"}
NARRATIVE = SealedRecord.Kind.NARRATIVE

_HEX = re.compile(r"[0-9a-fA-F]{16,}")
_B64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")


def readable_forms(dump: str) -> list[str]:
    """The dump as text, plus every hex or base64 run in it decoded: binary columns come out as
    X'..' (SQLite), \\x.. (pg_dump) or base64 (dumpdata), and a secret stored unencrypted in one
    would not otherwise show up as text."""
    forms = [dump]
    for match in _HEX.finditer(dump):
        run = match.group()
        for start in (0, 1):
            chunk = run[start:len(run) - (len(run) - start) % 2]
            forms.append(binascii.unhexlify(chunk).decode("utf-8", "replace"))
    for match in _B64.finditer(dump):
        run = match.group().rstrip("=")
        for start in range(4):  # the run may begin mid-way through a 4-character group
            chunk = run[start:]
            chunk += "=" * (-len(chunk) % 4)
            try:
                forms.append(base64.b64decode(chunk, validate=True).decode("utf-8", "replace"))
            except binascii.Error:
                pass
    return forms


def found(needle: str, dump: str) -> bool:
    return any(needle.lower() in form.lower() for form in readable_forms(dump))


def dump_with_dumpdata(exclude_users: bool) -> str:
    out = StringIO()
    call_command("dumpdata", stdout=out)
    objects = json.loads(out.getvalue())
    if exclude_users:
        objects = [o for o in objects if o["model"] != "auth.user"]
    return json.dumps(objects, ensure_ascii=False)


def dump_with_iterdump(exclude_users: bool) -> str:
    lines = connection.connection.iterdump()
    return "\n".join(line for line in lines if not (exclude_users and line.startswith('INSERT INTO "auth_user"')))


def dump_with_pg_dump(exclude_users: bool) -> str:
    settings = connection.settings_dict
    args = ["pg_dump", "--data-only", "-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432),
            "-U", settings["USER"] or "postgres", settings["NAME"]]
    dump = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout  # noqa: S603
    if exclude_users:
        dump = re.sub(r"^COPY public\.auth_user \(.*?^\\\.$", "", dump, flags=re.S | re.M)
    return dump


def submit_secrets(organisation, reporter_user):
    services.seal(organisation.pk, "note:1", NARRATIVE, DIRECT_SECRET, field="what_happened")
    result = report(organisation, NARRATIVE_SECRET, how_noticed=HOW_NOTICED_SECRET, reporter=reporter_user,
                    confidentiality=Confidentiality.CONFIDENTIAL)
    # A positive control: the same search must find a value stored in a binary column unencrypted.
    SealedRecord.objects.create(organisation_id=organisation.pk, subject="control:1", kind=NARRATIVE,
                                key_version=1, nonce=b"", ciphertext=CONTROL.encode())
    return result.report


def assert_dump_reveals_nothing_sealed(dump, dump_without_users, submitted):
    assert found(CONTROL, dump), "the search must be able to see inside binary columns"
    for secret in (NARRATIVE_SECRET, HOW_NOTICED_SECRET, DIRECT_SECRET):
        assert not found(secret, dump)
    # The reporter has an account, so their name is in the users table; nowhere else may it appear.
    assert found(IDENTITY["username"], dump)
    for value in IDENTITY.values():
        assert not found(value, dump_without_users), value
    assert submitted.open_reporter_id is None


@pytest.fixture
def deidentification_held_back(settings):
    # De-identified text is meant to be stored in clear; hold the task back so that this test is
    # about what sealing keeps out of the database, not about what the redaction engine removes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": settings.TASK_QUEUES}}


@pytest.mark.parametrize("dumper", [dump_with_dumpdata, dump_with_iterdump])
def test_a_database_dump_reveals_no_original_narrative_or_confidential_identity(
        organisation, reporter_user, deidentification_held_back, dumper):
    if dumper is dump_with_iterdump and connection.vendor != "sqlite":
        pytest.skip("iterdump is SQLite's")
    submitted = submit_secrets(organisation, reporter_user)
    identity = SealedRecord.objects.get(kind=SealedRecord.Kind.IDENTITY)
    assert IDENTITY["email"] in services.open_sealed(organisation.pk, identity.subject, identity.kind, actor="tester",
                                                     purpose="test")
    assert_dump_reveals_nothing_sealed(dumper(False), dumper(True), submitted)


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_of_the_database_reveals_no_original_narrative_or_confidential_identity(deidentification_held_back):
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("needs PostgreSQL and pg_dump")
    from organisations.models import Role
    from tests.factories import OrganisationFactory, member

    organisation = OrganisationFactory(slug="dump-test")
    reporter_user = member(organisation, Role.REPORTER, username="reporter1", first_name="Robin", last_name="Reporter")
    submitted = submit_secrets(organisation, reporter_user)
    assert_dump_reveals_nothing_sealed(dump_with_pg_dump(False), dump_with_pg_dump(True), submitted)


PEOPLE = ("Morwenna", "Trewin", "Jago", "Polglase", "Kerensa")


@pytest.mark.parametrize("dumper", [dump_with_dumpdata, dump_with_iterdump])
def test_a_reports_placeholder_numbering_is_in_the_database_only_as_keyed_hashes(organisation, reviewer, client,
                                                                                 dumper):
    if dumper is dump_with_iterdump and connection.vendor != "sqlite":
        pytest.skip("iterdump is SQLite's")
    from protection.models import PlaceholderDigest
    from reporting.deidentification import confirm_redaction

    result = report(organisation, "Health visitor Morwenna Trewin visited; baby Jago Polglase was not seen.",
                    potential_harm_text="Jago could have gone without feeds. Mum Kerensa Polglase was not told.")
    client.post("/receipt/reply/", {"code": result.receipt_code, "body": "Morwenna rang Kerensa Polglase on Friday."})
    confirm_redaction(result.report, by=reviewer)
    SealedRecord.objects.create(organisation_id=organisation.pk, subject="control:1", kind=NARRATIVE,
                                key_version=1, nonce=b"", ciphertext=CONTROL.encode())
    assert PlaceholderDigest.objects.filter(label="PERSON").count() >= 3  # the numbering is there
    dump = dumper(True)
    assert found(CONTROL, dump), "the search must be able to see inside binary columns"
    for word in PEOPLE:
        assert not found(word, dump), word


# Tampering ----------------------------------------------------------------------------------------


@pytest.fixture
def sealed(db):
    return services.seal(5, "report:1", NARRATIVE, "the original", field="what_happened")


def open_it(subject="report:1"):
    return services.open_sealed(5, subject, NARRATIVE, field="what_happened", actor="tester", purpose="test")


def flip_last_byte(value) -> bytes:
    changed = bytearray(value)
    changed[-1] ^= 0x01
    return bytes(changed)


def test_an_untouched_record_opens_and_the_open_is_audited(sealed):
    assert open_it() == "the original"
    assert AuditEntry.objects.filter(action="sealed.open", subject="report:1").count() == 1


@pytest.mark.parametrize("column", ["ciphertext", "nonce"])
def test_a_record_with_one_altered_byte_fails_clearly_and_the_failure_is_audited(sealed, column):
    SealedRecord.objects.filter(pk=sealed.pk).update(**{column: flip_last_byte(getattr(sealed, column))})
    with pytest.raises(SealError, match="The sealed record failed its integrity check: it was altered"):
        open_it()
    failure = AuditEntry.objects.get(action="sealed.open_failed")
    assert failure.subject == "report:1"
    assert failure.detail["error"] == "The sealed record failed its integrity check: it was altered."
    assert failure.detail["purpose"] == "test"


def test_a_sealed_value_copied_onto_another_report_does_not_open(sealed):
    other = services.seal(5, "report:2", NARRATIVE, "another original", field="what_happened")
    SealedRecord.objects.filter(pk=other.pk).update(nonce=sealed.nonce, ciphertext=sealed.ciphertext)
    with pytest.raises(SealError, match="integrity check"):
        open_it("report:2")


def test_an_altered_wrapped_data_key_fails_clearly_and_the_failure_is_audited(sealed):
    row = DataKey.objects.get(organisation_id=5)
    DataKey.objects.filter(pk=row.pk).update(wrapped_key=flip_last_byte(row.wrapped_key))
    with pytest.raises(SealError, match="The data key failed its integrity check: it was altered or wrapped with "
                                        "another key"):
        open_it()
    assert "data key failed" in AuditEntry.objects.get(action="sealed.open_failed").detail["error"]


def test_a_data_key_relabelled_with_another_master_key_id_fails_clearly(sealed):
    DataKey.objects.filter(organisation_id=5).update(master_key_id="0" * 16)
    with pytest.raises(SealError, match="No configured master key has id 0000000000000000"):
        open_it()


def test_one_organisations_data_key_does_not_open_anothers(sealed):
    services.seal(6, "report:9", NARRATIVE, "sixth", field="what_happened")
    theirs = DataKey.objects.get(organisation_id=6)
    DataKey.objects.filter(organisation_id=5).update(wrapped_key=theirs.wrapped_key)
    with pytest.raises(SealError, match="The data key failed its integrity check"):
        open_it()
