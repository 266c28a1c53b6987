from django.db import models


class SpikeAlert(models.Model):
    """One week in which one of an organisation's weekly series broke its control limits.

    `observed`, `expected` and `upper` cover the same span: the `weeks` weeks ending with `week` (for
    the EWMA rule, its smoothed weekly value). `baseline_reports` is how many reports the baseline
    was estimated from, so that a page can tell whether its expectation is itself a small number.
    `message` is the plain-language sentence, written with its numbers already suppressed.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    series_key = models.CharField(max_length=200)  # "factor:<key>", "service_area:<value>", "stage:<value>", "theme:<id>"
    series_label = models.CharField(max_length=300)
    week = models.DateField()  # the Monday of the week that broke the limit
    weeks = models.PositiveSmallIntegerField(default=1)
    observed = models.FloatField()
    expected = models.FloatField()
    upper = models.FloatField()
    rule = models.CharField(max_length=20)
    baseline_reports = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500)
    detected_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week", "series_key"]
        constraints = [models.UniqueConstraint(fields=["organisation", "series_key", "week"],
                                               name="intelligence_one_alert_per_series_week")]
        indexes = [models.Index(fields=["organisation", "-week"])]

    def __str__(self) -> str:
        return f"{self.series_key} {self.week}: {self.rule}"
