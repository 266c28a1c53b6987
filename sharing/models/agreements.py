"""Sharing agreements between two organisations, and safeguarding partnerships of several."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SharingAgreement(models.Model):
    """One organisation (the owner) shares its cleared reports with a partner agency, for a purpose,
    within a scope, until an expiry, once the partner has accepted.

    Scope lists are empty for "all": kinds (reporting's report kinds), service areas, and theme titles.
    Access holds only while the agreement is accepted, not ended and not expired."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for the partner to accept")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined by the partner")
        ENDED = "ended", _("Ended")

    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    purpose = models.TextField()
    scope_kinds = models.JSONField(default=list, blank=True)
    scope_service_areas = models.JSONField(default=list, blank=True)
    scope_themes = models.JSONField(default=list, blank=True)
    expires_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)

    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["partner", "status"]), models.Index(fields=["owner", "status"])]
        constraints = [models.CheckConstraint(condition=~models.Q(owner=models.F("partner")),
                                              name="agreement_between_two_organisations")]

    def __str__(self) -> str:
        return f"agreement {self.pk}"


class Partnership(models.Model):
    """Several organisations that learn together, such as a local safeguarding children partnership.
    Its view combines their cleared reports, with small-number suppression on the combined figures."""

    slug = models.SlugField(unique=True, max_length=50)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class PartnershipMember(models.Model):
    """An organisation in a partnership. It joins when its admin accepts (`joined_at`); until then,
    and after it leaves, none of its reports count in the partnership's view."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    joined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "organisation"], name="one_membership_per_partnership")]
