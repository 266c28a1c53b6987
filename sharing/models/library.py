"""The library of learning: which organisations share their published learning with every member
organisation, the supervision vignettes a reviewer published to it, and practitioners' personal feed links."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LibrarySharing(models.Model):
    """An organisation's choice to show its published learning (bulletins, "you said, we did" and
    published vignettes) to practitioners of every other member organisation. `shared_since` is empty
    while it does not share; its own members read its published learning in the library either way."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    shared_since = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"library sharing of organisation {self.organisation_id}"


class LibraryVignette(models.Model):
    """A supervision vignette of a final learning review, published to the library after it passed
    learning's publishing gate. The text is frozen as it passed: a later version of the review is a
    new vignette, never an edit of this one."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    review_id = models.PositiveBigIntegerField()  # learning's review, inside this instance only
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=200, blank=True)
    sections = models.JSONField(default=list)  # [{"heading": ..., "text": ...}]
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        indexes = [models.Index(fields=["organisation", "withdrawn_at"])]
        constraints = [models.UniqueConstraint(fields=["review_id"], condition=models.Q(withdrawn_at__isnull=True),
                                               name="one_published_vignette_per_review")]

    def __str__(self) -> str:
        return self.title


class LibraryFeedToken(models.Model):
    """A practitioner's personal link to the library's Atom feed, for a feed reader that has no
    session. Only its SHA-256 is kept, so it is shown once. It reads as its user: their memberships
    are checked on every fetch, so leaving every organisation ends what it shows. One live link per
    person; a new one revokes the old."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], condition=models.Q(revoked_at__isnull=True),
                                               name="one_live_library_feed_token_per_user")]

    def __str__(self) -> str:
        return f"library feed token {self.prefix}…"


class HubLearningItem(models.Model):
    """Local side: one piece of the national hub's published learning (a national bulletin, one of its
    "you said, we did" items, or a supervision vignette), as the hub last served it. The whole set is
    replaced at every successful fetch (sharing.hub_library), so what the hub withdraws goes too; when
    the hub cannot be reached the last set stays. Only published, gate-checked learning is ever here."""

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=60)  # the hub's own key for the item
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    organisation = models.CharField(max_length=200)  # the name the hub publishes it under
    published_at = models.DateTimeField()
    period = models.CharField(max_length=100, blank=True)
    bulletin_key = models.CharField(max_length=60, blank=True)
    bulletin_title = models.CharField(max_length=200, blank=True)
    sections = models.JSONField(default=list)  # [{"heading": ..., "entries": [{"heading", "text", "count"}]}]
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_hub_learning_item_per_key")]

    def __str__(self) -> str:
        return self.title


class HubLibraryFetch(models.Model):
    """Local side: when the hub's published learning was last fetched from `hub_url`, and when to try
    again after a failure (the feed's backoff). One row per hub."""

    hub_url = models.CharField(max_length=300, unique=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0)  # in a row; 0 after any success
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"hub library fetch from {self.hub_url}"
