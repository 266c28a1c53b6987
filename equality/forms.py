from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Disability, Ethnicity, Sex


class ProfileForm(forms.Form):
    """The three questions, as the ONS 2021 Census asks them, each with "Prefer not to say"."""

    ethnicity = forms.ChoiceField(
        label=_("What is your ethnic group?"), choices=Ethnicity.choices, widget=forms.RadioSelect,
        help_text=_("Choose the option that best describes your ethnic group or background."),
        error_messages={"required": _("Select your ethnic group, or prefer not to say")})
    disability = forms.ChoiceField(
        label=_("Are you disabled?"), choices=Disability.choices, widget=forms.RadioSelect,
        help_text=_("The Equality Act 2010 counts you as disabled if you have a physical or mental condition "
                    "that has a substantial effect, lasting or expected to last 12 months or more, on your "
                    "ability to do everyday things. Some conditions, such as cancer, HIV and multiple "
                    "sclerosis, count from the day they are diagnosed."),
        error_messages={"required": _("Select yes, no or prefer not to say")})
    sex = forms.ChoiceField(
        label=_("What is your sex?"), choices=Sex.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select your sex, or prefer not to say")})


class MonitoringForm(forms.Form):
    enabled = forms.TypedChoiceField(
        label=_("Run equality monitoring in this organisation?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes, invite staff to record a profile and show the figures")), ("no", _("No"))],
        coerce=lambda value: value == "yes", error_messages={"required": _("Select yes or no")})
