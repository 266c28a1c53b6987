"""The taxonomy, reviewers' codings of reports, the risk matrix, and the suggestion models.

A code is a stable identity (its key, in one organisation); what it says is versioned. Renaming or
redefining a code writes a new `CodeVersion`, so a trend over months counts the same code even when
its wording changed, and each coding records the version its coder saw. A retired code is only
hidden from new codings: the reports that used it keep it. Codings are permanent records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.permanent import PermanentRecord


class Use(models.TextChoices):
    """What a branch of the taxonomy codes."""

    FACTOR = "factor", _("Contributing factor")
    ERROR_TYPE = "error_type", _("Error type")
    FAILURE = "failure", _("Active or latent failure")


class Code(models.Model):
    """One code or branch of an organisation's taxonomy; `organisation` is NULL for the default set
    loaded by the data migration, which each organisation copies when it first codes."""

    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+")
    key = models.SlugField(max_length=80)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    use = models.CharField(max_length=20, choices=Use.choices)
    position = models.PositiveIntegerField(default=0)
    # The current wording, the same as the newest of `versions`.
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(max_length=120)
    definition = models.TextField()
    example = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="coding_code_key_per_organisation"),
            models.UniqueConstraint(fields=["key"], condition=models.Q(organisation__isnull=True),
                                    name="coding_default_code_key"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class CodeVersion(models.Model):
    """A code's wording from one change to the next: written once, never edited."""

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    definition = models.TextField()
    example = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["code", "number"]
        constraints = [models.UniqueConstraint(fields=["code", "number"], name="coding_one_row_per_code_version")]

    def __str__(self) -> str:
        return f"{self.name} (version {self.number})"


class Consequence(models.IntegerChoices):
    """Harm on the NHS five-point consequence scale, in social-care words."""

    NONE = 1, _("1 Negligible – no harm")
    MINOR = 2, _("2 Minor – short-term upset or delay")
    MODERATE = 3, _("3 Moderate – a child or adult left at risk for a while")
    MAJOR = 4, _("4 Major – serious harm to a child or adult")
    CATASTROPHIC = 5, _("5 Catastrophic – death or lasting serious harm")


class Likelihood(models.IntegerChoices):
    """How likely it is to happen again, on the NHS five-point likelihood scale."""

    RARE = 1, _("1 Rare – not expected to happen again")
    UNLIKELY = 2, _("2 Unlikely – could happen again, but not expected")
    POSSIBLE = 3, _("3 Possible – might happen again now and then")
    LIKELY = 4, _("4 Likely – will probably happen again")
    ALMOST_CERTAIN = 5, _("5 Almost certain – will happen again, perhaps often")


class Failure(models.TextChoices):
    ACTIVE = "active", _("Active (at the front line)")
    LATENT = "latent", _("Latent (in the organisation)")


class Coding(PermanentRecord):
    """One reviewer's coding of one report. `blind` is False when the coder had seen another coding
    of the report first; only blind codings count towards agreement."""

    permanent_noun = "Codings"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="codings")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    blind = models.BooleanField(default=True)
    error_type = models.ForeignKey(Code, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    error_type_version = models.ForeignKey(CodeVersion, null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+")
    stage = models.CharField(max_length=30, blank=True)  # reporting.choices.Stage
    actual_harm = models.PositiveSmallIntegerField(choices=Consequence.choices)
    potential_harm = models.PositiveSmallIntegerField(choices=Consequence.choices)
    likelihood = models.PositiveSmallIntegerField(choices=Likelihood.choices)
    # The rating the organisation's matrix gave when the coding was saved; the matrix may change later.
    risk_score = models.PositiveSmallIntegerField()
    risk_band = models.CharField(max_length=20)
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["coded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "coder"], name="coding_one_coding_per_coder"),
            models.CheckConstraint(condition=models.Q(actual_harm__gte=1, actual_harm__lte=5,
                                                      potential_harm__gte=1, potential_harm__lte=5,
                                                      likelihood__gte=1, likelihood__lte=5),
                                   name="coding_scales_one_to_five"),
        ]

    def __str__(self) -> str:
        return f"Coding {self.pk} of report {self.report_id}"


class CodedFactor(PermanentRecord):
    permanent_noun = "Coded factors"

    coding = models.ForeignKey(Coding, on_delete=models.CASCADE, related_name="factors")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+")
    code_version = models.ForeignKey(CodeVersion, on_delete=models.PROTECT, related_name="+")
    failure = models.CharField(max_length=10, choices=Failure.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["coding", "code"], name="coding_factor_once_per_coding")]


class Unblinding(models.Model):
    """A reviewer chose to see a report's coding before coding it: their own coding will not be blind."""

    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="coding_unblinded_once")]


class RiskMatrix(models.Model):
    """An organisation's own 5×5 matrix; without one, the NHS bands apply (coding.risk)."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    # bands[likelihood - 1][consequence - 1] is a band key of coding.risk.BANDS.
    bands = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")


class CoderModelVersion(models.Model):
    """A trained suggestion model of one organisation, with how well it did on held-out codings."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    blob = models.BinaryField()
    evaluation = models.JSONField(default=dict)
    labels = models.JSONField(default=list)
    trained_on = models.PositiveIntegerField()  # how many coded reports it learnt from
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} model {self.pk} ({self.trained_on} reports)"


class SuggestionDecision(models.Model):
    """A contributing factor proposed to a reviewer, and whether they coded it.

    Written when the suggestion is shown (`accepted` NULL) and settled when the reviewer saves their
    coding: accepted if the code is among the factors they chose, rejected if not.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="+")
    confidence = models.FloatField()
    rank = models.PositiveSmallIntegerField()
    model_kind = models.CharField(max_length=40)
    model_version = models.ForeignKey(CoderModelVersion, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    shown_at = models.DateTimeField(auto_now_add=True)
    accepted = models.BooleanField(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "reviewer", "code"],
                                               name="coding_suggestion_once_per_reviewer")]
