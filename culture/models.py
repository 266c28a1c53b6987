"""The survey's tables. Invitations and responses are kept apart on purpose (docs/culture-survey.md):

* `Invitation` holds only a hash of each link's token and whether it has been used; no time of use.
* `Response` holds a random UUID, its wave, the team chosen and the answers; no invitation, no token,
  no time (the wave is the finest time a response has), and no insertion-ordered id.

A response and the use of its invitation are written in one transaction, so a link can never count
twice, and nothing in either row can be joined to the other. Closing a wave rewrites both tables'
rows for the wave in a random order (`culture.waves.close_wave`) so that the database's own row order
and transaction stamps stop lining them up as well.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Wave(models.Model):
    """One round of the survey in one organisation, asked from one version of the item bank."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="culture_waves")
    number = models.PositiveIntegerField()
    item_bank_version = models.CharField(max_length=20)
    teams = models.JSONField(default=list, blank=True)  # team names respondents choose from
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    # Counted when the wave closes, after its invitations are rewritten and their used marks dropped.
    invitations_issued = models.PositiveIntegerField(default=0)
    invitations_used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="culture_one_wave_number_per_org"),
            # At most one open wave per organisation: "the" open wave is never ambiguous.
            models.UniqueConstraint(fields=["organisation"], condition=models.Q(closed_at__isnull=True),
                                    name="culture_one_open_wave_per_org"),
        ]

    def __str__(self) -> str:
        return f"Wave {self.number} ({self.organisation})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Invitation(models.Model):
    """A single-use link: the SHA-256 of its token, and whether it has been used. Nothing else."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)


class Response(models.Model):
    """One person's answers. Deliberately without any link, time or order that could name them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    team = models.CharField(max_length=100, blank=True)  # "" is "I'd rather not say"
    answers = models.JSONField()  # item key -> 1..5, as answered (reverse scoring is applied when read)
