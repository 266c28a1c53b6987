"""The national hub's feeds: what a sending instance keeps (its outbox and cursor) and what the hub
keeps (the senders' public keys, and which hub-side organisation stands for each sending organisation).

Both sides run the same code, so both sets of tables exist everywhere; each side uses its own."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class FeedItem(models.Model):
    """Sender side: a shared report changed (cleared, edited or withdrawn) and the hub must hear of it.

    The item names the report, not its content: what is sent is the report's state when the batch
    goes, so a report cleared and then withdrawn before the hub was reachable arrives withdrawn.
    An item is done when the hub has acknowledged it (`acknowledged_at`)."""

    shared_report = models.ForeignKey("sharing.SharedReport", on_delete=models.CASCADE, related_name="+")
    withdrawn = models.BooleanField(default=False)  # the state noted, so the sweep can tell what is missing
    noted_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["acknowledged_at", "id"], name="feed_item_pending"),
                   models.Index(fields=["shared_report", "withdrawn"], name="feed_item_by_report")]

    def __str__(self) -> str:
        return f"feed item {self.pk}"


class FeedCursor(models.Model):
    """Sender side: how far the hub at `hub_url` has acknowledged this instance's feed, and when to try
    again after a failure (exponential backoff). One row per hub."""

    hub_url = models.CharField(max_length=300, unique=True)
    last_acknowledged_item = models.PositiveBigIntegerField(default=0)
    acknowledged_count = models.PositiveBigIntegerField(default=0)
    last_acknowledged_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)  # in a row; 0 after any success
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    # The coded aggregates the hub last acknowledged, as a hash: they are sent again only when they change.
    aggregates_sha256 = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"feed cursor for {self.hub_url}"


class HubSenderKey(models.Model):
    """Hub side: the public key of a sending instance. An instance may hold several (a new key while
    the old one is still in use); a revoked key is refused, and the refusal is audited."""

    instance = models.CharField(max_length=50)
    key_id = models.CharField(max_length=32, unique=True)  # sha256 of the raw public key, 16 bytes in hex
    public_key = models.CharField(max_length=64)  # the raw Ed25519 public key, base64
    added_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["instance"])]

    def __str__(self) -> str:
        return f"{self.instance} key {self.key_id}"


class HubOrganisation(models.Model):
    """Hub side: the hub's own organisation standing for organisation `remote_slug` of instance
    `origin`, made on first sight. The mapping (not a slug convention) decides, so two senders whose
    names and slugs happen to join up alike never share an organisation."""

    origin = models.CharField(max_length=50)
    remote_slug = models.CharField(max_length=50)
    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    first_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["origin", "remote_slug"], name="hub_organisation_once")]

    def __str__(self) -> str:
        return f"{self.origin}/{self.remote_slug}"


class HubAggregate(models.Model):
    """Hub side: how many of a sending organisation's coded reports (cleared or not) had a contributing
    factor, per quarter. The sender sends the whole set for an organisation; the hub replaces its rows."""

    origin = models.CharField(max_length=50)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)  # "2026-Q3"
    factor_code = models.CharField(max_length=100)
    reports = models.PositiveIntegerField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "period", "factor_code"],
                                               name="hub_aggregate_once")]
        indexes = [models.Index(fields=["period", "factor_code"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.period} {self.factor_code}"
