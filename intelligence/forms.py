"""The search page's form: the words, how to rank, and the filters, all in the URL so a search can be shared."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coding import search_fields as coding
from reporting.choices import ReportKind, ServiceArea, Stage, short_label

from . import search, themes
from .date_range import DateRangeChecked

MODE_CHOICES = [
    ("hybrid", _("Best match (words and meaning)")),
    ("keyword", _("Exact words")),
    ("semantic", _("Similar meaning")),
]
DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d"]


def _any(label) -> list[tuple[str, str]]:
    return [("", label)]


class SearchForm(DateRangeChecked):
    q = forms.CharField(label=_("Search reports"), required=False, strip=True,
                        help_text=_("Words from what happened, a contributing factor, a stage or a service area"))
    mode = forms.ChoiceField(label=_("Match by"), choices=MODE_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Type of report"), required=False,
                             choices=_any(_("All types")) + [(value, short_label(label)) for value, label in ReportKind.choices])
    service_area = forms.ChoiceField(label=_("Service area"), required=False,
                                     choices=_any(_("All service areas")) + list(ServiceArea.choices))
    stage = forms.ChoiceField(label=_("Stage of work"), required=False, choices=_any(_("All stages")) + list(Stage.choices))
    factor = forms.ChoiceField(label=_("Contributing factor"), required=False)
    risk = forms.ChoiceField(label=_("Risk rating"), required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("Received from"), required=False, input_formats=DATE_FORMATS,
                                help_text=_("For example, 27/3/2026"))
    date_to = forms.DateField(label=_("Received to"), required=False, input_formats=DATE_FORMATS,
                              help_text=_("For example, 31/3/2026"))

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factor"].choices = _any(_("All factors")) + coding.factor_choices(organisation_id)
        self.fields["risk"].choices = _any(_("All ratings")) + coding.risk_band_choices()
        # Every theme the organisation has had: a link to a merged theme still finds its reports.
        self.fields["theme"].choices = _any(_("All themes")) + [(theme.pk, theme.label)
                                                                for theme in themes.all_themes(organisation_id)]
        self.fields["q"].validators = []  # any text at all is a query (intelligence.search)

    @property
    def chosen_mode(self) -> str:
        return self.cleaned_data.get("mode") or "hybrid"

    def filters(self) -> search.SearchFilters:
        data = self.cleaned_data
        return search.SearchFilters(kind=data["kind"], service_area=data["service_area"], stage=data["stage"],
                                    factor=data["factor"], risk=data["risk"], date_from=data["date_from"],
                                    date_to=data["date_to"], theme_id=data["theme"])
