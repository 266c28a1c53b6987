"""Forms for assembling a bulletin. The rules are in learning.bulletins."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.bulletins import ItemEdit, count_display
from learning.models import Bulletin, BulletinItem


def _last_month() -> tuple[dt.date, dt.date]:
    first_of_this = timezone.localdate().replace(day=1)
    end = first_of_this - dt.timedelta(days=1)
    return end.replace(day=1), end


class NewBulletinForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("Staff see this in the email and at the top of the page."))
    period_start = forms.DateField(label=_("Period from"), help_text=_("For example, 1 3 2026 or 2026-03-01."),
                                   input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"])
    period_end = forms.DateField(label=_("Period to"), input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            start, end = _last_month()
            self.initial.setdefault("period_start", start.isoformat())
            self.initial.setdefault("period_end", end.isoformat())
            self.initial.setdefault("title", _("Learning bulletin: %(month)s") % {"month": start.strftime("%B %Y")})

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after the day it starts"))
        return data


class BulletinEditForm(forms.Form):
    """The title, the introduction, and for each item its heading, words, place and whether it is in."""

    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(label=_("Introduction"), required=False, max_length=3000,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text=_("A few sentences for all staff: what this bulletin covers and why."))

    def __init__(self, *args, bulletin: Bulletin, items: list[BulletinItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        if not self.is_bound:
            self.initial.update(title=bulletin.title, introduction=bulletin.introduction)
        for item in items:
            self.fields[f"heading_{item.pk}"] = forms.CharField(label=_("Heading"), required=False, max_length=300,
                                                                initial=item.heading)
            self.fields[f"text_{item.pk}"] = forms.CharField(label=_("Text"), required=False, max_length=3000,
                                                             initial=item.text, widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"included_{item.pk}"] = forms.BooleanField(label=_("Include in the bulletin"), required=False,
                                                                    initial=item.included)
            self.fields[f"order_{item.pk}"] = forms.IntegerField(label=_("Place"), min_value=0, max_value=999,
                                                                 initial=item.order)

    def rows(self):
        """Each item with its four fields, for the template."""
        return [{"item": item, "heading": self[f"heading_{item.pk}"], "text": self[f"text_{item.pk}"],
                 "included": self[f"included_{item.pk}"], "order": self[f"order_{item.pk}"],
                 "count": count_display(item)} for item in self.items]

    def item_edits(self) -> dict[int, ItemEdit]:
        data = self.cleaned_data
        return {item.pk: ItemEdit(text=data[f"text_{item.pk}"], heading=data[f"heading_{item.pk}"],
                                  included=data[f"included_{item.pk}"], order=data[f"order_{item.pk}"])
                for item in self.items}
