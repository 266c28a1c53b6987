"""The append-only, hash-chained audit log. Services call `audit()` explicitly; nothing writes
here from signals."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from protection.days import day_only
from protection.models import AuditEntry

GENESIS = "0" * 64


def _max_length(name: str) -> int:
    return int(getattr(AuditEntry._meta.get_field(name), "max_length", 0) or 0)


_LABEL_MAX = _max_length("actor_label")


def _text(value: str) -> str:
    # PostgreSQL refuses NUL and unpaired surrogates in text and jsonb, where SQLite stores them;
    # replace them so that an entry is written, and hashed, the same way on both.
    return value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")


def _canonical(value: Any) -> Any:
    """The form of `detail` that every database gives back unchanged.

    jsonb keeps numbers as decimals: it turns 1e16 into 10000000000000000 (an int when read back)
    and -0.0 into 0.0, and rejects NaN and Infinity. So integral floats become ints and non-finite
    ones become strings; other floats survive both databases exactly.
    """
    if isinstance(value, dict):
        return {_text(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        return _text(value)
    return value


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def _entry_hash(prev_hash: str, at: str, actor_id: int | None, actor_label: str, action: str,
                organisation_id: int | None, subject: str, detail: dict[str, Any]) -> str:
    payload = json.dumps(
        [prev_hash, at, actor_id, actor_label, action, organisation_id, subject, detail],
        sort_keys=True, separators=(",", ":"), ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def audit(action: str, *, actor: Any = None, organisation_id: int | None = None, subject: str = "",
          detail: dict[str, Any] | None = None, to_the_day: bool = False) -> AuditEntry:
    """Append one entry. A concurrent append that forks the chain fails its unique prev_hash and retries.

    `to_the_day` records only the day, for an entry written the moment a reporter sends something:
    its time would date an anonymous report (ADR 0003)."""
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    if actor_id:
        actor_label = getattr(actor, "get_username", lambda: "")()
    else:
        actor_label = actor if isinstance(actor, str) else ""
    actor_label = _text(actor_label)[:_LABEL_MAX]
    action, subject = _text(action), _text(subject)
    for name, value in (("action", action), ("subject", subject)):
        limit = _max_length(name)
        if len(value) > limit:  # SQLite would store it and PostgreSQL refuse it: refuse it on both
            raise ValueError(f"An audit {name} is at most {limit} characters, got {len(value)}")
    # Round-trip through JSON, then canonicalise, so the hash is computed on what the database gives back.
    clean_detail = _canonical(json.loads(json.dumps(detail or {}, default=str)))
    last_error: IntegrityError | None = None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = AuditEntry.objects.select_for_update().order_by("-pk").first()
                prev_hash = last.entry_hash if last else GENESIS
                # Whole seconds: every database stores them exactly.
                at = timezone.now().replace(microsecond=0)
                if to_the_day:
                    at = day_only(at)
                entry_hash = _entry_hash(prev_hash, _iso(at), actor_id, actor_label, action,
                                         organisation_id, subject, clean_detail)
                return AuditEntry.objects.create(
                    at=at, actor_id=actor_id, actor_label=actor_label, action=action,
                    organisation_id=organisation_id, subject=subject, detail=clean_detail,
                    prev_hash=prev_hash, entry_hash=entry_hash,
                )
        except IntegrityError as exc:
            last_error = exc
    raise RuntimeError("Could not append to the audit log after 5 attempts") from last_error


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


def verify_chain() -> ChainCheck:
    prev_hash = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        if entry.prev_hash != prev_hash:
            return ChainCheck(False, checked, entry.pk, "its previous-hash does not match the row before it")
        expected = _entry_hash(entry.prev_hash, _iso(entry.at), entry.actor_id, entry.actor_label, entry.action,
                               entry.organisation_id, entry.subject, entry.detail)
        if expected != entry.entry_hash:
            return ChainCheck(False, checked, entry.pk, "its contents do not match its hash")
        prev_hash = entry.entry_hash
        checked += 1
    return ChainCheck(True, checked)
