"""The forms of a learning review, one per part, with error messages that say what to do."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coding import taxonomy
from reporting.choices import Agency

from .models.actions import Level
from .models.reviews import FindingCategory, ReviewScope, ReviewStatus

TEXT_MAX = 5000


def _text(label, *, required: bool = True, help_text="", rows: int = 5, message=None) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": message or _("Enter %(label)s") % {"label": str(label).lower()},
                                           "max_length": _("Keep it to %(n)s characters or fewer") % {"n": TEXT_MAX}})


class ReviewForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("Describe the incident or pattern, not the people: “Referrals lost between "
                                        "teams over the summer”."),
                            error_messages={"required": _("Enter a title for the review"),
                                            "max_length": _("Keep the title to 200 characters or fewer")})
    scope = forms.ChoiceField(label=_("What does the review look at?"), choices=ReviewScope.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Choose whether the review looks at one incident or a "
                                                            "cluster of reports")})
    summary = _text(_("Why it is being reviewed"), required=False, rows=4,
                    help_text=_("The terms of reference: what the review is for and what it will look at."))


class EpisodeForm(forms.Form):
    when = forms.CharField(label=_("When"), max_length=100, help_text=_("For example, “Week 2, at the referral”."),
                           error_messages={"required": _("Enter when the episode happened"),
                                           "max_length": _("Keep “when” to 100 characters or fewer")})
    what_happened = _text(_("What happened"), message=_("Enter what happened"))
    what_was_known = _text(_("What was known at the time"), required=False)
    what_made_sense = _text(_("What made sense at the time"), required=False,
                            help_text=_("Why what was done made sense to the people there, given what they knew, "
                                        "their workload and their tools."))


class FactorForm(forms.Form):
    code = forms.TypedChoiceField(label=_("Contributory factor"), coerce=int,
                                  help_text=_("From your organisation's taxonomy of contributing factors."),
                                  error_messages={"required": _("Choose a contributory factor"),
                                                  "invalid_choice": _("Choose a contributory factor from the list")})
    finding = _text(_("What the review found about it"), message=_("Enter what the review found about this factor"))

    def __init__(self, *args, organisation, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        codes = taxonomy.choosable(organisation, "factor")
        if current is not None and current not in codes:
            codes.append(current)  # a factor retired since it was recorded stays choosable here
        self._codes = {code.pk: code for code in codes}
        self.fields["code"].choices = [("", _("Choose a factor")), *((code.pk, code.name) for code in codes)]

    def clean_code(self):
        return self._codes[self.cleaned_data["code"]]


class FindingForm(forms.Form):
    category = forms.ChoiceField(label=_("Where in the system the pattern lies"), choices=FindingCategory.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose where in the system the pattern lies")})
    statement = _text(_("The finding"), rows=3, message=_("Enter the finding"),
                      help_text=_("A pattern in the system that makes good practice harder or easier, not a "
                                  "judgement of a person."))
    in_this_case = _text(_("How it showed in this case"), required=False)
    beyond_this_case = _text(_("How we know it is not a one-off"), required=False)
    why_it_matters = _text(_("Why it matters"), required=False)


class PerspectiveForm(forms.Form):
    agency = forms.ChoiceField(label=_("Agency"), choices=[("", _("Choose an agency")), *Agency.choices],
                               error_messages={"required": _("Choose the agency")})
    perspective = _text(_("The agency's perspective"), rows=6, message=_("Enter the agency's perspective"))


class RecommendationForm(forms.Form):
    text = _text(_("Recommendation"), rows=4, message=_("Enter the recommendation"))
    level = forms.ChoiceField(label=_("What it changes"), choices=Level.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Choose what the recommendation changes")})
    finding = forms.TypedChoiceField(label=_("The finding it answers"), required=False, coerce=int, empty_value=None,
                                     error_messages={"invalid_choice": _("Choose one of this review's findings")})

    def __init__(self, *args, findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._findings = {finding.pk: finding for finding in findings}
        self.fields["finding"].choices = [("", _("None in particular")),
                                          *((pk, f.statement[:80]) for pk, f in self._findings.items())]

    def clean_finding(self):
        pk = self.cleaned_data.get("finding")
        return self._findings.get(pk) if pk else None


PART_FORMS: dict[str, type[forms.Form]] = {
    "episodes": EpisodeForm, "factors": FactorForm, "findings": FindingForm, "perspectives": PerspectiveForm,
    "recommendations": RecommendationForm,
}


class LinkReportsForm(forms.Form):
    references = forms.CharField(label=_("Report references"), max_length=2000,
                                 help_text=_("One or more, separated by spaces or commas, like GC-3ECXSN."),
                                 error_messages={"required": _("Enter the reference of at least one report")})

    def clean_references(self) -> list[str]:
        return [ref for ref in self.cleaned_data["references"].replace(",", " ").split() if ref]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move the review to"), widget=forms.RadioSelect,
                                  error_messages={"required": _("Choose where to move the review"),
                                                  "invalid_choice": _("Choose one of the moves listed")})
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = {ReviewStatus.DRAFT: _("Back to draft"), ReviewStatus.IN_REVIEW: _("Circulate to partners for review"),
                  ReviewStatus.FINAL: _("Final: no further changes"), ReviewStatus.WITHDRAWN: _("Withdraw it")}
        self.fields["to_status"].choices = [(status, labels[status]) for status in allowed]
