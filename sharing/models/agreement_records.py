"""What happens under a sharing agreement: each cross-organisation read, each partner agency's
perspective on a cleared report, and each action one agency proposes to the other.

These rows outlive the agreement: when it ends, access ends, but what was read, said and proposed
stays on record for both organisations' admins."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sharing.models.agreements import SharingAgreement
from sharing.models.shared import SharedReport


class SharedRead(models.Model):
    """One time a partner's member read one cleared report under an agreement. Written once, never edited."""

    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="reads")
    shared_report = models.ForeignKey(SharedReport, on_delete=models.PROTECT, related_name="+")
    reader_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-read_at", "-pk"]
        indexes = [models.Index(fields=["agreement", "read_at"])]


class PartnerPerspective(models.Model):
    """A partner agency's view of a cleared report, in its own words, de-identified before it is stored."""

    shared_report = models.ForeignKey(SharedReport, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="perspectives")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    # The owner's learning review it was added to, if the owner chose to (learning's AgencyPerspective).
    added_to_review_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class ProposedAction(models.Model):
    """An action one agency proposes to the other under an agreement. Accepted, it becomes a real
    action of the receiving organisation (learning); declined, it keeps the reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    agreement = models.ForeignKey(SharingAgreement, on_delete=models.PROTECT, related_name="proposed_actions")
    shared_report = models.ForeignKey(SharedReport, on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    # The receiving organisation's action (learning) it became.
    action_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        indexes = [models.Index(fields=["to_organisation", "status"])]
