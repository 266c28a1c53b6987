from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One occurrence that several reports describe. A reviewer links the duplicates into one event,
    as ASRS merges the reports of one occurrence into one record; each report stays as it was."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("event")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"E-{self.pk:05d}"


class EventReport(models.Model):
    """A report's place in an event: a report belongs to at most one."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="members")
    report = models.OneToOneField("reporting.Report", on_delete=models.CASCADE, related_name="+")
    # Kept beside the report so that every query on events is scoped without a join.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        indexes = [models.Index(fields=["organisation", "event"])]

    def __str__(self) -> str:
        return f"Report {self.report_id} in event {self.event_id}"
