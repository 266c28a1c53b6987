"""Coding pages. Thin: the report comes through reporting's organisation-scoped loader, and every
rule and write is in coding.services, coding.taxonomy and coding.suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import CODE_REPORT, MANAGE_TAXONOMY, VIEW_AGGREGATES
from organisations.services import OrgAccess
from protection import suppression
from reporting.services import open_report_or_404

from . import risk, services, suggestions, taxonomy, texts
from .forms import CodeForm, CodingForm, NewCodeForm
from .models import Consequence, Likelihood, Use
from .services import CodingError, NotPermitted
from .taxonomy import TaxonomyError


def _context(access: OrgAccess, **extra):
    return {"access": access, "organisation": access.organisation, **extra}


def _matrix_rows(organisation):
    """The matrix as the page shows it: a row per likelihood, most likely first."""
    bands = services.matrix_for(organisation)
    return [(label, [risk.rate(c, likelihood, bands) for c in Consequence.values])
            for likelihood, label in reversed(Likelihood.choices)]


def _factor_items(form: CodingForm, shown: list[suggestions.Shown]):
    """Each factor checkbox once: the suggested ones first, with their confidence and phrases, then the
    rest under their branches. Ids run in that order, so the error summary's link finds the first box."""
    by_key = {code.key: code for code in form.factor_codes}
    chosen = set(form["factors"].value() or [])
    shown = [s for s in shown if s.code.key in by_key]
    taken = {s.code.key for s in shown}
    numbers = iter(range(len(by_key)))

    def item(code, suggestion=None):
        return {"code": code, "id": f"id_factors_{next(numbers)}", "checked": code.key in chosen,
                "suggestion": suggestion, "failure": form.failure_field(code.key)}

    suggested = [item(s.code, s) for s in shown]
    branches = {}
    for code in form.factor_codes:
        branches.setdefault(code.parent_id, []).append(code)
    names = taxonomy.codes_by_pk(form.factor_codes[0].organisation_id if form.factor_codes else None, branches)
    groups = [(names.get(parent_id), [item(code) for code in codes if code.key not in taken])
              for parent_id, codes in branches.items()]
    return suggested, [(branch, items) for branch, items in groups if items]


def _coding_page(request, access, report, *, form=None, status=200):
    organisation, user = access.organisation, request.user
    may_code = services.may_code(access, report, user)
    shown: list[suggestions.Shown] = []
    suggested, groups = [], []
    if may_code:
        form = form or CodingForm(
            factor_codes=taxonomy.choosable(organisation, Use.FACTOR),
            error_types=taxonomy.choosable(organisation, Use.ERROR_TYPE),
            initial={"stage": report.stage, "potential_harm": report.potential_harm or None})
        shown = suggestions.propose(organisation, report, user)
        suggested, groups = _factor_items(form, shown)
    codings = services.visible_codings(report, user)
    own = next((c for c in codings if c.coder_id == user.pk), None)
    hidden = services.others_hidden(report, user)
    return render(request, "coding/report.html", _context(
        access, report=report, narrative=texts.narrative(report), readable=bool(texts.narrative(report)),
        form=form if may_code else None, suggested=suggested, groups=groups, codings=codings, own=own,
        others_hidden=hidden, comparison=_comparison(codings) if len(codings) >= 2 else None,
        matrix=_matrix_rows(organisation), consequences=Consequence.choices,
        rating=_rating_of(organisation, form["potential_harm"].value(), form["likelihood"].value()) if form else None,
    ), status=status)


def _comparison(codings):
    """What the first two coders agreed on, once both may be seen."""
    first, second = ({f.code for f in c.factors.all()} for c in codings[:2])
    return {"both": sorted(first & second, key=lambda c: c.position),
            "first_only": sorted(first - second, key=lambda c: c.position),
            "second_only": sorted(second - first, key=lambda c: c.position)}


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(CODE_REPORT)
def report_coding(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = open_report_or_404(access, reference, viewer=request.user)
    if request.method == "GET":
        return _coding_page(request, access, report)
    if not services.may_code(access, report, request.user):
        return _coding_page(request, access, report, status=400)
    organisation = access.organisation
    form = CodingForm(request.POST, factor_codes=taxonomy.choosable(organisation, Use.FACTOR),
                      error_types=taxonomy.choosable(organisation, Use.ERROR_TYPE))
    if form.is_valid():
        try:
            coding = services.record_coding(access, report, form.to_input(), by=request.user)
        except NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        except CodingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            rated = risk.band(coding.risk_band)
            messages.success(request, _("Coding saved. Risk rating: %(band)s (%(score)s).")
                             % {"band": rated.label, "score": coding.risk_score})
            return redirect("coding:report", org_slug=organisation.slug, reference=report.reference)
    return _coding_page(request, access, report, form=form, status=400)


def _rating_of(organisation, consequence, likelihood):
    """The rating for two raw answers, or None until both are a number from 1 to 5."""
    try:
        consequence, likelihood = int(consequence), int(likelihood)
    except (TypeError, ValueError):
        return None
    if not (1 <= consequence <= risk.SIZE and 1 <= likelihood <= risk.SIZE):
        return None
    return services.rating(organisation, consequence, likelihood)


@never_cache
@require_GET
@org_permission_required(CODE_REPORT)
def risk_preview(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """The rating as the reviewer chooses (htmx swaps it into the coding form); the saved coding
    shows it without JavaScript."""
    rating = _rating_of(access.organisation, request.GET.get("potential_harm"), request.GET.get("likelihood"))
    return render(request, "coding/includes/risk_preview.html", {"rating": rating})


@require_POST
@org_permission_required(CODE_REPORT)
def report_unblind(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = open_report_or_404(access, reference, viewer=request.user)
    services.unblind(access, report, by=request.user)
    return redirect("coding:report", org_slug=access.organisation.slug, reference=report.reference)


@never_cache
@require_GET
@org_permission_required(CODE_REPORT)
def worklist(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Reports to code, and reports waiting for a second coder who has not seen the first coding."""
    which = request.GET.get("show", "uncoded")
    if which not in services.WORKLISTS:
        which = "uncoded"
    page = services.worklist(access, request.user, which, request.GET.get("page", 1))
    return render(request, "coding/worklist.html", _context(
        access, page=page, which=which, lists=list(services.WORKLISTS.items()),
        page_range=page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)))


@never_cache
@require_GET
@org_permission_required(VIEW_AGGREGATES)
def quality(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Agreement between blind coders, and how often reviewers take the suggestions."""
    rows, periods, pairs = services.agreement_for(access.organisation)
    trends = services.factor_trends(access.organisation)
    return render(request, "coding/quality.html", _context(
        access, rows=rows, periods=periods, pairs=pairs, trends=trends, legend=suppression.legend(),
        choices=services.choice_agreement(access.organisation),
        acceptance=suggestions.acceptance_by_code(access.organisation),
        versions=suggestions.versions_of(access.organisation)))


# ---- the taxonomy, for admins -------------------------------------------------------------


@never_cache
@require_GET
@org_permission_required(MANAGE_TAXONOMY)
def codes(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return render(request, "coding/codes.html", _context(access, nodes=taxonomy.tree(access.organisation)))


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_TAXONOMY)
def code_new(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    branches = taxonomy.branches(access.organisation)
    form = NewCodeForm(request.POST or None, branches=branches, initial={"parent": request.GET.get("parent", "")})
    if request.method == "POST" and form.is_valid():
        parent = taxonomy.code_of(access.organisation, form.cleaned_data["parent"])
        try:
            if parent is None:
                raise TaxonomyError(_("Select the branch the code goes under"), field="parent")
            code = taxonomy.add_code(access, parent=parent, by=request.user, **{
                name: form.cleaned_data[name] for name in ("name", "definition", "example", "source")})
        except TaxonomyError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Code “%s” added.") % code.name)
            return redirect("coding:codes", org_slug=access.organisation.slug)
    return render(request, "coding/code_new.html", _context(access, form=form), status=400 if form.errors else 200)


def _code_or_404(access: OrgAccess, code_id: int):
    code = taxonomy.code_of(access.organisation, code_id)
    if code is None:
        raise Http404("No such code")
    return code


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_TAXONOMY)
def code_edit(request: HttpRequest, access: OrgAccess, code_id: int) -> HttpResponse:
    code = _code_or_404(access, code_id)
    fields = ("name", "definition", "example", "source")
    form = CodeForm(request.POST or None, initial={name: getattr(code, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            code = taxonomy.revise_code(access, code, by=request.user, **{name: form.cleaned_data[name] for name in fields})
        except TaxonomyError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Code saved as version %s.") % code.version)
            return redirect("coding:code-edit", org_slug=access.organisation.slug, code_id=code.pk)
    return render(request, "coding/code_edit.html", _context(access, code=code, form=form,
                                                             versions=taxonomy.versions_of(code)),
                  status=400 if form.errors else 200)


@require_POST
@org_permission_required(MANAGE_TAXONOMY)
def code_retire(request: HttpRequest, access: OrgAccess, code_id: int) -> HttpResponse:
    code = _code_or_404(access, code_id)
    try:
        if request.POST.get("action") == "restore":
            taxonomy.restore_code(access, code, by=request.user)
            messages.success(request, _("Code “%s” restored: reviewers can choose it again.") % code.name)
        else:
            taxonomy.retire_code(access, code, by=request.user)
            messages.success(request, _("Code “%s” retired. Reports that used it keep it.") % code.name)
    except TaxonomyError as exc:
        form = CodeForm(initial={name: getattr(code, name) for name in ("name", "definition", "example", "source")})
        return render(request, "coding/code_edit.html", _context(access, code=code, form=form, error=str(exc),
                                                                 versions=taxonomy.versions_of(code)), status=400)
    return redirect("coding:code-edit", org_slug=access.organisation.slug, code_id=code.pk)


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_TAXONOMY)
def risk_matrix(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    error = ""
    if request.method == "POST":
        bands = [[request.POST.get(f"cell_{likelihood}_{consequence}", "") for consequence in Consequence.values]
                 for likelihood in Likelihood.values]
        try:
            services.set_matrix(access, bands, by=request.user)
        except NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        except CodingError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Risk matrix saved. Codings already saved keep their rating."))
            return redirect("coding:risk-matrix", org_slug=access.organisation.slug)
    return render(request, "coding/risk_matrix.html", _context(
        access, matrix=_matrix_rows(access.organisation), consequences=Consequence.choices,
        bands=list(risk.BANDS.values()), error=error), status=400 if error else 200)
