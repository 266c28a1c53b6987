"""The reviewer's pages for clearing reports for sharing. Thin: the rules are in sharing.clearance."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from organisations.decorators import org_permission_required
from organisations.permissions import CLEAR_FOR_SHARING
from organisations.services import OrgAccess
from reporting import services as reporting
from reporting.choices import NARRATIVE_FIELDS, NARRATIVE_LABELS, ServiceArea
from sharing import clearance
from sharing.clearance_forms import ShareableTextForm


def _context(access: OrgAccess, **extra) -> dict:
    return {"access": access, "organisation": access.organisation, **extra}


def _rows(preview: clearance.Preview) -> list[tuple[str, str, str]]:
    return [(str(NARRATIVE_LABELS[name]), preview.confirmed[name], preview.shareable[name]) for name in NARRATIVE_FIELDS
            if preview.confirmed[name] or preview.shareable[name]]


def _change_rows(preview: clearance.Preview) -> list[tuple[str, str, str]]:
    """What the pass changed, with a service area in words rather than its key."""
    areas = dict(ServiceArea.choices)
    return [(change.kind, str(areas.get(change.before, change.before)), str(areas.get(change.after, change.after)))
            if change.kind == "service_area" else (change.kind, change.before, change.after)
            for change in preview.changes]


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(CLEAR_FOR_SHARING)
def clear(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    if not reporting.is_readable(report):
        return render(request, "sharing/clearance/not_confirmed.html", _context(access, report=report),
                      status=400 if request.method == "POST" else 200)
    bound = ShareableTextForm(request.POST) if request.method == "POST" else None
    valid = bound is not None and bound.is_valid()
    edited = bound.edited() if bound is not None and valid else None
    shown = clearance.preview(access, report, edited=edited)
    if valid and "clear" in request.POST:
        # Clear only what the reviewer has seen: an edit the pass changed again is shown first.
        if edited is None or edited == shown.shareable:
            shared = clearance.clear_report(access, report, by=request.user, edited=edited)
            messages.success(request, _("Report %(reference)s is cleared for sharing as %(public_id)s.")
                             % {"reference": report.reference, "public_id": shared.public_id})
            return redirect("sharing:cleared", org_slug=access.organisation.slug)
        messages.info(request, _("The sharing pass changed your text again. Check it, then clear it."))
    form = bound if bound is not None and not valid else ShareableTextForm(initial=shown.shareable)
    return render(request, "sharing/clearance/clear.html", _context(
        access, report=report, preview=shown, rows=_rows(shown), changes=_change_rows(shown), form=form,
        service_area_label=dict(ServiceArea.choices).get(shown.service_area, shown.service_area)),
        status=400 if bound is not None and not valid else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(CLEAR_FOR_SHARING)
def cleared(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        try:
            shared = clearance.withdraw(access, request.POST.get("public_id", ""), by=request.user)
        except clearance.ClearanceError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("%(public_id)s is withdrawn: it will not be shared from now on.")
                             % {"public_id": shared.public_id})
        return redirect("sharing:cleared", org_slug=organisation.slug)
    copies = list(clearance.shared_copies(organisation.pk))
    references = clearance.references_of(organisation, copies)
    return render(request, "sharing/clearance/cleared.html", _context(
        access, rows=[(copy, references.get(copy.source_report_id, "")) for copy in copies],
        service_areas=dict(ServiceArea.choices)))
