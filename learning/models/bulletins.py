"""Learning bulletins: what a reviewer tells all staff about what was learned, and the emails saying so."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Bulletin(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="bulletins")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    introduction = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # What was published, as it was: the page, the PDF and the emails read this, never the items,
    # and it holds counts only as suppression showed them.
    snapshot = models.JSONField(default=dict, blank=True)
    pdf_pages = models.PositiveSmallIntegerField(null=True, blank=True)  # of the PDF rendered at publishing

    class Meta:
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title


class ItemKind(models.TextChoices):
    THEME = "theme", _("Theme")
    SPIKE = "spike", _("Spike finding")
    ACTION = "action", _("You said, we did")
    REPORT = "report", _("Report excerpt")


class BulletinItem(models.Model):
    """One piece of a bulletin. `object_id` names what it came from (a theme, a spike alert, an action,
    a report) for the reviewer; staff read only `heading` and `text`, which the reviewer may edit."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)  # a theme's reports; shown only through suppression
    included = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Failed; will be tried again")
    FAILED = "failed", _("Failed; given up")


class BulletinDelivery(models.Model):
    """One email about one bulletin to one address. Unique, so publishing twice never emails twice."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.EmailField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["bulletin", "recipient"], name="one_delivery_per_bulletin_recipient")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
