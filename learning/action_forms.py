"""The forms of the action pages. They check the shape of the input; learning.actions checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import DESCRIPTION_MAX, ActionFilters, ActionInput, possible_owners
from .models.actions import ActionStatus, Level, Strength

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d"]


def _any(label) -> list[tuple[str, str]]:
    return [("", label)]


def _owner_choices(organisation) -> list[tuple[str, str]]:
    return [(str(user.pk), user.get_full_name() or user.get_username()) for user in possible_owners(organisation)]


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("What will change"), max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what will be different and how. Names and case details are removed before anyone "
                    "else reads it. Changes that design the problem out are stronger than reminders or training."))
    level = forms.ChoiceField(label=_("What does it change?"), choices=Level.choices, widget=forms.RadioSelect,
                              help_text=_("Changing a rule or target itself is double-loop learning."))
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    due_date = forms.DateField(label=_("Due date"), required=False, input_formats=DATE_FORMATS,
                               help_text=_("For example, 27/3/2027"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _any(_("No owner yet")) + _owner_choices(organisation)

    def as_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(description=data["description"], level=data["level"], owner_id=data["owner"],
                           due_date=data["due_date"])


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(_("Any status")) + list(ActionStatus.choices))
    level = forms.ChoiceField(label=_("What it changes"), required=False, choices=_any(_("Any level")) + list(Level.choices))
    strength = forms.ChoiceField(label=_("Strength"), required=False,
                                 choices=_any(_("Any strength")) + list(Strength.choices))
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _any(_("Anyone")) + _owner_choices(organisation)

    def filters(self) -> ActionFilters:
        if not self.is_valid():
            return ActionFilters()
        data = self.cleaned_data
        return ActionFilters(status=data["status"], level=data["level"], strength=data["strength"],
                             overdue=data["overdue"], owner_id=data["owner"])


class StrengthForm(forms.Form):
    strength = forms.ChoiceField(label=_("Strength"), choices=Strength.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)
