"""The national hub's side of the feeds (GOODCATCH_MODE=hub): who may send, checking a signed request,
and storing what arrives, once.

A received report becomes a SharedReport with `origin` set to the sending instance and its
organisation a hub-side one standing for the sender's (HubOrganisation), so the hub's open data,
partnership views and library read it like a local one. (origin, public_id) is its identity: a
replayed or resent feed finds the row and stores nothing new.

Coded aggregates (reports per quarter and contributing factor) arrive beside them and replace, per
sending organisation, what the hub held (HubAggregate).

Each received report is also a report of the hub's national organisation (sharing.national), which the
hub's search, themes, spikes, dashboards and bulletins read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisations import services as organisations
from protection.audit import audit
from reporting import services as reporting
from sharing import feed_signing as signing
from sharing import national
from sharing.models import HubAggregate, HubOrganisation, HubSenderKey, SharedReport

INSTANCE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")
# The fields a feed item may set on the hub's copy; everything else (ids, people, exact times) is the hub's own.
CONTENT_FIELDS = ("kind", "service_area", "stage", "agencies", "period", "potential_harm", "what_happened",
                  "potential_harm_text", "how_noticed", "what_would_help", "factor_codes", "error_types",
                  "risk_band", "actual_harm", "themes")
TEXT_FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")


def is_hub() -> bool:
    return settings.GOODCATCH_MODE == "hub"


# Senders: the hub operator registers each instance's public key, and revokes it.

class SenderError(ValueError):
    """A sender cannot be added or revoked as asked; the message says why."""


def add_sender(instance: str, public_key: str) -> HubSenderKey:
    if not INSTANCE_NAME.match(instance):
        raise SenderError("An instance name is lower-case letters, digits and hyphens, at most 50, "
                          f"starting with a letter or digit: {instance!r} is not")
    try:
        key = signing.parse_public_key(public_key)
    except signing.BadPublicKey as error:
        raise SenderError(str(error)) from None
    key_id = signing.key_id(key)
    existing = HubSenderKey.objects.filter(key_id=key_id).first()
    if existing is not None:
        raise SenderError(f"This key ({key_id}) is already registered, for {existing.instance}"
                          + (", and was revoked: make a new key" if existing.revoked_at else ""))
    sender = HubSenderKey.objects.create(instance=instance, key_id=key_id, public_key=signing.public_key_text(key))
    audit("sharing.sender_add", actor="system", subject=f"hubkey:{sender.pk}",
          detail={"instance": instance, "key_id": key_id})
    return sender


def revoke_senders(*, instance: str = "", key_id: str = "") -> list[HubSenderKey]:
    """Revoke every key of `instance`, or the one key `key_id`; returns those revoked now."""
    keys = HubSenderKey.objects.filter(revoked_at__isnull=True)
    if key_id:
        keys = keys.filter(key_id=key_id)
    elif instance:
        keys = keys.filter(instance=instance)
    else:
        raise SenderError("Say which instance or which key to revoke")
    revoked = list(keys)
    now = timezone.now()
    for key in revoked:
        HubSenderKey.objects.filter(pk=key.pk).update(revoked_at=now)
        key.revoked_at = now
        audit("sharing.sender_revoke", actor="system", subject=f"hubkey:{key.pk}",
              detail={"instance": key.instance, "key_id": key.key_id})
    return revoked


def senders() -> list[HubSenderKey]:
    return list(HubSenderKey.objects.order_by("instance", "added_at", "pk"))


# Checking a request.

class FeedRefused(Exception):
    """The request is not from a registered, current key, or not now; nothing of it was read."""

    def __init__(self, reason: str, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.reason, self.message, self.status = reason, message, status


def check_signed(*, method: str, path: str, headers, body: bytes, now: datetime | None = None) -> HubSenderKey:
    """The sender's key, when the request is signed by a registered, unrevoked key within the clock
    window; else FeedRefused, and the refusal is audited (hub-wide, at most once a minute per reason
    and key, so a flood of bad requests cannot flood the audit log)."""
    instance = (headers.get(signing.INSTANCE_HEADER) or "")[:50]
    key_id = (headers.get(signing.KEY_ID_HEADER) or "")[:32]
    timestamp = (headers.get(signing.TIMESTAMP_HEADER) or "")[:20]
    signature = (headers.get(signing.SIGNATURE_HEADER) or "")[:200]
    try:
        if not (instance and key_id and timestamp and signature):
            raise FeedRefused("unsigned", "A feed must be signed: send the instance, key id, timestamp and "
                                          "signature headers")
        key = HubSenderKey.objects.filter(key_id=key_id, instance=instance).first()
        if key is None:
            raise FeedRefused("unknown_key", f"No key {key_id} is registered for instance {instance} at this hub")
        if not signing.verify(signing.parse_public_key(key.public_key), signature, method=method, path=path,
                              timestamp=timestamp, body=body):
            raise FeedRefused("bad_signature", "The signature does not match this request and key")
        if key.revoked_at is not None:
            raise FeedRefused("revoked_key", f"Key {key_id} of instance {instance} has been revoked at this hub",
                              status=403)
        now = now or timezone.now()
        skew = settings.GOODCATCH_HUB_CLOCK_SKEW_SECONDS
        if not timestamp.isdigit() or abs(now.timestamp() - int(timestamp)) > skew:
            raise FeedRefused("stale_timestamp", f"The request's timestamp is more than {skew} seconds from the "
                                                 f"hub's clock: check the sender's clock, then send again")
    except FeedRefused as refused:
        _audit_refusal(refused.reason, instance, key_id)
        raise
    return key


def _audit_refusal(reason: str, instance: str, key_id: str) -> None:
    if cache.add(f"sharing:feed-refused:{reason}:{instance}:{key_id}", 1, timeout=60):
        audit("sharing.feed_refused", actor="system", detail={"instance": instance, "key_id": key_id, "reason": reason})


# Storing what arrives.

@dataclass
class FeedReceipt:
    results: list[dict] = field(default_factory=list)  # per public_id: what the hub did with it

    def count(self, result: str) -> int:
        return sum(1 for entry in self.results if entry["result"] == result)


def receive(key: HubSenderKey, items: list[dict], *, now: datetime | None = None) -> FeedReceipt:
    """Store, update or withdraw each item, once; return what was done with each, so the sender can
    move its cursor. An item the hub refuses (its public id belongs to another origin) is still
    answered: resending would not change the answer."""
    now = now or timezone.now()
    receipt = FeedReceipt()
    latest = {item["public_id"]: item for item in items}  # a report twice in one feed: its last state
    with reporting.confirmations_together():  # one embedding and one indexing task for the whole feed
        for public_id, item in latest.items():
            receipt.results.append({"public_id": public_id, **_receive_one(key.instance, item, now)})
    audit("sharing.feed_received", actor="system", detail={
        "instance": key.instance, "key_id": key.key_id, "items": len(latest),
        **{result: receipt.count(result) for result in ("stored", "updated", "withdrawn", "unchanged", "refused")}})
    return receipt


def _receive_one(origin: str, item: dict, now: datetime) -> dict:
    try:
        return _receive_in_transaction(origin, item, now)
    except IntegrityError:
        # The same report or organisation from two requests at once: the other made it, so looking
        # again finds it. A second failure is a real fault: the request fails and the sender retries.
        return _receive_in_transaction(origin, item, now)


@transaction.atomic
def _receive_in_transaction(origin: str, item: dict, now: datetime) -> dict:
    existing = SharedReport.objects.select_for_update().filter(origin=origin, public_id=item["public_id"]).first()
    if existing is None and SharedReport.objects.filter(public_id=item["public_id"]).exists():
        return {"result": "refused", "reason": "public_id_taken"}
    organisation = _organisation_for(origin, item["organisation"])
    return _store(origin, organisation, existing, item, now)


def _store(origin: str, organisation, existing: SharedReport | None, item: dict, now: datetime) -> dict:
    withdrawn = bool(item.get("withdrawn"))
    content = {name: item[name] for name in CONTENT_FIELDS if name in item}
    if withdrawn:
        # A withdrawn report is no longer the sender's to share: the hub keeps that it existed, not its text.
        content.update(dict.fromkeys(TEXT_FIELDS, ""))
    if existing is None:
        created = SharedReport.objects.create(public_id=item["public_id"], origin=origin, organisation=organisation,
                                              cleared_at=now, withdrawn_at=now if withdrawn else None, **content)
        national.follow(created)
        return {"result": "stored"}
    changed = {name: value for name, value in content.items() if getattr(existing, name) != value}
    if existing.organisation_id != organisation.pk:
        changed["organisation"] = organisation
    if withdrawn and existing.withdrawn_at is None:
        changed["withdrawn_at"] = now
    elif not withdrawn and existing.withdrawn_at is not None:
        changed["withdrawn_at"] = None
    if not changed:
        return {"result": "unchanged"}
    for name, value in changed.items():
        setattr(existing, name, value)
    existing.save(update_fields=list(changed))
    national.follow(existing)
    return {"result": "withdrawn" if changed.get("withdrawn_at") else "updated"}


@transaction.atomic
def receive_aggregates(key: HubSenderKey, aggregates: list[dict], *, now: datetime | None = None) -> int:
    """Replace what the hub holds of each sending organisation's coded aggregates (reports per quarter
    and contributing factor) with what was sent; returns how many organisations' it took."""
    now = now or timezone.now()
    for entry in aggregates:
        organisation = _organisation_for(key.instance, entry["organisation"])
        HubAggregate.objects.filter(organisation=organisation).delete()
        counts: dict[tuple[str, str], int] = {}
        for row in entry["factors"]:
            counts[(row["period"], row["code"])] = counts.get((row["period"], row["code"]), 0) + row["reports"]
        HubAggregate.objects.bulk_create([
            HubAggregate(origin=key.instance, organisation=organisation, period=period, factor_code=code, reports=number,
                         received_at=now) for (period, code), number in sorted(counts.items())])
    if aggregates:
        audit("sharing.feed_received", actor="system", detail={
            "instance": key.instance, "key_id": key.key_id, "aggregates": len(aggregates)})
    return len(aggregates)


def _organisation_for(origin: str, sent: dict):
    """The hub's organisation for the sender's, made on first sight; its name, region and sector
    follow what the sender says now."""
    remote_slug = sent["slug"]
    mapping = HubOrganisation.objects.select_related("organisation").filter(origin=origin, remote_slug=remote_slug).first()
    details = {"name": sent.get("name", ""), "region": sent.get("region", ""), "sector": sent.get("sector", "")}
    if mapping is None:
        organisation = organisations.hub_organisation(None, slug=f"{origin}-{remote_slug}", **details)
        HubOrganisation.objects.create(origin=origin, remote_slug=remote_slug, organisation=organisation)
        return organisation
    current = mapping.organisation
    if (current.name, current.region, current.sector) != (details["name"], details["region"], details["sector"]):
        return organisations.hub_organisation(current.pk, slug=current.slug, **details)
    return current
