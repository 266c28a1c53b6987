"""Safety intelligence pages for reviewers and managers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess
from reporting import services as reporting

from . import search
from .forms import SearchForm

RESULTS = 25


@require_GET
@org_permission_required(perm.VIEW_REPORT)
def search_page(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Search the organisation's confirmed reports. Everything is in the URL, so a search can be shared."""
    organisation = access.organisation
    data = request.GET.copy()
    if "q" in data:  # any text is a query: NUL (which no database stores) becomes a space
        data["q"] = data["q"].replace("\x00", " ")[:search.MAX_QUERY_CHARS]
    searching = any(value for key, value in data.items() if key != "mode")
    form = SearchForm(data if searching else None, organisation_id=organisation.pk)
    hits = None
    if searching and form.is_valid():
        hits = search.search(organisation.pk, form.cleaned_data["q"], mode=form.chosen_mode, limit=RESULTS,
                             filters=form.filters())
    return render(request, "intelligence/search.html", {
        "access": access, "organisation": organisation, "form": form, "hits": hits, "searching": searching,
        "has_reports": reporting.readable_reports(organisation.pk).exists(), "results_limit": RESULTS,
    }, status=400 if form.errors else 200)
