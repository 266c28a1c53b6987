"""The admins' and managers' pages: waves, invitation links, and results. Thin: the rules are in
culture.waves and culture.results."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from culture import charts, item_bank, waves
from culture import results as culture_results
from culture.forms import IssueInvitationsForm, OpenWaveForm
from culture.models import Wave
from organisations.decorators import org_permission_required
from organisations.permissions import MANAGE_SURVEY, VIEW_CULTURE_RESULTS
from organisations.services import OrgAccess
from protection.audit import audit
from protection.suppression import legend


def _wave_or_404(access: OrgAccess, wave_id: int) -> Wave:
    wave = waves.wave_in(access.organisation, wave_id)
    if wave is None:
        raise Http404("No such wave")
    return wave


def _context(access: OrgAccess, **extra) -> dict:
    return {"access": access, "organisation": access.organisation, **extra}


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_SURVEY)
def wave_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    open_wave = waves.open_wave_of(organisation)
    form = OpenWaveForm(request.POST or None) if open_wave is None else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            wave = waves.open_wave(organisation, teams=form.cleaned_data["teams"], by=request.user)
        except waves.WaveAlreadyOpen:
            messages.info(request, _("A wave is already open."))
            return redirect("culture:waves", org_slug=organisation.slug)
        messages.success(request, _("Wave %(number)s is open. Make the links to send to staff.") % {"number": wave.number})
        return redirect("culture:wave", org_slug=organisation.slug, wave_id=wave.pk)
    rows = [(wave, *waves.invitation_counts(wave)) for wave in waves.waves_of(organisation)]
    return render(request, "culture/waves.html", _context(access, rows=rows, open_wave=open_wave, form=form,
                                                          version=item_bank.CURRENT_VERSION),
                  status=400 if form is not None and form.errors else 200)


@never_cache
@require_GET
@org_permission_required(MANAGE_SURVEY)
def wave_detail(request: HttpRequest, access: OrgAccess, wave_id: int) -> HttpResponse:
    wave = _wave_or_404(access, wave_id)
    issued, used = waves.invitation_counts(wave)
    return render(request, "culture/wave.html", _context(access, wave=wave, issued=issued, used=used,
                                                         form=IssueInvitationsForm()))


@never_cache
@require_POST
@org_permission_required(MANAGE_SURVEY)
def wave_invitations(request: HttpRequest, access: OrgAccess, wave_id: int) -> HttpResponse:
    """Make links and show them once: on the page, or as a text file with one address a line."""
    wave = _wave_or_404(access, wave_id)
    form = IssueInvitationsForm(request.POST)
    if not wave.is_open:
        messages.info(request, _("This wave has closed, so no more links can be made for it."))
        return redirect("culture:wave", org_slug=access.organisation.slug, wave_id=wave.pk)
    if not form.is_valid():
        issued, used = waves.invitation_counts(wave)
        return render(request, "culture/wave.html", _context(access, wave=wave, issued=issued, used=used, form=form),
                      status=400)
    as_file = "download" in request.POST
    urls = waves.issue_invitations(wave, form.cleaned_data["count"], by=request.user, via="file" if as_file else "page")
    if as_file:
        response = HttpResponse("".join(f"{url}\n" for url in urls), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="survey-links-{access.organisation.slug}-'
                                           f'wave-{wave.number}.txt"')
        return response
    return render(request, "culture/invitations.html", _context(access, wave=wave, urls=urls,
                                                                as_text="".join(f"{u}\n" for u in urls)))


@never_cache
@require_POST
@org_permission_required(MANAGE_SURVEY)
def wave_close(request: HttpRequest, access: OrgAccess, wave_id: int) -> HttpResponse:
    wave = _wave_or_404(access, wave_id)
    if wave.is_open:
        waves.close_wave(wave, by=request.user)
        messages.success(request, _("Wave %(number)s is closed. Its links no longer work.") % {"number": wave.number})
    return redirect("culture:wave", org_slug=access.organisation.slug, wave_id=wave.pk)


@never_cache
@require_GET
@org_permission_required(VIEW_CULTURE_RESULTS)
def results(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    all_waves = list(waves.waves_of(organisation))
    chosen = all_waves[0] if all_waves else None
    wanted = request.GET.get("wave", "")
    if wanted.isdigit():
        chosen = next((w for w in all_waves if w.pk == int(wanted)), chosen)
    audit("culture.results_view", actor=request.user, organisation_id=organisation.pk,
          subject=f"wave:{chosen.pk}" if chosen else "")
    points = culture_results.trend(organisation)
    constructs = list(item_bank.CONSTRUCTS)
    spec = charts.trend_spec(points, constructs, description=_("Average score on each theme, wave by wave, from 1 to 5. "
                                                              "The table beside the chart has the same numbers."),
                             wave_label=_("Wave %(number)s"), score_label=_("Average score (1 to 5)"))
    wave_figures = culture_results.wave_results(chosen) if chosen else None
    return render(request, "culture/results.html", _context(
        access, waves=all_waves, chosen=chosen, points=points, spec=spec, figures=wave_figures,
        constructs=[(c, str(item_bank.CONSTRUCTS[c]["name"])) for c in constructs],
        reading=culture_results.reading(organisation), legend=legend(), k=wave_figures.k if wave_figures else None))
