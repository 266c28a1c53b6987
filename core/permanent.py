"""Records that are written once and never changed: a just-culture decision, a reviewer's coding.
What someone decided, and when, is evidence; editing it afterwards would rewrite history."""

from __future__ import annotations

from django.db import models


class PermanentQuerySet(models.QuerySet):
    """Bulk writes would bypass the per-row guards, so they are refused too."""

    def update(self, **kwargs):
        raise ValueError(f"{self.model.permanent_noun} are permanent records and cannot be edited.")

    def delete(self):
        raise ValueError(f"{self.model.permanent_noun} are permanent records and cannot be deleted.")


class PermanentRecord(models.Model):
    """Insert only. Subclasses name their records in `permanent_noun` for the error message."""

    permanent_noun = "These"
    objects = PermanentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{self.permanent_noun} are permanent records and cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{self.permanent_noun} are permanent records and cannot be deleted.")
