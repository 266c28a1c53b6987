"""One small form for each easy-read question. Every text answer goes through the same check as any
report's text (reporting.forms.NarrativeField)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reporting.choices import ReporterGroup
from reporting.forms import NarrativeField


def _text(label, *, required=False, rows=6, message=""):
    return NarrativeField(label=label, required=required, max_length=settings.REPORT_TEXT_MAX_CHARS,
                          widget=forms.Textarea(attrs={"rows": rows}), error_messages={"required": message})


class WhoForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Who are you?"), choices=ReporterGroup.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Pick who you are"), "invalid_choice": _("Pick who you are")})


class WhatForm(forms.Form):
    what = _text(_("What happened?"), required=True, rows=8, message=_("Tell us what happened. One word is fine."))


class FeelForm(forms.Form):
    feel = _text(_("How did it make you feel?"), rows=4)


class BetterForm(forms.Form):
    better = _text(_("What would make it better?"), rows=4)


class TalkForm(forms.Form):
    talk = forms.ChoiceField(
        label=_("Do you want someone to talk to you?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={"required": _("Pick yes or no"), "invalid_choice": _("Pick yes or no")})
    contact = NarrativeField(label=_("How can we reach you?"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


FORMS: dict[str, type[forms.Form]] = {"who": WhoForm, "what": WhatForm, "feel": FeelForm, "better": BetterForm,
                                      "talk": TalkForm}
