"""Adding, changing and removing a review's parts: key practice episodes, contributory factors,
findings, partner agencies' perspectives and recommendations. One set of views for all five; each
part's form and rules are named in learning.review_forms and learning.reviews."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import RUN_LEARNING_REVIEW
from organisations.services import OrgAccess

from . import reviews
from .models.reviews import ReviewIsFinal
from .review_forms import PART_FORMS
from .review_views import review_or_404, to_review


def _kind_or_404(part: str) -> reviews.PartKind:
    kind = reviews.part_kind(part)
    if kind is None:
        raise Http404("No such part of a review")
    return kind


def _form(kind: reviews.PartKind, access: OrgAccess, review, data=None, item=None):
    form_class = PART_FORMS[kind.slug]
    initial = {}
    if item is not None:
        initial = {name: getattr(item, name) for name in kind.text_fields}
        initial.update({name: getattr(item, f"{name}_id" if name in ("code", "finding") else name)
                        for name in kind.other_fields})
    extra: dict = {}
    if kind.slug == "factors":
        extra = {"organisation": access.organisation, "current": item.code if item is not None else None}
    elif kind.slug == "recommendations":
        extra = {"findings": list(review.findings.all())}
    return form_class(data, initial=initial, **extra)


def _page(request, access, review, kind, form, item=None, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "learning/reviews/part_form.html", {
        "access": access, "organisation": access.organisation, "review": review, "kind": kind, "form": form,
        "item": item, "error": error}, status=status)


def _refused(request, access, review, kind, form, item, exc: Exception) -> HttpResponse:
    """The form again, with what was typed, and why it was not saved."""
    return _page(request, access, review, kind, form, item, error=str(exc), status=400)


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def part_add(request: HttpRequest, access: OrgAccess, review_id: int, part: str) -> HttpResponse:
    review, kind = review_or_404(access, review_id), _kind_or_404(part)
    form = _form(kind, access, review, request.POST or None)
    if not reviews.is_editable(review):
        return _refused(request, access, review, kind, form, None, reviews.ReviewError(_("This review can no longer be changed.")))
    if request.method == "POST" and form.is_valid():
        try:
            reviews.add_part(access, review, kind, form.cleaned_data, by=request.user)
        except (reviews.ReviewError, ReviewIsFinal) as exc:
            return _refused(request, access, review, kind, form, None, exc)
        messages.success(request, _("Added the %(part)s.") % {"part": kind.name})
        return to_review(access, review)
    return _page(request, access, review, kind, form, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def part_edit(request: HttpRequest, access: OrgAccess, review_id: int, part: str, item_id: int) -> HttpResponse:
    review, kind = review_or_404(access, review_id), _kind_or_404(part)
    item = reviews.part_in(review, kind, item_id)
    if item is None:
        raise Http404("No such part of this review")
    form = _form(kind, access, review, request.POST or None, item)
    if not reviews.is_editable(review):
        return _refused(request, access, review, kind, form, item, reviews.ReviewError(_("This review can no longer be changed.")))
    if request.method == "POST" and form.is_valid():
        try:
            reviews.change_part(access, review, kind, item, form.cleaned_data, by=request.user)
        except (reviews.ReviewError, ReviewIsFinal) as exc:
            return _refused(request, access, review, kind, form, item, exc)
        messages.success(request, _("Saved the %(part)s.") % {"part": kind.name})
        return to_review(access, review)
    return _page(request, access, review, kind, form, item, status=400 if form.is_bound else 200)


@require_POST
@org_permission_required(RUN_LEARNING_REVIEW)
def part_remove(request: HttpRequest, access: OrgAccess, review_id: int, part: str) -> HttpResponse:
    review, kind = review_or_404(access, review_id), _kind_or_404(part)
    try:
        item = reviews.part_in(review, kind, int(request.POST.get("item", "")))
    except ValueError:
        item = None
    if item is None:
        form = _form(kind, access, review)
        return _refused(request, access, review, kind, form, None, reviews.ReviewError(_("Choose what to remove.")))
    try:
        reviews.remove_part(access, review, kind, item, by=request.user)
    except (reviews.ReviewError, ReviewIsFinal) as exc:
        return _refused(request, access, review, kind, _form(kind, access, review, None, item), item, exc)
    messages.success(request, _("Removed the %(part)s.") % {"part": kind.name})
    return to_review(access, review)
