from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    """What was typed; checking it, against the lockouts first, is organisations.sign_in.attempt()."""

    username = forms.CharField(label=_("Username"), max_length=150,
                               error_messages={"required": _("Enter your username")})
    password = forms.CharField(label=_("Password"), max_length=200, widget=forms.PasswordInput,
                               strip=False, error_messages={"required": _("Enter your password")})


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Security code"), max_length=12,
                            help_text=_("The 6-digit code from your authenticator app."),
                            error_messages={"required": _("Enter the 6-digit security code")})


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What is this token for?"), max_length=100,
                           help_text=_("For example, the name of the script or laptop that will use it."),
                           error_messages={"required": _("Give the token a name")})


class StaffHeadcountForm(forms.Form):
    staff_headcount = forms.IntegerField(
        label=_("How many staff could report?"), required=False, min_value=1, max_value=10_000_000,
        help_text=_("Everyone who could send a report: a headcount, not full-time equivalents. The dashboard "
                    "divides reports by it to show a reporting rate per 100 staff. Leave it empty if you do not know."),
        error_messages={"invalid": _("Enter the number of staff as a whole number, like 250"),
                        "min_value": _("The number of staff must be at least 1"),
                        "max_value": _("The number of staff must be 10,000,000 or fewer")})


class FeedbackTargetForm(forms.Form):
    working_days = forms.IntegerField(
        label=_("Working days to first feedback"), required=False, min_value=1, max_value=100,
        help_text=_("How long a reporter should wait at most before a reviewer writes to them. Saturdays, Sundays "
                    "and bank holidays are not counted. Leave it empty to use the default of %(default)s."),
        error_messages={"invalid": _("Enter the number of working days as a whole number, like 10"),
                        "min_value": _("The target must be at least 1 working day"),
                        "max_value": _("The target must be 100 working days or fewer")})

    def __init__(self, *args, default: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["working_days"]
        field.help_text = field.help_text % {"default": default}


class DutyPhoneNumberForm(forms.Form):
    duty_phone_number = forms.RegexField(
        label=_("Phone number for help now"), required=False, max_length=40, regex=r"^\+?[0-9][0-9 ()-]{4,38}$",
        help_text=_("Your duty or front-door team's number. Every easy-read page shows it beside 999 and Childline, "
                    "for anyone who needs help now. Leave it empty to show those two only."),
        error_messages={"invalid": _("Enter a phone number using numbers, spaces and brackets only, like 01632 960 123"),
                        "max_length": _("The phone number must be 40 characters or fewer")})
