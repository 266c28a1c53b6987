"""Rotating the master key: data keys are rewrapped, sealed records keep opening, and a retired
key that was never rotated away from fails clearly."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from protection import keys
from protection.models import AuditEntry, DataKey, SealedRecord
from protection.rotation import rotate_keys
from protection.services import open_sealed, seal

KEY_A = "master-key-A-0123456789abcdefghijklmnopqrstuvwxyz"
KEY_B = "master-key-B-0123456789abcdefghijklmnopqrstuvwxyz"
KEY_C = "master-key-C-0123456789abcdefghijklmnopqrstuvwxyz"
NARRATIVE = SealedRecord.Kind.NARRATIVE


@pytest.fixture
def master(settings, monkeypatch):
    """use(current, *old): the master key in settings, and retired ones in the environment."""
    monkeypatch.delenv("GOODCATCH_OLD_MASTER_KEYS", raising=False)

    def use(current: str, *old: str) -> None:
        settings.MASTER_KEY = current
        monkeypatch.setenv("GOODCATCH_OLD_MASTER_KEYS", ",".join(old))

    use(KEY_A)
    return use


def opened(organisation_id: int, subject: str) -> str:
    return open_sealed(organisation_id, subject, NARRATIVE, field="what_happened", actor="tester", purpose="test")


@pytest.fixture
def sealed_under_a(db, master):
    seal(11, "report:1", NARRATIVE, "first organisation's original", field="what_happened")
    seal(22, "report:2", NARRATIVE, "second organisation's original", field="what_happened")


def test_rotating_moves_every_data_key_to_the_new_master_key(sealed_under_a, master):
    master(KEY_B, KEY_A)
    result = rotate_keys()
    assert (result.organisations, result.rewrapped, result.already_current) == (2, 2, 0)
    assert set(DataKey.objects.values_list("master_key_id", flat=True)) == {keys.master_key_id(KEY_B)}
    assert all(row.rewrapped_at for row in DataKey.objects.all())
    master(KEY_B)  # the old key is gone
    assert opened(11, "report:1") == "first organisation's original"
    assert opened(22, "report:2") == "second organisation's original"


def test_without_rotation_removing_the_old_key_fails_clearly_and_is_audited(sealed_under_a, master):
    master(KEY_B)
    with pytest.raises(keys.SealError, match=rf"No configured master key has id {keys.master_key_id(KEY_A)}\. "
                                             "Set GOODCATCH_OLD_MASTER_KEYS"):
        opened(11, "report:1")
    failure = AuditEntry.objects.get(action="sealed.open_failed")
    assert "No configured master key" in failure.detail["error"]


def test_the_old_key_keeps_working_until_rotation(sealed_under_a, master):
    master(KEY_B, KEY_A)
    assert opened(11, "report:1") == "first organisation's original"


def test_rotating_again_changes_nothing(sealed_under_a, master):
    master(KEY_B, KEY_A)
    rotate_keys()
    before = {row.pk: bytes(row.wrapped_key) for row in DataKey.objects.all()}
    again = rotate_keys()
    assert (again.rewrapped, again.already_current, again.new_data_keys) == (0, 2, 0)
    assert {row.pk: bytes(row.wrapped_key) for row in DataKey.objects.all()} == before


def test_rotation_can_pass_through_several_master_keys(sealed_under_a, master):
    master(KEY_B, KEY_A)
    rotate_keys()
    master(KEY_C, KEY_B)
    assert rotate_keys().rewrapped == 2
    master(KEY_C)
    assert opened(22, "report:2") == "second organisation's original"


def test_new_data_keys_seal_future_records_while_old_records_keep_their_version(sealed_under_a, master):
    master(KEY_B, KEY_A)
    result = rotate_keys(new_data_keys=True)
    assert result.new_data_keys == 2
    assert sorted(DataKey.objects.filter(organisation_id=11).values_list("version", flat=True)) == [1, 2]
    new = seal(11, "report:3", NARRATIVE, "sealed after rotation", field="what_happened")
    assert new.key_version == 2
    master(KEY_B)
    assert opened(11, "report:1") == "first organisation's original"
    assert opened(11, "report:3") == "sealed after rotation"
    assert SealedRecord.objects.get(organisation_id=11, subject="report:1").key_version == 1


def test_an_unused_new_data_key_is_not_replaced_by_another(sealed_under_a, master):
    rotate_keys(new_data_keys=True)
    assert rotate_keys(new_data_keys=True).new_data_keys == 0
    seal(11, "report:3", NARRATIVE, "uses version 2", field="what_happened")
    assert rotate_keys(new_data_keys=True).new_data_keys == 1  # only organisation 11 used its new key
    assert DataKey.objects.filter(organisation_id=11).count() == 3
    assert DataKey.objects.filter(organisation_id=22).count() == 2


def test_rotation_is_audited_with_counts_and_no_key_material(sealed_under_a, master):
    master(KEY_B, KEY_A)
    rotate_keys(new_data_keys=True)
    entry = AuditEntry.objects.get(action="keys.rotate")
    assert entry.detail == {
        "organisations": 2, "rewrapped": 2, "already_current": 0, "new_data_keys": 2,
        "master_key_id": keys.master_key_id(KEY_B), "from_master_key_ids": [keys.master_key_id(KEY_A)],
    }
    text = json.dumps(entry.detail)
    assert KEY_A not in text and KEY_B not in text


def test_a_damaged_data_key_stops_the_whole_rotation(sealed_under_a, master):
    row = DataKey.objects.get(organisation_id=22)
    damaged = bytearray(row.wrapped_key)
    damaged[-1] ^= 0x01
    DataKey.objects.filter(pk=row.pk).update(wrapped_key=bytes(damaged))
    master(KEY_B, KEY_A)
    with pytest.raises(keys.SealError, match="Data key version 1 of organisation 22 could not be unwrapped, so nothing "
                                             "was rotated: The data key failed its integrity check"):
        rotate_keys()
    assert DataKey.objects.get(organisation_id=11).master_key_id == keys.master_key_id(KEY_A)
    assert not AuditEntry.objects.filter(action="keys.rotate").exists()


def test_the_command_reports_what_it_did(sealed_under_a, master):
    master(KEY_B, KEY_A)
    out = StringIO()
    call_command("rotate_keys", "--new-data-keys", stdout=out)
    assert out.getvalue() == (f"OK: 2 organisations; 2 data keys rewrapped, 0 already under master key "
                              f"{keys.master_key_id(KEY_B)}; 2 new data keys.\n")
    assert AuditEntry.objects.get(action="keys.rotate").actor_label == "system:rotate_keys"


def test_the_command_fails_clearly_when_an_old_key_is_missing(sealed_under_a, master):
    master(KEY_B)
    with pytest.raises(CommandError, match="could not be unwrapped, so nothing was rotated: No configured master key"):
        call_command("rotate_keys", stdout=StringIO())


def test_rotating_with_no_data_keys_yet_is_fine(db, master):
    result = rotate_keys()
    assert (result.organisations, result.rewrapped) == (0, 0)
