"""The library's search form and its organisation setting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sharing import library

MAX_QUERY_CHARS = 200


class LibrarySearchForm(forms.Form):
    """Words, a kind and a source; all optional, read from the query string so that links and the
    feed can carry them."""

    q = forms.CharField(label=_("Search the library"), required=False, max_length=MAX_QUERY_CHARS,
                        help_text=_("Words from the title or the text, for example: handover"),
                        error_messages={"max_length": _("Search for %(limit_value)d characters or fewer")})
    kind = forms.ChoiceField(label=_("Kind of learning"), required=False)
    source = forms.ChoiceField(label=_("From"), required=False)

    def __init__(self, *args, sources: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *((k, str(v)) for k, v in library.KINDS.items())]
        self.fields["source"].choices = [("", _("Every organisation")), *sources]

    def filters(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {"q": "", "kind": "", "source": ""}
        return {name: self.cleaned_data.get(name) or "" for name in ("q", "kind", "source")}


class LibrarySharingForm(forms.Form):
    share = forms.ChoiceField(
        label=_("Share our published learning with every member organisation?"), widget=forms.RadioSelect,
        choices=[("yes", _("Yes: practitioners of every member organisation can read our published bulletins, "
                           "\u201cyou said, we did\u201d and published supervision vignettes")),
                 ("no", _("No: only our own staff read them"))],
        error_messages={"required": _("Select whether to share your published learning")})
