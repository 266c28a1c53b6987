"""The append-only, hash-chained audit log. Services call `audit()` explicitly; nothing writes
here from signals."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from protection.models import AuditEntry

GENESIS = "0" * 64


def _iso(at: datetime) -> str:
    return at.astimezone(dt_timezone.utc).isoformat()


def _entry_hash(prev_hash: str, at: str, actor_id: int | None, actor_label: str, action: str,
                organisation_id: int | None, subject: str, detail: dict[str, Any]) -> str:
    payload = json.dumps(
        [prev_hash, at, actor_id, actor_label, action, organisation_id, subject, detail],
        sort_keys=True, separators=(",", ":"), ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def audit(action: str, *, actor: Any = None, organisation_id: int | None = None, subject: str = "",
          detail: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry. A concurrent append that forks the chain fails its unique prev_hash and retries."""
    detail = detail or {}
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    actor_label = getattr(actor, "get_username", lambda: "")() if actor_id else (actor if isinstance(actor, str) else "")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = AuditEntry.objects.select_for_update().order_by("-pk").first()
                prev_hash = last.entry_hash if last else GENESIS
                at = timezone.now().replace(microsecond=0)
                # Round-trip through JSON so the hash is computed on what the database gives back.
                clean_detail = json.loads(json.dumps(detail, default=str))
                entry_hash = _entry_hash(prev_hash, _iso(at), actor_id, actor_label, action,
                                         organisation_id, subject, clean_detail)
                return AuditEntry.objects.create(
                    at=at, actor_id=actor_id, actor_label=actor_label, action=action,
                    organisation_id=organisation_id, subject=subject, detail=clean_detail,
                    prev_hash=prev_hash, entry_hash=entry_hash,
                )
        except IntegrityError:
            continue
    raise RuntimeError("Could not append to the audit log after 5 attempts")


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
        expected = _entry_hash(entry.prev_hash, _iso(entry.at), entry.actor_id, entry.actor_label, entry.action, entry.organisation_id,
                               entry.subject, entry.detail)
        if expected != entry.entry_hash:
            return ChainCheck(False, checked, entry.pk, "its contents do not match its hash")
        prev_hash = entry.entry_hash
        checked += 1
    return ChainCheck(True, checked)
