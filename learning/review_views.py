"""Learning review pages: the list, a new review, one review, its details, linked reports, its status,
a new version and accepting a recommendation. Thin: the rules are in learning.reviews and
learning.review_lifecycle. Anyone who may read reports may read a review; RUN_LEARNING_REVIEW changes it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import RUN_LEARNING_REVIEW, VIEW_REPORT
from organisations.services import OrgAccess

from . import review_lifecycle as lifecycle
from . import reviews
from .models import LearningReview
from .models.reviews import ReviewIsFinal, ReviewStatus
from .review_forms import LinkReportsForm, ReviewForm, TransitionForm


def review_or_404(access: OrgAccess, review_id: int) -> LearningReview:
    review = reviews.review_in(access.organisation.pk, review_id)
    if review is None:
        raise Http404("No such learning review")
    return review


def to_review(access: OrgAccess, review: LearningReview) -> HttpResponse:
    return redirect("learning:review", org_slug=access.organisation.slug, review_id=review.pk)


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def review_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    rows = reviews.reviews_of(access.organisation.pk).select_related("predecessor")
    return render(request, "learning/reviews/list.html", {
        "access": access, "organisation": access.organisation, "reviews": rows,
        "may_run": access.can(RUN_LEARNING_REVIEW)})


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def review_new(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = reviews.create_review(access, reviews.ReviewDetails(**form.cleaned_data), by=request.user)
        except reviews.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Learning review started. Any personal details you typed were replaced "
                                        "with placeholders."))
            return to_review(access, review)
    return render(request, "learning/reviews/details_form.html", {
        "access": access, "organisation": access.organisation, "form": form, "review": None},
        status=400 if form.is_bound else 200)


def _detail(request, access: OrgAccess, review: LearningReview, *, transition_form=None, error: str = "",
            status: int = 200) -> HttpResponse:
    may_run = access.can(RUN_LEARNING_REVIEW)
    return render(request, "learning/reviews/detail.html", {
        "access": access, "organisation": access.organisation, "review": review, "error": error,
        "reports": reviews.linked_reports(review),
        "episodes": review.episodes.all(), "factors": review.factors.select_related("code"),
        "findings": review.findings.all(), "perspectives": review.perspectives.all(),
        "recommendations": review.recommendations.select_related("finding"),
        "accepted": reviews.accepted_actions(review),
        "history": lifecycle.history(review), "successors": review.successors.all(),
        "may_edit": may_run and reviews.is_editable(review),
        "may_accept": may_run and review.status in reviews.ACCEPTING,
        "may_revise": may_run and review.status == ReviewStatus.FINAL,
        "transition_form": (transition_form or TransitionForm(allowed=lifecycle.allowed_next(review))) if may_run else None,
        "intact": lifecycle.intact(review) if review.is_final else None,
    }, status=status)


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def review_detail(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    return _detail(request, access, review_or_404(access, review_id))


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def review_edit(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    review = review_or_404(access, review_id)
    if not reviews.is_editable(review):
        return _detail(request, access, review, error=_("This review can no longer be changed."), status=400)
    form = ReviewForm(request.POST or None, initial={"title": review.title, "scope": review.scope,
                                                     "summary": review.summary})
    if request.method == "POST" and form.is_valid():
        try:
            reviews.change_details(access, review, reviews.ReviewDetails(**form.cleaned_data), by=request.user)
        except (reviews.ReviewError, ReviewIsFinal) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Review details saved."))
            return to_review(access, review)
    return render(request, "learning/reviews/details_form.html", {
        "access": access, "organisation": access.organisation, "form": form, "review": review},
        status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def review_reports(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    """Link reports to the review by their references."""
    review = review_or_404(access, review_id)
    form = LinkReportsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            linked = reviews.link_reports(access, review, form.cleaned_data["references"], by=request.user)
        except (reviews.ReviewError, ReviewIsFinal) as exc:
            form.add_error("references", str(exc))
        else:
            messages.success(request, _("Linked: %(refs)s.") % {"refs": ", ".join(linked)} if linked
                             else _("Those reports were already linked."))
            return to_review(access, review)
    return render(request, "learning/reviews/link_reports.html", {
        "access": access, "organisation": access.organisation, "review": review, "form": form,
        "reports": reviews.linked_reports(review), "may_edit": reviews.is_editable(review)},
        status=400 if form.is_bound else 200)


@require_POST
@org_permission_required(RUN_LEARNING_REVIEW)
def review_unlink(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    review = review_or_404(access, review_id)
    try:
        report_id = int(request.POST.get("report", ""))
    except ValueError:
        return _detail(request, access, review, error=_("Choose a linked report to take out."), status=400)
    try:
        removed = reviews.unlink_report(access, review, report_id, by=request.user)
    except (reviews.ReviewError, ReviewIsFinal) as exc:
        return _detail(request, access, review, error=str(exc), status=400)
    if removed:
        messages.success(request, _("Report taken out of the review."))
    return to_review(access, review)


@require_POST
@org_permission_required(RUN_LEARNING_REVIEW)
def review_status(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    review = review_or_404(access, review_id)
    form = TransitionForm(request.POST, allowed=lifecycle.allowed_next(review))
    if form.is_valid():
        try:
            lifecycle.move(access, review, form.cleaned_data["to_status"], by=request.user,
                           note=form.cleaned_data["note"])
        except lifecycle.TransitionError as exc:
            form.add_error("to_status", str(exc))
        else:
            messages.success(request, _("The review is now “%(status)s”.") % {"status": review.get_status_display()})
            return to_review(access, review)
    return _detail(request, access, review, transition_form=form, status=400)


@require_POST
@org_permission_required(RUN_LEARNING_REVIEW)
def review_new_version(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    review = review_or_404(access, review_id)
    try:
        draft = lifecycle.start_new_version(access, review, by=request.user)
    except reviews.ReviewError as exc:
        return _detail(request, access, review, error=str(exc), status=400)
    messages.success(request, _("Version %(version)s started as a draft. Version %(old)s stays as it was.")
                     % {"version": draft.version, "old": review.version})
    return to_review(access, draft)


@require_POST
@org_permission_required(RUN_LEARNING_REVIEW)
def review_accept(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    """Accept a recommendation: it becomes a proposed action."""
    review = review_or_404(access, review_id)
    try:
        action = reviews.accept_recommendation(access, review, int(request.POST.get("recommendation", "")),
                                               by=request.user)
    except ValueError as exc:  # ReviewError is one too
        message = str(exc) if isinstance(exc, reviews.ReviewError) else _("Choose one of this review's recommendations.")
        return _detail(request, access, review, error=message, status=400)
    messages.success(request, _("Recommendation accepted. It is now proposed action %(number)s.") % {"number": action.pk})
    return to_review(access, review)
