import hashlib
import math
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reporting import receipts
from reporting.models import Report
from reporting.services import find_by_receipt
from tests.factories import report


def test_a_receipt_code_is_four_groups_of_four_from_an_unambiguous_alphabet():
    code = receipts.new_receipt_code()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert not set(code) & set("ILOU")


def test_a_receipt_code_carries_at_least_80_bits_of_entropy():
    symbols = receipts.GROUPS * receipts.GROUP_SIZE
    assert symbols * math.log2(len(receipts.ALPHABET)) >= 80


def test_codes_do_not_repeat():
    assert len({receipts.new_receipt_code() for _ in range(2000)}) == 2000


def test_entry_ignores_case_spaces_and_hyphens_and_reads_look_alikes_kindly():
    code = receipts.new_receipt_code()
    typed = code.lower().replace("-", " ")
    assert receipts.normalise(typed) == code
    assert receipts.normalise("o0o0 iiii llll 2345") == "0000-1111-1111-2345"


def test_entry_that_cannot_be_a_code_is_rejected():
    assert receipts.normalise("") is None
    assert receipts.normalise("ABCD-EFGH") is None
    assert receipts.normalise("ABCD-EFGH-JKMN-PQR!") is None


def test_only_a_keyed_hash_is_kept_and_it_is_stable_for_lookup(settings):
    code = receipts.new_receipt_code()
    first = receipts.receipt_hash(code)
    assert first == receipts.receipt_hash(code)
    assert code not in first and len(first) == 64
    settings.RECEIPT_SALT = "another-salt-entirely"
    assert receipts.receipt_hash(code) != first


def test_the_keyed_hash_is_not_a_plain_hash_nor_the_legacy_argon2_one():
    code = receipts.new_receipt_code()
    assert receipts.receipt_hash(code) != hashlib.sha256(code.encode()).hexdigest()
    assert receipts.receipt_hash(code) != receipts.legacy_receipt_hash(code)


def test_each_use_of_the_receipt_secret_gets_its_own_key():
    assert receipts.secret_for("receipt codes") != receipts.secret_for("idempotency keys")
    assert len(receipts.secret_for("receipt codes")) == 32


@pytest.mark.django_db
def test_a_code_is_found_by_its_keyed_hash(organisation):
    result = report(organisation)
    assert find_by_receipt(result.receipt_code.lower().replace("-", " ")) == result.report
    assert Report.objects.get().receipt_hash == receipts.receipt_hash(result.receipt_code)


def _as_if_issued_before_the_keyed_hash(result):
    """The row as the Argon2 era stored it, and as migration 0003 marked it."""
    Report.objects.filter(pk=result.report.pk).update(
        receipt_hash=receipts.legacy_receipt_hash(result.receipt_code), receipt_hash_is_legacy=True)


@pytest.mark.django_db
def test_a_code_issued_before_the_keyed_hash_is_still_found_and_then_rehashed(organisation):
    result = report(organisation)
    _as_if_issued_before_the_keyed_hash(result)
    assert find_by_receipt(result.receipt_code) == result.report
    row = Report.objects.get()
    assert not row.receipt_hash_is_legacy
    assert row.receipt_hash == receipts.receipt_hash(result.receipt_code)
    assert find_by_receipt(result.receipt_code) == result.report


@pytest.mark.django_db
def test_a_wrong_code_is_not_found_among_legacy_hashes(organisation):
    result = report(organisation)
    _as_if_issued_before_the_keyed_hash(result)
    assert find_by_receipt(receipts.new_receipt_code()) is None
    assert Report.objects.get().receipt_hash_is_legacy


@pytest.mark.django_db
def test_once_no_legacy_hash_is_left_a_lookup_never_runs_argon2(organisation, monkeypatch):
    result = report(organisation)
    argon2_runs = []
    monkeypatch.setattr(receipts, "legacy_receipt_hash", lambda code: argon2_runs.append(code) or "0" * 64)
    assert find_by_receipt(receipts.new_receipt_code()) is None
    assert find_by_receipt(result.receipt_code) == result.report
    assert argon2_runs == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_every_earlier_code_as_argon2_hashed(organisation):
    before = [("reporting", "0002_times_kept_to_the_day")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_report = executor.loader.project_state(before).apps.get_model("reporting", "Report")
    code = receipts.new_receipt_code()
    old_report.objects.create(organisation_id=organisation.pk, reference="GC-OLD234", kind="near_miss",
                              receipt_hash=receipts.legacy_receipt_hash(code), idempotency_hash=None)
    call_command("migrate", verbosity=0)
    assert Report.objects.get(reference="GC-OLD234").receipt_hash_is_legacy
    assert find_by_receipt(code).reference == "GC-OLD234"
