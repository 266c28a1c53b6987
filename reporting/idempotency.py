"""Idempotency keys for submitting a report, as payment APIs use them (ADR 0009).

A key is bound to its answers: the same key with the same answers is a resend and gets the first
receipt code back, for at least 24 hours and across restarts; the same key with other answers is
refused (`IdempotencyKeyReused`), never answered with another report's code. The report form and the
API share this through `reporting.services.submit_report`.

What is stored (`IdempotencyKey`) is keyed hashes and a sealed code only. The code is encrypted
under a key derived from the sender's Idempotency-Key, which is never stored, and the server's
receipt secret: the database and the secrets together cannot give it back without the sender.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils import timezone

from protection.days import day_only
from reporting import receipts
from reporting.models import IdempotencyKey, Report

if TYPE_CHECKING:
    from reporting.services import ReportSubmission

KEPT_FOR = timedelta(hours=24)


class IdempotencyKeyReused(Exception):
    """The Idempotency-Key was already used for a report with different answers."""


@dataclass(frozen=True)
class Claim:
    """A submission's key, hashed and bound to its answers. The key itself stays in memory only."""

    key: str
    key_hash: str
    answers_hash: str


@dataclass(frozen=True)
class Replay:
    report: Report
    receipt_code: str | None  # None only when the code cannot be unsealed (the receipt secret changed)


def canonical_answers(submission: ReportSubmission, confidentiality: str) -> bytes:
    """The validated answers as one byte string, the same whichever door they came through. The
    reporter's account is left out: a hash that took it in could be matched against every user."""
    answers = {**asdict(submission), "confidentiality": confidentiality, "agencies": sorted(set(submission.agencies))}
    for name in ("reporter_group", "contact"):  # easy-read only: staff answers hash as they always did
        if not answers[name]:
            del answers[name]
    return json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def claim(organisation_id: int, key: str, answers: bytes) -> Claim:
    key_hash = receipts.keyed_hash("idempotency keys", f"{organisation_id}\x00{key}".encode())
    # Bound to the key's hash, so the same answers under two keys give two unrelated hashes.
    answers_hash = receipts.keyed_hash("idempotency answers", key_hash.encode() + b"\x00" + answers)
    return Claim(key=key, key_hash=key_hash, answers_hash=answers_hash)


def _cipher(claim: Claim) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=receipts.secret_for("receipt replay"),
                   info=b"goodcatch receipt replay v2").derive(claim.key.encode())
    return AESGCM(derived)


def seal_receipt(claim: Claim, code: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + _cipher(claim).encrypt(nonce, code.encode(), claim.key_hash.encode())


def _open_receipt(claim: Claim, sealed: bytes) -> str | None:
    try:
        return _cipher(claim).decrypt(sealed[:12], sealed[12:], claim.key_hash.encode()).decode()
    except InvalidTag:
        return None


def forget_after(now: datetime) -> datetime:
    """The first midnight at least 24 hours away: a day, never the minute a report was sent (ADR 0003)."""
    return day_only(now + KEPT_FOR) + timedelta(days=1)


def remember(claim: Claim, report: Report, sealed_receipt: bytes, *, now: datetime | None = None) -> None:
    """Inside the report's transaction: its key is taken exactly when the report is stored."""
    IdempotencyKey.objects.create(key_hash=claim.key_hash, answers_hash=claim.answers_hash, report=report,
                                  sealed_receipt=sealed_receipt, forget_after=forget_after(now or timezone.now()))


def replay(claim: Claim) -> Replay | None:
    """The report this key already made, with its receipt code; None if the key is new (or forgotten).
    Raises IdempotencyKeyReused when the key came with other answers."""
    # Called only once the key's insert was refused (reporting.services.submit_report): a resend.
    earlier = IdempotencyKey.objects.filter(key_hash=claim.key_hash).first()
    if earlier is None:
        return None
    if earlier.forget_after <= timezone.now():
        # Due to be forgotten and not yet swept: the key is free again, as it will be after the sweep.
        IdempotencyKey.objects.filter(pk=earlier.pk).delete()
        return None
    if earlier.answers_hash != claim.answers_hash:
        raise IdempotencyKeyReused
    report = Report.objects.select_related("organisation").get(pk=earlier.report_id)
    return Replay(report, _open_receipt(claim, bytes(earlier.sealed_receipt)))


def forget_expired(now: datetime | None = None) -> int:
    """Periodic: destroy every key whose time is up, with its sealed receipt code."""
    deleted, _by_model = IdempotencyKey.objects.filter(forget_after__lte=now or timezone.now()).delete()
    return deleted
