"""The forms of the agreement pages. They check the shape of the input; sharing.agreements checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.actions import Level

from .agreements import KIND_CHOICES, PURPOSE_MAX, SERVICE_AREA_CHOICES, TEXT_MAX, Proposal

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d"]


def _text(label, *, message, help_text="", rows: int = 5, max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": message,
                                           "max_length": _("Keep it to %(n)s characters or fewer") % {"n": max_length}})


class ProposeForm(forms.Form):
    partner = forms.ChoiceField(label=_("Partner organisation"),
                                help_text=_("Another organisation on Good Catch: police, health, education or "
                                            "another council."),
                                error_messages={"required": _("Choose the partner organisation"),
                                                "invalid_choice": _("Choose a partner organisation from the list")})
    purpose = _text(_("Purpose"), message=_("Enter the purpose of the agreement"), max_length=PURPOSE_MAX, rows=4,
                    help_text=_("What the two agencies want to learn together, for example “Referrals between "
                                "the council and the hospital's safeguarding team”."))
    kinds = forms.MultipleChoiceField(label=_("Kinds of report"), required=False, choices=KIND_CHOICES,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Leave all unticked to share every kind."))
    service_areas = forms.MultipleChoiceField(label=_("Service areas"), required=False, choices=SERVICE_AREA_CHOICES,
                                              widget=forms.CheckboxSelectMultiple,
                                              help_text=_("Leave all unticked to share every service area."))
    themes = forms.MultipleChoiceField(label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Leave all unticked to share every theme."))
    expires_on = forms.DateField(label=_("Expiry date"), input_formats=DATE_FORMATS,
                                 help_text=_("The last day the partner can read. For example, 31/3/2027"),
                                 error_messages={"required": _("Enter the expiry date"),
                                                 "invalid": _("Enter the expiry date as a real date, like 31/3/2027")})

    def __init__(self, *args, partners: list[tuple[str, str]], themes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", _("Choose an organisation"))] + partners
        self.fields["themes"].choices = [(title, title) for title in themes]
        if not themes:
            del self.fields["themes"]

    def as_proposal(self) -> Proposal:
        data = self.cleaned_data
        return Proposal(partner_slug=data["partner"], purpose=data["purpose"], expires_on=data["expires_on"],
                        kinds=tuple(data["kinds"]), service_areas=tuple(data["service_areas"]),
                        themes=tuple(data.get("themes") or ()))


class PerspectiveForm(forms.Form):
    text = _text(_("Your agency's perspective"), message=_("Enter your agency's perspective"),
                 help_text=_("How it looked from your agency: what you knew, what you did and why it made sense. "
                             "Names and case details are replaced with placeholders before it is saved."))


class ProposeActionForm(forms.Form):
    description = _text(_("Action you propose"), message=_("Describe the action you propose"), rows=4,
                        help_text=_("What the other agency could change. It can accept it as one of its actions, "
                                    "or decline it with a reason."))


class AnswerActionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect,
                                 choices=[("accept", _("Accept it as one of our actions")),
                                          ("decline", _("Decline it"))],
                                 error_messages={"required": _("Choose whether to accept or decline the action")})
    level = forms.ChoiceField(label=_("What does it change?"), required=False, choices=[("", "")] + list(Level.choices))
    reason = forms.CharField(label=_("Why you are declining it"), required=False, max_length=TEXT_MAX,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "accept" and not data.get("level"):
            self.add_error("level", _("Choose what the action changes"))
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why you are declining the action"))
        return data


class ToReviewForm(forms.Form):
    review = forms.TypedChoiceField(label=_("Learning review"), coerce=int,
                                    error_messages={"required": _("Choose a learning review"),
                                                    "invalid_choice": _("Choose a learning review from the list")})

    def __init__(self, *args, reviews: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].choices = [(review.pk, f"{review.reference} – {review.title}") for review in reviews]
