"""The coding form and the taxonomy admin's forms. The choices come from the organisation's live
taxonomy, so each form is built for one organisation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.choices import Stage

from .models import Code, Consequence, Failure, Likelihood
from .services import CodingInput

NO_ERROR_TYPE = ""


class CodingForm(forms.Form):
    factors = forms.MultipleChoiceField(
        label=_("Contributing factors"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Select every factor that contributed. Mark each as active (at the front line) or latent "
                    "(in the organisation) if you can tell."),
        error_messages={"required": _("Select at least one contributing factor"),
                        "invalid_choice": _("Select contributing factors from the list")})
    error_type = forms.ChoiceField(
        label=_("Error type"), widget=forms.RadioSelect, required=False,
        help_text=_("What kind of act went wrong, if any. A violation is not a finding of blame: most are made to "
                    "get the job done."),
        error_messages={"invalid_choice": _("Select an error type from the list")})
    stage = forms.ChoiceField(
        label=_("Stage of work"), required=False, choices=[("", _("Not clear")), *Stage.choices],
        error_messages={"invalid_choice": _("Select a stage of work from the list")})
    actual_harm = forms.TypedChoiceField(
        label=_("Actual harm"), coerce=int, widget=forms.RadioSelect, choices=Consequence.choices,
        help_text=_("What did happen. For a near miss this is usually 1, no harm."),
        error_messages={"required": _("Select the actual harm")})
    potential_harm = forms.TypedChoiceField(
        label=_("Potential harm"), coerce=int, widget=forms.RadioSelect, choices=Consequence.choices,
        help_text=_("The worst that could realistically have happened. This is the consequence in the risk rating."),
        error_messages={"required": _("Select the potential harm")})
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood of recurrence"), coerce=int, widget=forms.RadioSelect, choices=Likelihood.choices,
        help_text=_("How likely it is to happen again if nothing changes."),
        error_messages={"required": _("Select how likely it is to happen again")})

    def __init__(self, *args, factor_codes: list[Code], error_types: list[Code], **kwargs):
        super().__init__(*args, **kwargs)
        self.factor_codes = factor_codes
        self.fields["factors"].choices = [(code.key, code.name) for code in factor_codes]
        self.fields["error_type"].choices = [(NO_ERROR_TYPE, _("None, or not clear")),
                                             *((code.key, code.name) for code in error_types)]
        for code in factor_codes:
            self.fields[f"failure_{code.key}"] = forms.ChoiceField(
                label=_("Active or latent"), required=False,
                choices=[("", _("Not said")), *Failure.choices])

    def failure_field(self, key: str):
        return self[f"failure_{key}"]

    def to_input(self) -> CodingInput:
        data = self.cleaned_data
        return CodingInput(
            factors={key: data.get(f"failure_{key}", "") for key in data["factors"]},
            error_type=data["error_type"], stage=data["stage"], actual_harm=data["actual_harm"],
            potential_harm=data["potential_harm"], likelihood=data["likelihood"])


class CodeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120,
                           error_messages={"required": _("Enter the code's name")})
    definition = forms.CharField(label=_("Definition"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("What the code means, so that two reviewers would use it alike."),
                                 error_messages={"required": _("Enter the code's definition")})
    example = forms.CharField(label=_("Example"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("A short, invented example. Do not name anyone."))
    source = forms.CharField(label=_("Source"), max_length=300, required=False,
                             help_text=_("Where the code comes from, if anywhere."))


class NewCodeForm(CodeForm):
    parent = forms.TypedChoiceField(label=_("Branch"), coerce=int,
                                    error_messages={"required": _("Select the branch the code goes under")})

    field_order = ["parent", "name", "definition", "example", "source"]

    def __init__(self, *args, branches: list[Code], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("Select a branch"))] + [(code.pk, code.name) for code in branches]
