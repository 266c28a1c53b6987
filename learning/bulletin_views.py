"""Bulletin pages: the list, a new draft, editing, the gate's check, publishing, the published page
and its PDF. Thin: the rules are in learning.bulletins."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import PUBLISH_BULLETIN, READ_LEARNING
from organisations.services import OrgAccess
from protection import suppression

from . import bulletin_mail, bulletin_pdf, bulletins
from .bulletin_forms import BulletinEditForm, NewBulletinForm
from .models import Bulletin
from .models.bulletins import BulletinStatus


def _bulletin_or_404(access: OrgAccess, bulletin_id: int, *, readable: bool = False) -> Bulletin:
    """This organisation's bulletin. Staff who do not publish see only published ones: a draft does
    not exist for them."""
    bulletin = bulletins.bulletin_in(access.organisation.pk, bulletin_id)
    if bulletin is None or (readable and bulletin.status != BulletinStatus.PUBLISHED and not access.can(PUBLISH_BULLETIN)):
        raise Http404("No such bulletin")
    return bulletin


def _to(name: str, access: OrgAccess, bulletin: Bulletin):
    return redirect(f"learning:{name}", org_slug=access.organisation.slug, bulletin_id=bulletin.pk)


@never_cache
@require_GET
@org_permission_required(READ_LEARNING)
def bulletin_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    may_publish = access.can(PUBLISH_BULLETIN)
    return render(request, "learning/bulletins/list.html", {
        "access": access, "organisation": access.organisation, "may_publish": may_publish,
        "bulletins": bulletins.bulletins_of(access.organisation.pk, with_drafts=may_publish)})


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(PUBLISH_BULLETIN)
def bulletin_new(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = NewBulletinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bulletin = bulletins.propose_draft(access.organisation, title=form.cleaned_data["title"],
                                           period_start=form.cleaned_data["period_start"],
                                           period_end=form.cleaned_data["period_end"], by=request.user)
        messages.success(request, _("Draft proposed from the period's themes, spike alerts and finished actions. "
                                    "Choose what goes in, edit the words, then check it."))
        return _to("bulletin-edit", access, bulletin)
    return render(request, "learning/bulletins/new.html", {"access": access, "organisation": access.organisation,
                                                            "form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(PUBLISH_BULLETIN)
def bulletin_edit(request: HttpRequest, access: OrgAccess, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_or_404(access, bulletin_id)
    if bulletin.status != BulletinStatus.DRAFT:
        messages.info(request, _("This bulletin is no longer a draft, so it cannot be edited."))
        return _to("bulletin", access, bulletin)
    items = bulletins.items_of(bulletin)
    form = BulletinEditForm(request.POST or None, bulletin=bulletin, items=items)
    if request.method == "POST" and form.is_valid():
        bulletins.edit_draft(bulletin, title=form.cleaned_data["title"], introduction=form.cleaned_data["introduction"],
                             items=form.item_edits(), by=request.user)
        messages.success(request, _("Draft saved."))
        return _to("bulletin-check" if "check" in request.POST else "bulletin-edit", access, bulletin)
    return render(request, "learning/bulletins/edit.html", {
        "access": access, "organisation": access.organisation, "bulletin": bulletin, "form": form}, status=400 if form.errors else 200)


def _check_page(request, access: OrgAccess, bulletin: Bulletin, result, *, status: int = 200) -> HttpResponse:
    return render(request, "learning/bulletins/check.html", {
        "access": access, "organisation": access.organisation, "bulletin": bulletin, "result": result,
        "recipients": len(bulletins.staff_addresses(access.organisation)),
        "is_draft": bulletin.status == BulletinStatus.DRAFT}, status=status)


@never_cache
@require_GET
@org_permission_required(PUBLISH_BULLETIN)
def bulletin_check(request: HttpRequest, access: OrgAccess, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_or_404(access, bulletin_id)
    return _check_page(request, access, bulletin, bulletins.check(bulletin))


@require_POST
@org_permission_required(PUBLISH_BULLETIN)
def bulletin_publish(request: HttpRequest, access: OrgAccess, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_or_404(access, bulletin_id)
    was_draft = bulletin.status == BulletinStatus.DRAFT
    try:
        bulletin = bulletins.publish(bulletin, by=request.user)
    except bulletins.NotPublishable as refused:
        return _check_page(request, access, bulletin, refused.result, status=400)
    if was_draft and bulletin.status == BulletinStatus.PUBLISHED:
        messages.success(request, _("Published. Every member of staff can read it now, and the emails are on their way."))
    return _to("bulletin", access, bulletin)


@require_POST
@org_permission_required(PUBLISH_BULLETIN)
def bulletin_withdraw(request: HttpRequest, access: OrgAccess, bulletin_id: int) -> HttpResponse:
    bulletin = bulletins.withdraw(_bulletin_or_404(access, bulletin_id), by=request.user)
    messages.success(request, _("Withdrawn: staff no longer see this bulletin."))
    return _to("bulletin", access, bulletin)


@never_cache
@require_GET
@org_permission_required(READ_LEARNING)
def bulletin_page(request: HttpRequest, access: OrgAccess, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_or_404(access, bulletin_id, readable=True)
    published = bulletin.status != BulletinStatus.DRAFT
    snapshot = bulletin.snapshot if published else bulletins.snapshot_of(bulletin)  # a draft is previewed as it would be
    return render(request, "learning/bulletins/page.html", {
        "access": access, "organisation": access.organisation, "bulletin": bulletin, "snapshot": snapshot,
        "preview": not published, "may_publish": access.can(PUBLISH_BULLETIN),
        "legend": suppression.legend(snapshot.get("k")),
        "deliveries": bulletin_mail.deliveries_of(bulletin) if access.can(PUBLISH_BULLETIN) and published else []})


@never_cache
@require_GET
@org_permission_required(READ_LEARNING)
def bulletin_pdf_download(request: HttpRequest, access: OrgAccess, bulletin_id: int) -> HttpResponse:
    bulletin = _bulletin_or_404(access, bulletin_id, readable=True)
    if bulletin.status != BulletinStatus.PUBLISHED:
        raise Http404("Only a published bulletin has a PDF")
    pdf, pages = bulletin_pdf.render(bulletin)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bulletin-{bulletin.pk}.pdf"'
    response["X-Page-Count"] = str(pages)
    return response
