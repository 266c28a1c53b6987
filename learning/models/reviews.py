"""Learning reviews: a systems-based review of a significant incident or a cluster of reports, in the
spirit of SCIE Learning Together. It asks why what people did made sense at the time, and what in the
system made it likely, rather than who was at fault.

A final review is a record that others rely on: once final, neither the review nor any of its parts
can be changed or deleted, by any code path that goes through the models (save, delete, and the
querysets' update, delete and bulk_create all refuse). A new version starts as a new draft.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models.actions import Level
from reporting.choices import Agency


class ReviewIsFinal(Exception):
    """A final learning review, or a part of one, cannot be changed or deleted."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or str(_("This learning review is final: it cannot be changed. "
                                          "Start a new version to revise it.")))


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review with partners")
    FINAL = "final", _("Final")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewScope(models.TextChoices):
    INCIDENT = "incident", _("A significant incident")
    CLUSTER = "cluster", _("A cluster of reports")


class FindingCategory(models.TextChoices):
    """The kinds of underlying pattern SCIE Learning Together finds: where in the system the finding lies."""

    CRISIS_WORKING = "crisis_working", _("Multi-agency working in response to incidents and crises")
    LONGER_TERM_WORKING = "longer_term_working", _("Multi-agency working in longer-term work")
    REASONING = "reasoning", _("Human reasoning: how judgements are made")
    FAMILY_PROFESSIONAL = "family_professional", _("How families and professionals work together")
    TOOLS = "tools", _("Tools: forms, systems and procedures")
    MANAGEMENT = "management", _("Management systems: workload, supervision, resources")


def _is_final(review_id: int | None) -> bool:
    return review_id is not None and LearningReview.objects.filter(pk=review_id, status=ReviewStatus.FINAL).exists()


class _LockedQuerySet(models.QuerySet):
    """Bulk writes that skip save() and delete(): refused when they would touch a final review."""

    review_lookup = "review__"

    def _touches_final(self) -> bool:
        return self.filter(**{f"{self.review_lookup}status": ReviewStatus.FINAL}).exists()

    def update(self, **kwargs):
        if self._touches_final():
            raise ReviewIsFinal()
        return super().update(**kwargs)

    def delete(self):
        if self._touches_final():
            raise ReviewIsFinal()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if any(_is_final(getattr(obj, "review_id", None)) for obj in objs):
            raise ReviewIsFinal()
        return super().bulk_create(objs, *args, **kwargs)


class _ReviewQuerySet(_LockedQuerySet):
    review_lookup = ""


class LearningReview(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    scope = models.CharField(max_length=10, choices=ReviewScope.choices)
    summary = models.TextField(blank=True)  # why it is being reviewed: the terms of reference
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    predecessor = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # The final version as canonical JSON, and its SHA-256: anyone can check the record is unchanged.
    snapshot = models.TextField(blank=True)
    snapshot_sha256 = models.CharField(max_length=64, blank=True)

    objects = _ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if _is_final(self.pk):
            raise ReviewIsFinal()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_final or _is_final(self.pk):
            raise ReviewIsFinal()
        return super().delete(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"LR-{self.pk:05d}"

    @property
    def is_final(self) -> bool:
        return self.status == ReviewStatus.FINAL


class ReviewPart(models.Model):
    """Something the review records. It is locked with its review."""

    objects = _LockedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if _is_final(self.review_id):
            raise ReviewIsFinal()
        if not self._state.adding and _is_final(type(self).objects.filter(pk=self.pk).values_list("review_id", flat=True).first()):
            raise ReviewIsFinal()  # moving a part out of a final review is changing it too
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if _is_final(self.review_id):
            raise ReviewIsFinal()
        return super().delete(*args, **kwargs)


class ReviewReport(ReviewPart):
    """A report the review looks at: several for a cluster, one or more for an incident."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="report_links")
    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["linked_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "report"], name="one_link_per_review_report")]


class KeyEpisode(ReviewPart):
    """A key practice episode: a point where what was done shaped what followed."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="episodes")
    position = models.PositiveIntegerField(default=0)
    when = models.CharField(max_length=100)
    what_happened = models.TextField()
    what_was_known = models.TextField(blank=True)
    what_made_sense = models.TextField(blank=True)  # local rationality: why it made sense to those there

    class Meta:
        ordering = ["position", "pk"]


class FactorFound(ReviewPart):
    """A contributory factor the review found, named by the organisation's taxonomy."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="factors")
    code = models.ForeignKey("coding.Code", on_delete=models.PROTECT, related_name="+")
    finding = models.TextField()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["review", "code"], name="one_row_per_review_factor")]


class Finding(ReviewPart):
    """A finding about an underlying pattern: something in the system, not peculiar to this case."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField(default=0)
    category = models.CharField(max_length=30, choices=FindingCategory.choices)
    statement = models.TextField()
    in_this_case = models.TextField(blank=True)
    beyond_this_case = models.TextField(blank=True)  # why it is a pattern, not a one-off
    why_it_matters = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "pk"]


class AgencyPerspective(ReviewPart):
    """A partner agency's view of the case, in its own words: one per agency."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="perspectives")
    agency = models.CharField(max_length=30, choices=Agency.choices)
    perspective = models.TextField()

    class Meta:
        ordering = ["agency", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "agency"], name="one_perspective_per_agency")]


class Recommendation(ReviewPart):
    """What the review recommends; accepted, it becomes an action (RecommendationAction)."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    level = models.CharField(max_length=20, choices=Level.choices)
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The same recommendation in the version this one was copied from: an action is made once.
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["position", "pk"]


class RecommendationAction(models.Model):
    """The action an accepted recommendation became. Kept apart from the recommendation so that a
    final review's recommendations can still be accepted without changing the review."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT, related_name="accepted")
    action = models.OneToOneField("learning.Action", on_delete=models.CASCADE, related_name="from_recommendation")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)


class ReviewStatusChange(models.Model):
    """A move through the lifecycle, who made it and when. Written once, never edited."""

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=ReviewStatus.choices)
    to_status = models.CharField(max_length=10, choices=ReviewStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReviewIsFinal(str(_("A status change is a record: it cannot be edited.")))
        super().save(*args, **kwargs)
