"""Forms: opening a wave, issuing links, and the survey itself (built from the wave's item bank version)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from culture import item_bank
from culture.models import Wave
from culture.responding import NOT_SAID
from culture.waves import MAX_INVITATIONS, MAX_TEAMS, clean_teams


class OpenWaveForm(forms.Form):
    teams = forms.CharField(
        label=_("Teams people can choose from"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One team on each line. People can also choose “I’d rather not say”. A team with fewer "
                    "answers than the privacy threshold is never shown on its own."))

    def clean_teams(self) -> list[str]:
        lines = self.cleaned_data["teams"].splitlines()
        if len({line.strip() for line in lines if line.strip()}) > MAX_TEAMS:
            raise forms.ValidationError(_("Enter at most %(n)s teams") % {"n": MAX_TEAMS})
        return clean_teams(lines)


class IssueInvitationsForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many links"), min_value=1, max_value=MAX_INVITATIONS,
        help_text=_("One for each person you will send the survey to. Each link works once."),
        error_messages={"required": _("Enter how many links to make"),
                        "invalid": _("Enter how many links to make as a whole number, like 40"),
                        "min_value": _("Make at least 1 link"),
                        "max_value": _("Make at most %(limit_value)s links at a time")})


RATHER_NOT_SAY = "rather-not-say"  # the form's value; stored as NOT_SAID


class SurveyForm(forms.Form):
    """Every statement of the wave's version as a required five-point question, and the team."""

    def __init__(self, *args, wave: Wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.wave = wave
        self.items = item_bank.items_of(wave.item_bank_version)
        self.fields["team"] = forms.ChoiceField(
            label=_("Which team do you work in?"), widget=forms.RadioSelect,
            choices=[*((t, t) for t in wave.teams), (RATHER_NOT_SAY, _("I’d rather not say"))],
            help_text=_("Results for a team are only shown when enough people in it answer."),
            error_messages={"required": _("Choose your team, or “I’d rather not say”")})
        for item in self.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.text, widget=forms.RadioSelect, coerce=int, choices=item_bank.SCALE,
                error_messages={"required": _("Choose how much you agree with this statement")})

    def sections(self) -> list[tuple[str, list]]:
        """The statements grouped by construct, in the bank's order, for one section each."""
        grouped: dict[str, list] = {}
        for item in self.items:
            grouped.setdefault(item.construct, []).append(self[item.key])
        return [(item_bank.CONSTRUCTS[c]["name"], fields) for c, fields in grouped.items()]

    def team(self) -> str:
        team = self.cleaned_data["team"]
        return NOT_SAID if team == RATHER_NOT_SAY else team

    def answers(self) -> dict[str, int]:
        return {item.key: self.cleaned_data[item.key] for item in self.items}
