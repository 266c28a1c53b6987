from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150,
                               error_messages={"required": _("Enter your username")})
    password = forms.CharField(label=_("Password"), max_length=200, widget=forms.PasswordInput,
                               strip=False, error_messages={"required": _("Enter your password")})

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.user = authenticate(self.request, username=data["username"], password=data["password"])
        if self.user is None or not self.user.is_active:
            raise forms.ValidationError(_("The username or password is not right"))
        return data


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Security code"), max_length=12,
                            help_text=_("The 6-digit code from your authenticator app."),
                            error_messages={"required": _("Enter the 6-digit security code")})


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What is this token for?"), max_length=100,
                           help_text=_("For example, the name of the script or laptop that will use it."),
                           error_messages={"required": _("Give the token a name")})
