"""A filter form's date range: the end may not come before the start (search and the dashboard)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _


class DateRangeChecked(forms.Form):
    """Needs `date_from` and `date_to` date fields on the form."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be the same as or after the start date"))
        return cleaned
