"""Master-key rotation: rewrap every organisation's data keys with the current master key, and
optionally start a new data-key version per organisation.

To rotate: set GOODCATCH_MASTER_KEY to the new key and GOODCATCH_OLD_MASTER_KEYS to the old one,
run `manage.py rotate_keys`, then remove the old key. Sealed records are never re-encrypted: data
keys are rewrapped, and a record keeps opening with the data-key version it was sealed under.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from protection import keys
from protection.audit import audit
from protection.models import DataKey, SealedRecord
from protection.services import _key_aad


@dataclass(frozen=True)
class RotationResult:
    organisations: int  # organisations that have data keys
    rewrapped: int  # data keys moved from a retired master key to the current one
    already_current: int  # data keys already wrapped by the current master key
    new_data_keys: int  # new data-key versions created
    master_key_id: str


def rotate_keys(*, new_data_keys: bool = False, actor: Any = "system") -> RotationResult:
    """Rewrap every data key with settings.MASTER_KEY; with `new_data_keys`, also give each
    organisation a new data-key version for future seals.

    All or nothing: a data key that no configured master key opens (it was altered, or its master
    key is not in GOODCATCH_OLD_MASTER_KEYS) stops the whole rotation with a SealError naming it.
    Running it again changes nothing: keys already under the current master key are left alone,
    and an organisation whose newest data key has sealed nothing yet does not get another.
    """
    current_id = keys.master_key_id(settings.MASTER_KEY)
    rewrapped = already_current = created = 0
    retired_ids: set[str] = set()
    with transaction.atomic():
        rows = list(DataKey.objects.select_for_update().order_by("organisation_id", "version"))
        for row in rows:
            aad = _key_aad(row.organisation_id, row.version)
            try:
                # Unwrap even keys that are already current, so that a damaged key is found now
                # rather than when someone next needs to open a record.
                data_key = keys.unwrap(bytes(row.wrapped_key), aad, row.master_key_id)
            except keys.SealError as exc:
                raise keys.SealError(f"Data key version {row.version} of organisation {row.organisation_id} "
                                     f"could not be unwrapped, so nothing was rotated: {exc}") from None
            if row.master_key_id == current_id:
                already_current += 1
                continue
            retired_ids.add(row.master_key_id)
            row.wrapped_key, row.master_key_id = keys.wrap(data_key, aad)
            row.rewrapped_at = timezone.now()
            row.save(update_fields=["wrapped_key", "master_key_id", "rewrapped_at"])
            rewrapped += 1
        newest: dict[int, int] = {}
        for row in rows:
            newest[row.organisation_id] = max(newest.get(row.organisation_id, 0), row.version)
        if new_data_keys:
            for organisation_id, version in newest.items():
                if not SealedRecord.objects.filter(organisation_id=organisation_id, key_version=version).exists():
                    continue  # the newest key is still unused: it is as fresh as a new one
                wrapped, key_id = keys.wrap(os.urandom(32), _key_aad(organisation_id, version + 1))
                DataKey.objects.create(organisation_id=organisation_id, version=version + 1, wrapped_key=wrapped,
                                       master_key_id=key_id)
                created += 1
        result = RotationResult(len(newest), rewrapped, already_current, created, current_id)
        audit("keys.rotate", actor=actor, detail={
            "organisations": result.organisations, "rewrapped": rewrapped, "already_current": already_current,
            "new_data_keys": created, "master_key_id": current_id, "from_master_key_ids": sorted(retired_ids),
        })
    return result
