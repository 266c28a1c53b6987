"""The reviewer's correction of a shareable copy before clearing it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.choices import NARRATIVE_FIELDS, NARRATIVE_LABELS

MAX_CHARS = 20000


class ShareableTextForm(forms.Form):
    """One textarea per narrative field, holding the shareable text; the pass runs again over it."""

    def __init__(self, *args, initial_text: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NARRATIVE_FIELDS:
            self.fields[name] = forms.CharField(
                label=NARRATIVE_LABELS[name], required=False, max_length=MAX_CHARS, strip=False,
                initial=(initial_text or {}).get(name, ""), widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("You can remove more. The sharing pass runs again over what you write."))

    def edited(self) -> dict[str, str] | None:
        """The fields as the reviewer left them, or None when nothing was sent."""
        if not self.is_bound or not any(name in self.data for name in NARRATIVE_FIELDS):
            return None
        return {name: self.cleaned_data.get(name, "").replace("\r\n", "\n") for name in NARRATIVE_FIELDS}
