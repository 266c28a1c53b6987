"""Sealed data, keys and the audit log. Protection sits at the bottom of the layering: it refers to
organisations and reports by id only, and imports no other context."""

from __future__ import annotations

from django.db import models

from protection.days import start_of_today


class DataKey(models.Model):
    """An organisation's data key, stored only wrapped by the master key (envelope encryption)."""

    organisation_id = models.BigIntegerField(db_index=True)
    version = models.PositiveIntegerField()
    wrapped_key = models.BinaryField()
    master_key_id = models.CharField(max_length=16)
    # The day only: an organisation's first key is made when its first report arrives.
    created_at = models.DateTimeField(default=start_of_today)
    rewrapped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation_id", "version"], name="one_data_key_version")]


# The kinds of sealed data, as plain strings for code that passes them around.
NARRATIVE_KIND = "narrative"
MESSAGE_KIND = "message"
IDENTITY_KIND = "identity"


class SealedRecord(models.Model):
    """An original narrative or a reporter's identity, encrypted with the organisation's data key."""

    class Kind(models.TextChoices):
        NARRATIVE = NARRATIVE_KIND, "Original narrative"
        MESSAGE = MESSAGE_KIND, "Original reply from a reporter"
        IDENTITY = IDENTITY_KIND, "Confidential reporter identity"

    organisation_id = models.BigIntegerField()
    subject = models.CharField(max_length=64)  # e.g. "report:42"
    kind = models.CharField(max_length=20, choices=Kind.choices)
    field = models.CharField(max_length=64, blank=True)
    key_version = models.PositiveIntegerField()
    nonce = models.BinaryField()
    ciphertext = models.BinaryField(null=True)
    # The day only: an original arrives the moment its reporter sends it, and nothing needs finer.
    created_at = models.DateTimeField(default=start_of_today)
    destroy_after = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation_id", "subject", "kind", "field"], name="one_sealed_record")
        ]
        indexes = [models.Index(fields=["destroy_after"])]


class AuditEntry(models.Model):
    """One row of the append-only, hash-chained audit log."""

    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64, unique=True)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["organisation_id", "action"])]


class Redaction(models.Model):
    """The engine's proposed redaction of one sealed narrative field, awaiting a reviewer's check.

    Spans are offsets into the sealed original; the original itself stays sealed.
    """

    organisation_id = models.BigIntegerField()
    subject = models.CharField(max_length=64)
    field = models.CharField(max_length=64)
    spans = models.JSONField(default=list)
    redacted = models.TextField()
    # The reviewer's corrections so far ({"allow": [term], "deny": [[term, label]]}); they join the
    # organisation's lists only when the redaction is confirmed.
    corrections = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=start_of_today)  # the day only, as for sealed records
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation_id", "subject", "field"], name="one_redaction")]


class PlaceholderSet(models.Model):
    """The placeholders of one subject (a report with its replies): how far each label is numbered.

    Counts only ({"PERSON": 3}); which words got which number is kept as keyed hashes in
    `PlaceholderDigest`. The counts outlive the hashes, so a later placeholder never reuses a number.
    """

    organisation_id = models.BigIntegerField()
    subject = models.CharField(max_length=64)
    key_version = models.PositiveIntegerField()  # the data key its hashes are keyed with
    highest = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation_id", "subject"], name="one_placeholder_set")]


class PlaceholderDigest(models.Model):
    """An HMAC of normalised words ("PERSON name jago polglase") and the number they were given.

    Never the words: the HMAC is keyed with a secret derived from the organisation's data key and
    bound to the subject, so the table links no names across reports and cannot be read back. It is
    forgotten (deleted) once every original that used it has been destroyed (ADR 0002).
    """

    placeholders = models.ForeignKey(PlaceholderSet, on_delete=models.CASCADE, related_name="digests")
    label = models.CharField(max_length=32)
    number = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)
    # None: kept with the narrative originals, until a reviewer's confirmation schedules their destruction.
    forget_after = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["placeholders", "digest"], name="one_placeholder_digest")]
        indexes = [models.Index(fields=["forget_after"])]


class TermRule(models.Model):
    """An organisation's learned correction: a term never to redact (allow) or always to redact (deny)."""

    class Kind(models.TextChoices):
        ALLOW = "allow", "Never redact"
        DENY = "deny", "Always redact"

    organisation_id = models.BigIntegerField()
    term = models.CharField(max_length=200)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    label = models.CharField(max_length=32, default="PERSON")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation_id", "term", "kind"], name="one_term_rule")]


class AccessRequest(models.Model):
    """Break-glass: a request to open sealed data, with a reason, approved by a second person."""

    class Purpose(models.TextChoices):
        FOLLOW_UP = "follow_up", "Follow-up with a confidential reporter through the system"
        DELIBERATE_HARM = "deliberate_harm", "Just-culture outcome: deliberate harm"

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for a custodian"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    organisation_id = models.BigIntegerField()
    subject = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=SealedRecord.Kind.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    reason = models.TextField()
    requested_by_id = models.BigIntegerField()
    requested_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by_id = models.BigIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation_id", "decision"])]
