"""A report and what travels with it. Narrative originals never live here: they are sealed in
`protection`; this model holds only the de-identified text a reviewer may read."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from protection.days import day_only
from reporting.choices import (
    Confidentiality,
    DeidStatus,
    MessageAuthor,
    PotentialHarm,
    ReporterGroup,
    ReportKind,
    ServiceArea,
    Stage,
    Status,
    short_label,
)


class Report(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="reports")
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    potential_harm = models.PositiveSmallIntegerField(choices=PotentialHarm.choices, default=PotentialHarm.UNKNOWN)
    service_area = models.CharField(max_length=30, choices=ServiceArea.choices, blank=True)
    stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    agencies = models.JSONField(default=list, blank=True)
    occurred_month = models.PositiveSmallIntegerField(null=True, blank=True)
    occurred_year = models.PositiveSmallIntegerField(null=True, blank=True)
    confidentiality = models.CharField(max_length=20, choices=Confidentiality.choices, default=Confidentiality.ANONYMOUS)
    # Only for open reports: the reporter chose to be known.
    open_reporter = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="open_reports"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    deid_status = models.CharField(max_length=20, choices=DeidStatus.choices, default=DeidStatus.PENDING)
    deid_confirmed_at = models.DateTimeField(null=True, blank=True)
    # De-identified narrative, filled by the protection pipeline. Empty until then.
    what_happened = models.TextField(blank=True)
    potential_harm_text = models.TextField(blank=True)
    how_noticed = models.TextField(blank=True)
    what_would_help = models.TextField(blank=True)
    # HMAC-SHA-256 of the receipt code (reporting.receipts); Argon2 for codes issued before ADR 0009,
    # which are rehashed when next used.
    receipt_hash = models.CharField(max_length=128, unique=True)
    receipt_hash_is_legacy = models.BooleanField(default=False)
    # To the day only for an anonymous report (see `kept_time`); ties are broken by id.
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)
    # Easy-read reports (reporting.easy_read) say who sent them; staff reports leave it blank.
    reporter_group = models.CharField(max_length=20, choices=ReporterGroup.choices, blank=True)
    # The words suggest someone may be in danger now (reporting.urgency): a person looks at it today.
    urgent = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "status", "-potential_harm", "submitted_at"]),
            # Date ranges (dashboard filters, the months a filter cuts in part) read this index alone on
            # PostgreSQL, which carries the fields they filter and count by; elsewhere it is a plain index.
            models.Index(fields=["organisation", "submitted_at"], include=["kind", "service_area", "stage"],
                         name="reports_by_time"),
            # Finds at once whether any legacy receipt hash is left, so that lookups skip Argon2 when none is.
            models.Index(fields=["receipt_hash_is_legacy"], condition=models.Q(receipt_hash_is_legacy=True),
                         name="reports_with_legacy_receipts"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        # However a report is saved, an anonymous one keeps its times to the day only.
        self.submitted_at = self.kept_time(self.submitted_at)
        self.updated_at = self.kept_time()
        super().save(*args, **kwargs)

    @property
    def is_anonymous(self) -> bool:
        return self.confidentiality == Confidentiality.ANONYMOUS

    def kept_time(self, at: datetime | None = None) -> datetime:
        """`at` (now by default) as precisely as this report may record its reporter's doings: to the
        day for an anonymous reporter (ADR 0003), who is told they give the month and year only."""
        at = at or timezone.now()
        return day_only(at) if self.is_anonymous else at

    @property
    def is_easy_read(self) -> bool:
        return bool(self.reporter_group)

    @property
    def kind_short(self) -> str:
        return short_label(self.get_kind_display())

    @property
    def potential_harm_short(self) -> str:
        return short_label(self.get_potential_harm_display())

    @property
    def occurred(self) -> str:
        """Roughly when, as the reporter gave it: "March 2026", "2026" or ""."""
        if not self.occurred_year:
            return ""
        if self.occurred_month:
            return date_format(date(self.occurred_year, self.occurred_month, 1), "F Y")
        return str(self.occurred_year)


class IdempotencyKey(models.Model):
    """An Idempotency-Key a report was sent with, kept a day or two and then forgotten (ADR 0009).

    A resend with the key gets the same receipt code back; the key with different answers is refused.
    Only keyed hashes are kept, of the key and of the answers, and the receipt code sealed under a
    key that needs the sender's own Idempotency-Key (reporting.idempotency): nothing here names anyone,
    and not even the database with the server's secrets gives the code back without the sender.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    answers_hash = models.CharField(max_length=64)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    sealed_receipt = models.BinaryField()
    # A midnight at least 24 hours after the report was sent: no time finer than a day is kept (ADR 0003).
    forget_after = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Idempotency key {self.key_hash[:8]}…"


class Message(models.Model):
    """A message between reviewers and the reporter, on the report's thread."""

    Author = MessageAuthor  # other contexts use reporting.choices.MessageAuthor

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=Author.choices)
    # The reviewer who wrote it; never set for a reporter, whose identity stays sealed.
    reviewer = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)  # an anonymous reporter's: the day only
    idempotency_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)  # noqa: DJ001

    class Meta:
        # In the order written: an anonymous reporter's reply, kept to the day, still follows the
        # question it answers.
        ordering = ["pk"]

    def save(self, *args, **kwargs):
        if self._state.adding and self.author_kind == self.Author.REPORTER:
            self.created_at = self.report.kept_time(self.created_at)
        super().save(*args, **kwargs)


class StatusChange(models.Model):
    """One change of a report's state: written once, never edited, recording who and when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    # The first change (received) is the submission, kept as precisely as the report keeps it.
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Status changes are a permanent record and cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Status changes are a permanent record and cannot be deleted.")


class Feedback(models.Model):
    """What a report closed with, for its reporter: what was learnt and what will change.

    Both parts are de-identified before they are stored (reporting.feedback): a reviewer's words are
    read by the reporter and by other staff, and the original is not kept. It travels as the
    reviewer's message on the thread, so the time to first feedback counts it.
    """

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="feedback")
    status_change = models.OneToOneField(StatusChange, on_delete=models.CASCADE, related_name="feedback")
    template = models.CharField(max_length=30, blank=True)
    what_we_learnt = models.TextField()
    what_will_change = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Feedback on {self.message.report_id}"


class ReporterLink(models.Model):
    """A signed-in reporter's own list of their reports ("My reports"), kept on the reporter's side.

    The report is sealed (AES-GCM under a key derived from the receipt secret, bound to the user), so
    the row says that a person reported, never which report: a confidential report stays unlinkable
    to its reporter for anyone reading the database, and reports by one person cannot be matched to
    each other.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sealed_report = models.BinaryField()

    def __str__(self) -> str:
        return f"Report link {self.pk}"
