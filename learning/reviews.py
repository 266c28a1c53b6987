"""Learning reviews: creating one, recording its parts, linking reports, and turning an accepted
recommendation into an action. Every write comes through here; the lifecycle is in review_lifecycle.

Everything a reviewer types is de-identified (review_text) before it is stored. A review can be
changed while it is a draft or in review with partners; a final or withdrawn one cannot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.services import OrgAccess
from protection.audit import audit
from reporting import services as reporting

from . import actions, review_text
from .models import (
    Action,
    ActionEvent,
    AgencyPerspective,
    FactorFound,
    Finding,
    KeyEpisode,
    LearningReview,
    Recommendation,
    RecommendationAction,
    ReviewReport,
)
from .models.reviews import ReviewIsFinal, ReviewStatus

EDITABLE = (ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW)
ACCEPTING = (ReviewStatus.IN_REVIEW, ReviewStatus.FINAL)


class ReviewError(ValueError):
    """A change the review cannot take, in words for the person who tried."""


def subject_for(review: LearningReview) -> str:
    return f"review:{review.pk}"


# ---- finding reviews, always within one organisation -------------------------------------------


def reviews_of(organisation_id: int) -> QuerySet[LearningReview]:
    return LearningReview.objects.filter(organisation_id=organisation_id)


def review_in(organisation_id: int, review_id: int) -> LearningReview | None:
    return reviews_of(organisation_id).filter(pk=review_id).first()


def final_reviews_of(organisation_id: int) -> list[LearningReview]:
    """An organisation's final reviews, newest first: the only ones whose vignette may be published
    beyond the review team (sharing's library)."""
    return list(reviews_of(organisation_id).filter(status=ReviewStatus.FINAL).order_by("-finalised_at", "-pk"))


def linked_reports(review: LearningReview) -> list:
    ids = list(review.report_links.values_list("report_id", flat=True))
    return list(reporting.reports_with_ids(review.organisation_id, ids).order_by("submitted_at", "pk"))


def is_editable(review: LearningReview) -> bool:
    return review.status in EDITABLE


def _refuse_unless_editable(review: LearningReview) -> None:
    if review.status == ReviewStatus.FINAL:
        raise ReviewIsFinal()
    if review.status not in EDITABLE:
        raise ReviewError(_("This learning review was withdrawn. Reinstate it as a draft to change it."))


def _locked(review: LearningReview) -> LearningReview:
    """The review's row, locked for the rest of the transaction, checked to be open to change."""
    locked = LearningReview.objects.select_for_update().get(pk=review.pk, organisation_id=review.organisation_id)
    _refuse_unless_editable(locked)
    return locked


def _touch(review: LearningReview) -> None:
    LearningReview.objects.filter(pk=review.pk).update(updated_at=timezone.now())


def stored_texts(review: LearningReview) -> list[str]:
    """Everything the review says so far, so that new placeholders never reuse a number."""
    texts = [review.title, review.summary]
    for kind in PARTS.values():
        for values in kind.model.objects.filter(review=review).values_list(*kind.text_fields):
            texts.extend(values)
    return texts


# ---- the review itself ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDetails:
    title: str
    scope: str
    summary: str = ""


def _fitting(model: type[models.Model], texts: dict[str, Any]) -> dict[str, Any]:
    """A placeholder can be longer than what it replaces ("Jo" → "[PERSON 1]"): a short field that no
    longer fits is refused with a reason, not cut short or left to the database."""
    for name, text in texts.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit and isinstance(text, str) and len(text) > limit:
            label = model._meta.get_field(name).verbose_name
            raise ReviewError(_("With personal details replaced by placeholders, “%(field)s” is longer than %(n)s "
                                "characters. Shorten it.") % {"field": label, "n": limit})
    return texts


def _clean_details(organisation_id: int, details: ReviewDetails, already: Iterable[str] = ()) -> dict[str, str]:
    texts = review_text.deidentify(organisation_id, {"title": details.title.strip(), "summary": details.summary.strip()},
                                   already=already)
    return {**_fitting(LearningReview, texts), "scope": details.scope}


@transaction.atomic
def create_review(access: OrgAccess, details: ReviewDetails, *, by) -> LearningReview:
    review = LearningReview.objects.create(organisation=access.organisation, created_by=by,
                                           **_clean_details(access.organisation.pk, details))
    audit("review.create", actor=by, organisation_id=access.organisation.pk, subject=subject_for(review),
          detail={"scope": review.scope})
    return review


@transaction.atomic
def change_details(access: OrgAccess, review: LearningReview, details: ReviewDetails, *, by) -> LearningReview:
    locked = _locked(review)
    for name, value in _clean_details(access.organisation.pk, details, stored_texts(locked)).items():
        setattr(locked, name, value)
    locked.updated_at = timezone.now()
    locked.save()
    return locked


# ---- the parts: episodes, factors, findings, perspectives, recommendations ---------------------


@dataclass(frozen=True)
class PartKind:
    slug: str
    model: type[models.Model]
    text_fields: tuple[str, ...]
    other_fields: tuple[str, ...]
    name: Any  # one of them, in words
    ordered: bool = False


PARTS: dict[str, PartKind] = {kind.slug: kind for kind in (
    PartKind("episodes", KeyEpisode, ("when", "what_happened", "what_was_known", "what_made_sense"), (),
             gettext_lazy("key practice episode"), ordered=True),
    PartKind("factors", FactorFound, ("finding",), ("code",), gettext_lazy("contributory factor")),
    PartKind("findings", Finding, ("statement", "in_this_case", "beyond_this_case", "why_it_matters"), ("category",),
             gettext_lazy("finding"), ordered=True),
    PartKind("perspectives", AgencyPerspective, ("perspective",), ("agency",), gettext_lazy("partner agency's perspective")),
    PartKind("recommendations", Recommendation, ("text",), ("level", "finding"), gettext_lazy("recommendation"),
             ordered=True),
)}


def part_kind(slug: str) -> PartKind | None:
    return PARTS.get(slug)


def parts_of(review: LearningReview, kind: PartKind) -> QuerySet:
    return kind.model.objects.filter(review=review)


def part_in(review: LearningReview, kind: PartKind, item_id: int):
    return parts_of(review, kind).filter(pk=item_id).first()


def _values(access: OrgAccess, review: LearningReview, kind: PartKind, data: dict[str, Any]) -> dict[str, Any]:
    """The part's fields from a form's data, its text de-identified; refuses what the review cannot take."""
    texts = {name: str(data.get(name) or "").strip() for name in kind.text_fields}
    values: dict[str, Any] = {name: data.get(name) for name in kind.other_fields}
    code = values.get("code")
    if code is not None and code.organisation_id != review.organisation_id:
        raise ReviewError(_("Choose a contributory factor from your organisation's taxonomy."))
    finding = values.get("finding")
    if finding is not None and finding.review_id != review.pk:
        raise ReviewError(_("Choose one of this review's findings."))
    values.update(_fitting(kind.model, review_text.deidentify(access.organisation.pk, texts,
                                                              already=stored_texts(review))))
    return values


def _clash(kind: PartKind, review: LearningReview, values: dict[str, Any], item_id: int | None = None) -> str:
    others = parts_of(review, kind).exclude(pk=item_id)
    if kind.model is FactorFound and others.filter(code=values["code"]).exists():
        return _("This review already records that contributory factor. Change the one it has.")
    if kind.model is AgencyPerspective and others.filter(agency=values["agency"]).exists():
        return _("This review already has that agency's perspective. Change the one it has.")
    return ""


@transaction.atomic
def add_part(access: OrgAccess, review: LearningReview, kind: PartKind, data: dict[str, Any], *, by):
    locked = _locked(review)
    values = _values(access, locked, kind, data)
    if clash := _clash(kind, locked, values):
        raise ReviewError(clash)
    if kind.ordered:
        values["position"] = (parts_of(locked, kind).aggregate(top=Max("position"))["top"] or 0) + 1
    try:
        with transaction.atomic():
            part = kind.model.objects.create(review=locked, **values)
    except IntegrityError as exc:  # the same factor or agency added at the same moment
        raise ReviewError(_("Someone added that at the same moment. Look at the review again.")) from exc
    _touch(locked)
    return part


def _refuse_if_accepted(kind: PartKind, item) -> None:
    if kind.model is Recommendation and RecommendationAction.objects.filter(recommendation=item).exists():
        raise ReviewError(_("This recommendation has become an action, so it stays as it was accepted."))


@transaction.atomic
def change_part(access: OrgAccess, review: LearningReview, kind: PartKind, item, data: dict[str, Any], *, by):
    locked = _locked(review)
    _refuse_if_accepted(kind, item)
    values = _values(access, locked, kind, data)
    if clash := _clash(kind, locked, values, item.pk):
        raise ReviewError(clash)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    _touch(locked)
    return item


@transaction.atomic
def remove_part(access: OrgAccess, review: LearningReview, kind: PartKind, item, *, by) -> None:
    locked = _locked(review)
    _refuse_if_accepted(kind, item)
    item.delete()
    _touch(locked)


# ---- linked reports --------------------------------------------------------------------------------


@transaction.atomic
def link_reports(access: OrgAccess, review: LearningReview, references: Iterable[str], *, by) -> list[str]:
    """Link reports by reference; returns the references newly linked. Only reports whose de-identified
    text can be read may be linked: a review never points at text no reviewer has checked."""
    locked = _locked(review)
    wanted = {ref.strip().upper() for ref in references if ref.strip()}
    if not wanted:
        raise ReviewError(_("Enter the reference of at least one report, like GC-3ECXSN."))
    found = {r.reference: r for r in reporting.readable_reports(access.organisation.pk).filter(reference__in=wanted)}
    missing = sorted(wanted - set(found))
    if missing:
        raise ReviewError(_("These are not readable reports of this organisation: %(refs)s. A report can be linked "
                            "once its de-identification is confirmed.") % {"refs": ", ".join(missing)})
    already = set(locked.report_links.values_list("report_id", flat=True))
    new = [report for report in found.values() if report.pk not in already]
    ReviewReport.objects.bulk_create([ReviewReport(review=locked, report=report, linked_by=by) for report in new])
    if new:
        audit("review.link_reports", actor=by, organisation_id=access.organisation.pk, subject=subject_for(locked),
              detail={"reports": sorted(reporting.subject_for(r) for r in new)})
        _touch(locked)
    return sorted(r.reference for r in new)


@transaction.atomic
def unlink_report(access: OrgAccess, review: LearningReview, report_id: int, *, by) -> bool:
    locked = _locked(review)
    link = locked.report_links.filter(report_id=report_id).first()
    if link is None:
        return False
    report_subject = reporting.subject_for(link.report)
    link.delete()
    audit("review.unlink_report", actor=by, organisation_id=access.organisation.pk, subject=subject_for(locked),
          detail={"report": report_subject})
    _touch(locked)
    return True


# ---- recommendations become actions ------------------------------------------------------------


def action_for(recommendation: Recommendation) -> Action | None:
    """The action this recommendation, or the one it was carried from in an earlier version, became."""
    seen: set[int] = set()
    current: Recommendation | None = recommendation
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        link = RecommendationAction.objects.select_related("action").filter(recommendation=current).first()
        if link is not None:
            return link.action
        current = current.carried_from
    return None


def propose_action(access: OrgAccess, *, description: str, level: str, report_ids: Iterable[int], by,
                   source: str) -> Action:
    """A new proposed action answering these reports, made as every action is (learning.actions: its
    text de-identified, its strength classified, its history begun), with where it came from noted."""
    references = list(reporting.reports_with_ids(access.organisation.pk, report_ids)
                      .values_list("reference", flat=True))
    try:
        action = actions.create_action(access, actions.ActionInput(description=description, level=level), by=by,
                                       report_references=references)
    except actions.ActionError as error:
        raise ReviewError(str(error)) from error
    ActionEvent.objects.create(action=action, by=by, kind="note", detail=source)
    return action


@transaction.atomic
def accept_recommendation(access: OrgAccess, review: LearningReview, recommendation_id: int, *, by) -> Action:
    """The organisation accepts a recommendation: it becomes a proposed action, linked to the review's
    reports. A final review's recommendations can still be accepted; the review itself is not changed."""
    locked = LearningReview.objects.select_for_update().get(pk=review.pk, organisation_id=access.organisation.pk)
    if locked.status not in ACCEPTING:
        raise ReviewError(_("A recommendation can be accepted once the review is with partners or final."))
    recommendation = Recommendation.objects.select_for_update().filter(review=locked, pk=recommendation_id).first()
    if recommendation is None:
        raise ReviewError(_("Choose one of this review's recommendations."))
    if action_for(recommendation) is not None:
        raise ReviewError(_("This recommendation has already become an action."))
    action = propose_action(access, description=recommendation.text, level=recommendation.level,
                            report_ids=locked.report_links.values_list("report_id", flat=True), by=by,
                            source=f"From learning review {locked.reference}, version {locked.version}")
    RecommendationAction.objects.create(recommendation=recommendation, action=action, accepted_by=by)
    audit("review.recommendation_accepted", actor=by, organisation_id=access.organisation.pk,
          subject=subject_for(locked), detail={"recommendation": recommendation.pk, "action": action.pk})
    return action


def accepted_actions(review: LearningReview) -> dict[int, Action]:
    """Each of the review's recommendations that became an action (here or in an earlier version)."""
    found = {}
    for recommendation in review.recommendations.select_related("carried_from"):
        action = action_for(recommendation)
        if action is not None:
            found[recommendation.pk] = action
    return found
