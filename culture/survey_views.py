"""The respondent's pages, under /survey/ (an anonymous route: no session, no address, no device).

Nothing here logs, audits or stores a time: see culture.responding."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from culture import responding
from culture.forms import SurveyForm
from culture.responding import LinkState

_PAGES = {
    LinkState.USED: ("culture/survey/used.html", 200),
    LinkState.CLOSED: ("culture/survey/closed.html", 200),
    LinkState.UNKNOWN: ("culture/survey/unknown.html", 404),
}


def _link_page(request: HttpRequest, state: LinkState, wave) -> HttpResponse:
    template, status = _PAGES[state]
    return render(request, template, {"wave": wave}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    state, wave = responding.find_link(token)
    if state != LinkState.OPEN:
        return _link_page(request, state, wave)
    form = SurveyForm(request.POST or None, wave=wave)
    if request.method == "POST" and form.is_valid():
        outcome = responding.submit_response(token, team=form.team(), answers=form.answers())
        if outcome != LinkState.ANSWERED:
            return _link_page(request, outcome, wave)
        return redirect("culture:thanks")
    return render(request, "culture/survey/form.html", {"wave": wave, "organisation": wave.organisation, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "culture/survey/thanks.html")
