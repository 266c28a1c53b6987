"""Sealing and opening original text and identities. The only door to sealed data."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from protection import keys
from protection.audit import audit
from protection.models import DataKey, PlaceholderDigest, SealedRecord

SealError = keys.SealError


class SealedDataGone(Exception):
    """The sealed record was destroyed under the retention policy."""


def _aad(organisation_id: int, subject: str, kind: str, field: str) -> bytes:
    # Binding the ciphertext to its row stops a sealed value being moved to another report.
    return f"{organisation_id}|{subject}|{kind}|{field}".encode()


def _key_aad(organisation_id: int, version: int) -> bytes:
    return f"datakey|{organisation_id}|{version}".encode()


def _current_data_key(organisation_id: int) -> tuple[int, bytes]:
    row = DataKey.objects.filter(organisation_id=organisation_id).order_by("-version").first()
    if row is None:
        data_key = os.urandom(32)
        wrapped, key_id = keys.wrap(data_key, _key_aad(organisation_id, 1))
        try:
            with transaction.atomic():
                DataKey.objects.create(organisation_id=organisation_id, version=1, wrapped_key=wrapped, master_key_id=key_id)
            return 1, data_key
        except IntegrityError:
            row = DataKey.objects.get(organisation_id=organisation_id, version=1)
    return row.version, keys.unwrap(bytes(row.wrapped_key), _key_aad(organisation_id, row.version), row.master_key_id)


def _data_key(organisation_id: int, version: int) -> bytes:
    row = DataKey.objects.get(organisation_id=organisation_id, version=version)
    return keys.unwrap(bytes(row.wrapped_key), _key_aad(organisation_id, version), row.master_key_id)


def digest_key(organisation_id: int, version: int | None = None) -> tuple[int, bytes]:
    """A per-organisation secret for keyed hashes (HMAC) of personal data: (data-key version, key).

    Derived from the organisation's data key (its current one unless `version` is given), so it is
    never stored and is as safe as the sealed records themselves.
    """
    if version is None:
        version, data_key = _current_data_key(organisation_id)
    else:
        data_key = _data_key(organisation_id, version)
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"goodcatch-digest-v1",
                   info=b"placeholder digests").derive(data_key)
    return version, derived


@dataclass(frozen=True)
class SealingKey:
    """An organisation's current data key, unwrapped. Taken before a write transaction (`sealing_key`),
    so that the transaction only encrypts, which takes microseconds, and inserts (`seal_new`)."""

    organisation_id: int
    version: int
    data_key: bytes = dataclass_field(repr=False)

    def encrypt(self, subject: str, kind: str, field: str, plaintext: str) -> dict[str, Any]:
        nonce, ciphertext = keys.encrypt(self.data_key, plaintext.encode(), _aad(self.organisation_id, subject, kind, field))
        return {"key_version": self.version, "nonce": nonce, "ciphertext": ciphertext}


def sealing_key(organisation_id: int) -> SealingKey:
    """The organisation's current data key, for sealing a new report's values. Read afresh every time
    (a rotation may have just added a version, or a restore taken one away), but in plain SQL: on every
    anonymous submission's path, the ORM spent about ten times longer building this query (~230 µs)
    than SQLite took to answer it (~20 µs)."""
    meta, quote = DataKey._meta, connection.ops.quote_name
    version, wrapped, key_id, organisation = (quote(meta.get_field(name).column) for name in (
        "version", "wrapped_key", "master_key_id", "organisation_id"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {version}, {wrapped}, {key_id} FROM {quote(meta.db_table)} "  # noqa: S608 (names only)
                       f"WHERE {organisation} = %s ORDER BY {version} DESC LIMIT 1", [organisation_id])
        row = cursor.fetchone()
    if row is None:  # the organisation's first seal: make its key
        return SealingKey(organisation_id, *_current_data_key(organisation_id))
    version, wrapped, key_id = row
    return SealingKey(organisation_id, version, keys.unwrap(bytes(wrapped), _key_aad(organisation_id, version), key_id))


def seal(organisation_id: int, subject: str, kind: str, plaintext: str, *, field: str = "") -> SealedRecord:
    """Seal one value, replacing any earlier one of the same subject, kind and field."""
    sealed = sealing_key(organisation_id).encrypt(subject, kind, field, plaintext)
    record, _ = SealedRecord.objects.update_or_create(
        organisation_id=organisation_id, subject=subject, kind=kind, field=field,
        defaults={**sealed, "destroyed_at": None},
    )
    return record


def seal_new(key: SealingKey, subject: str, values: Iterable[tuple[str, str, str]]) -> list[SealedRecord]:
    """Seal the values of a new subject in one insert, each given as (kind, field, plaintext).
    A value already sealed is an IntegrityError: `seal` replaces one."""
    return SealedRecord.objects.bulk_create([
        SealedRecord(organisation_id=key.organisation_id, subject=subject, kind=kind, field=field,
                     **key.encrypt(subject, kind, field, plaintext))
        for kind, field, plaintext in values])


def _decrypt(record: SealedRecord) -> str:
    if record.destroyed_at is not None or record.ciphertext is None:
        raise SealedDataGone(f"{record.subject} {record.kind} was destroyed on {record.destroyed_at:%d %B %Y}")
    data_key = _data_key(record.organisation_id, record.key_version)
    aad = _aad(record.organisation_id, record.subject, record.kind, record.field)
    return keys.decrypt(data_key, bytes(record.nonce), bytes(record.ciphertext), aad).decode()


def open_sealed(organisation_id: int, subject: str, kind: str, *, field: str = "", actor: Any, purpose: str,
                detail: dict[str, Any] | None = None) -> str:
    """Decrypt one sealed value. Every open, and every failed open, is audited."""
    record = SealedRecord.objects.get(organisation_id=organisation_id, subject=subject, kind=kind, field=field)
    base = {"kind": kind, "field": field, "purpose": purpose, **(detail or {})}
    try:
        value = _decrypt(record)
    except SealError as exc:
        audit("sealed.open_failed", actor=actor, organisation_id=organisation_id, subject=subject,
              detail={**base, "error": str(exc)})
        raise
    audit("sealed.open", actor=actor, organisation_id=organisation_id, subject=subject, detail=base)
    return value


def open_sealed_of_kind(organisation_id: int, kind: str, *, actor: Any, purpose: str) -> dict[str, str]:
    """Decrypt every live value of one kind in an organisation, by subject, for an aggregate that no
    one sees value by value (equality monitoring). One audit entry records the whole read and how many."""
    records = SealedRecord.objects.filter(organisation_id=organisation_id, kind=kind, field="", destroyed_at__isnull=True)
    values = {record.subject: _decrypt(record) for record in records.order_by("pk")}
    audit("sealed.open", actor=actor, organisation_id=organisation_id,
          detail={"kind": kind, "field": "", "purpose": purpose, "records": len(values)})
    return values


def erase(organisation_id: int, subject: str, kind: str, *, actor: Any, reason: str) -> int:
    """Delete a subject's sealed values of one kind outright, row and all: for data its owner gave
    voluntarily and takes back, where even the record that it existed should go. The audit entry
    says only that it was erased."""
    count, _ = SealedRecord.objects.filter(organisation_id=organisation_id, subject=subject, kind=kind).delete()
    if count:
        audit("sealed.erase", actor=actor, organisation_id=organisation_id, subject=subject,
              detail={"kind": kind, "reason": reason, "records": count})
    return count


def read_sealed_for_processing(organisation_id: int, subject: str, *, purpose: str) -> dict[str, str]:
    """All live narrative fields of a subject, for the system's own de-identification task."""
    values: dict[str, str] = {}
    # In the order they were sealed, which is the form's: placeholders are numbered in reading order.
    records = SealedRecord.objects.filter(organisation_id=organisation_id, subject=subject,
                                          kind=SealedRecord.Kind.NARRATIVE, destroyed_at__isnull=True).order_by("pk")
    for record in records:
        values[record.field] = _decrypt(record)
    # The system reads a report the moment it arrives, so this entry keeps the day only.
    audit("sealed.process", actor="system", organisation_id=organisation_id, subject=subject,
          detail={"purpose": purpose, "fields": sorted(values)}, to_the_day=True)
    return values


def schedule_destruction(organisation_id: int, subject: str, kind: str, when: datetime) -> int:
    return SealedRecord.objects.filter(organisation_id=organisation_id, subject=subject, kind=kind,
                                       destroyed_at__isnull=True).update(destroy_after=when)


def destroy(organisation_id: int, subject: str, kind: str, *, reason: str) -> int:
    """Overwrite and drop the ciphertext; the row stays so that the destruction itself is on record."""
    records = SealedRecord.objects.filter(organisation_id=organisation_id, subject=subject, kind=kind)
    return _destroy(records, organisation_id, subject, detail={"kind": kind, "reason": reason})


def _destroy(records, organisation_id: int, subject: str, *, detail: dict[str, Any], now: datetime | None = None) -> int:
    count = records.filter(destroyed_at__isnull=True).update(ciphertext=None, nonce=b"", destroyed_at=now or timezone.now())
    if count:
        audit("sealed.destroy", actor="system", organisation_id=organisation_id, subject=subject,
              detail={**detail, "records": count})
    return count


def destroy_due(now: datetime | None = None) -> int:
    """Destroy every sealed record whose retention date has passed, one audit entry per subject, and
    forget the placeholder hashes whose originals have all gone."""
    now = now or timezone.now()
    PlaceholderDigest.objects.filter(forget_after__lte=now).delete()
    due = SealedRecord.objects.filter(destroy_after__lte=now, destroyed_at__isnull=True)
    by_subject: dict[tuple[int, str], list[int]] = {}
    for pk, organisation_id, subject in due.values_list("pk", "organisation_id", "subject"):
        by_subject.setdefault((organisation_id, subject), []).append(pk)
    destroyed = 0
    for (organisation_id, subject), pks in by_subject.items():
        destroyed += _destroy(SealedRecord.objects.filter(pk__in=pks), organisation_id, subject,
                              detail={"reason": "retention period ended"}, now=now)
    return destroyed
