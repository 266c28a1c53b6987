"""The report form: two questions required, everything else optional, all limits explicit."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.utils import dates, timezone
from django.utils.translation import gettext_lazy as _

from reporting import validation
from reporting.choices import Agency, Confidentiality, PotentialHarm, ReportKind, ServiceArea, Stage
from reporting.services import ReportSubmission

# Django's own month names (django.utils.dates), which its catalogues already give in Welsh.
MONTHS = [("", _("Not sure")), *[(str(number), name) for number, name in dates.MONTHS.items()]]


def new_idempotency_key() -> str:
    """A fresh key for a form, so that sending it twice (a double click, a resend) acts once."""
    return secrets.token_urlsafe(24)


class NarrativeField(forms.CharField):
    """Free text, cleaned by reporting.validation: the rules the API and messages follow too."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, strip=False, **kwargs)

    def to_python(self, value):
        try:
            return validation.clean_narrative(super().to_python(value), label=str(self.label), max_chars=self.max_length)
        except validation.NarrativeError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


def _text(label, hint="", required=False, rows=5):
    return NarrativeField(
        label=label, help_text=hint, required=required, max_length=settings.REPORT_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": rows}), error_messages={"required": _("Tell us what happened")},
    )


class ReportForm(forms.Form):
    what_happened = _text(_("What happened?"), _("Describe it in your own words. You do not need to give names: "
                                                    "we remove personal details before anyone reads it."),
                          required=True, rows=8)
    kind = forms.ChoiceField(
        label=_("What kind of report is this?"), choices=ReportKind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of report this is"),
                        "invalid_choice": _("Select one of the kinds of report listed")},
    )
    potential_harm = forms.TypedChoiceField(
        label=_("How bad could it have been?"), choices=PotentialHarm.choices, coerce=int, required=False,
        empty_value=0, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select one of the levels of harm listed")},
    )
    potential_harm_text = _text(_("What could have happened?"), required=False, rows=3)
    how_noticed = _text(_("How was it noticed or stopped?"), required=False, rows=3)
    what_would_help = _text(_("What would help stop it happening again?"), required=False, rows=3)
    service_area = forms.ChoiceField(
        label=_("Service area"), choices=[("", _("Not sure or prefer not to say")), *ServiceArea.choices],
        required=False, error_messages={"invalid_choice": _("Select a service area from the list")},
    )
    stage = forms.ChoiceField(
        label=_("Stage of work"), choices=[("", _("Not sure or prefer not to say")), *Stage.choices],
        required=False, error_messages={"invalid_choice": _("Select a stage of work from the list")},
    )
    agencies = forms.MultipleChoiceField(
        label=_("Other agencies involved"), choices=Agency.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select agencies from the list")},
    )
    occurred_month = forms.TypedChoiceField(
        label=_("Month"), choices=MONTHS, coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": _("Select a month from the list")},
    )
    occurred_year = forms.IntegerField(
        label=_("Year"), required=False,
        error_messages={"invalid": _("Year must be a number, like 2026")},
    )
    confidentiality = forms.ChoiceField(
        label=_("Who can know you made this report?"), choices=Confidentiality.choices, required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select how you want to report")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())
            self.initial.setdefault("confidentiality",
                                    Confidentiality.CONFIDENTIAL if signed_in else Confidentiality.ANONYMOUS)
        if not signed_in:
            # Without an account there is nobody to be confidential or open about.
            self.fields["confidentiality"].choices = [
                (Confidentiality.ANONYMOUS, Confidentiality.ANONYMOUS.label)]

    def clean_occurred_year(self):
        year = self.cleaned_data.get("occurred_year")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - 30 <= year <= this_year):
            raise forms.ValidationError(
                _("Year must be between %(start)s and %(end)s") % {"start": this_year - 30, "end": this_year})
        return year

    def clean(self):
        data = super().clean()
        month, year = data.get("occurred_month"), data.get("occurred_year")
        if month and not year and "occurred_year" not in self.errors:
            self.add_error("occurred_year", _("Enter the year as well as the month, or leave both blank"))
        today = timezone.localdate()
        if month and year and (year, month) > (today.year, today.month):
            self.add_error("occurred_month", _("When it happened must be this month or in the past"))
        return data

    def take_new_key(self) -> None:
        """After its key was refused for other answers: the answers stay, and sending them makes a new report."""
        data = self.data.copy()
        data["idempotency_key"] = new_idempotency_key()
        self.data = data

    def submission(self) -> ReportSubmission:
        data = self.cleaned_data
        return ReportSubmission(
            kind=data["kind"], what_happened=data["what_happened"], potential_harm=data.get("potential_harm") or 0,
            potential_harm_text=data.get("potential_harm_text", ""), how_noticed=data.get("how_noticed", ""),
            what_would_help=data.get("what_would_help", ""), service_area=data.get("service_area", ""),
            stage=data.get("stage", ""), agencies=data.get("agencies") or [],
            occurred_month=data.get("occurred_month"), occurred_year=data.get("occurred_year"),
            confidentiality=data.get("confidentiality") or Confidentiality.ANONYMOUS,
        )


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"), max_length=40,
        help_text=_("The 16 letters and numbers you were given, for example K7QM-3XRD-9PMA-W2NE."),
        error_messages={"required": _("Enter your receipt code"),
                        "max_length": _("A receipt code is 16 letters and numbers")},
    )


class ReplyForm(forms.Form):
    body = NarrativeField(
        label=_("Your reply or more information"), max_length=settings.MESSAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": _("Write your message before sending it")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
