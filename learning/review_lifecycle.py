"""A learning review's lifecycle, as an explicit table: draft → in review with partners → final; a
review can be withdrawn, and a withdrawn one reinstated as a draft.

Finalising stores the review, whole, as canonical JSON with its SHA-256, and from then on the models
refuse any change. A revision is a new version: a new draft, linked to the final one, which stays as
it was.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.services import OrgAccess
from protection.audit import audit
from reporting import services as reporting

from .models import (
    AgencyPerspective,
    FactorFound,
    Finding,
    KeyEpisode,
    LearningReview,
    Recommendation,
    ReviewReport,
    ReviewStatusChange,
)
from .models.reviews import ReviewStatus
from .review_text import deidentify
from .reviews import ReviewError, subject_for

# ReviewStatus values, written out so that the table reads as the lifecycle does.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("in_review", "withdrawn"),
    "in_review": ("final", "draft", "withdrawn"),
    "final": (),
    "withdrawn": ("draft",),
}


class TransitionError(ReviewError):
    pass


def allowed_next(review: LearningReview) -> tuple[str, ...]:
    return TRANSITIONS.get(review.status, ())


def _label(status: str) -> str:
    return str(ReviewStatus(status).label) if status in ReviewStatus.values else status


def _ready_to_finalise(review: LearningReview) -> None:
    if not review.episodes.exists():
        raise TransitionError(_("Record at least one key practice episode before making the review final."))
    if not review.findings.exists():
        raise TransitionError(_("Record at least one finding before making the review final."))


@transaction.atomic
def move(access: OrgAccess, review: LearningReview, to_status: str, *, by, note: str = "") -> ReviewStatusChange:
    """Move the review on, if the table allows it, and record who did."""
    locked = LearningReview.objects.select_for_update().get(pk=review.pk, organisation_id=access.organisation.pk)
    if to_status not in TRANSITIONS.get(locked.status, ()):
        raise TransitionError(_("A learning review that is “%(current)s” cannot move to “%(target)s”.")
                              % {"current": _label(locked.status), "target": _label(to_status)})
    from_status = locked.status
    locked.status = to_status
    locked.updated_at = timezone.now()
    if to_status == ReviewStatus.FINAL:
        _ready_to_finalise(locked)
        locked.finalised_at, locked.finalised_by = locked.updated_at, by
        locked.snapshot = canonical_json(snapshot_of(locked))
        locked.snapshot_sha256 = fingerprint(locked.snapshot)
    locked.save()  # the row is not final yet, so the model lets this one save through
    note = deidentify(access.organisation.pk, {"note": note.strip()})["note"]
    change = ReviewStatusChange.objects.create(review=locked, from_status=from_status, to_status=to_status, by=by,
                                               note=note)
    detail: dict[str, Any] = {"from": from_status, "to": to_status}
    if to_status == ReviewStatus.FINAL:
        detail["sha256"] = locked.snapshot_sha256
    audit("review.transition", actor=by, organisation_id=access.organisation.pk, subject=subject_for(locked),
          detail=detail)
    for name in ("status", "updated_at", "finalised_at", "finalised_by", "snapshot", "snapshot_sha256"):
        setattr(review, name, getattr(locked, name))
    return change


def history(review: LearningReview) -> list[ReviewStatusChange]:
    return list(review.status_changes.select_related("by"))


# ---- the final version's record ------------------------------------------------------------------


def _when(value) -> str | None:
    return value.isoformat() if value else None


def snapshot_of(review: LearningReview) -> dict[str, Any]:
    """The review, whole, as plain data: what "the final version" is."""
    references = [r.reference for r in reporting.reports_with_ids(
        review.organisation_id, review.report_links.values_list("report_id", flat=True)).order_by("reference")]
    return {
        "review": review.reference, "version": review.version,
        "predecessor": review.predecessor.reference if review.predecessor_id else None,
        "title": review.title, "scope": review.scope, "summary": review.summary,
        "finalised_at": _when(review.finalised_at),
        "finalised_by": review.finalised_by.get_username() if review.finalised_by else None,
        "reports": references,
        "key_practice_episodes": [
            {"when": e.when, "what_happened": e.what_happened, "what_was_known": e.what_was_known,
             "what_made_sense": e.what_made_sense} for e in review.episodes.all()],
        "contributory_factors": [
            {"code": f.code.key, "name": f.code.name, "code_version": f.code.version, "finding": f.finding}
            for f in review.factors.select_related("code")],
        "findings": [
            {"id": f.pk, "category": f.category, "statement": f.statement, "in_this_case": f.in_this_case,
             "beyond_this_case": f.beyond_this_case, "why_it_matters": f.why_it_matters} for f in review.findings.all()],
        "agency_perspectives": [{"agency": p.agency, "perspective": p.perspective} for p in review.perspectives.all()],
        "recommendations": [
            {"text": r.text, "level": r.level, "finding": r.finding_id} for r in review.recommendations.all()],
    }


def canonical_json(data: Any) -> str:
    """One text for the same data, whatever the dict order: what the fingerprint is taken of."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def intact(review: LearningReview) -> bool:
    """A final review still matches its record: the stored text its fingerprint, and the rows the text."""
    if review.status != ReviewStatus.FINAL or not review.snapshot:
        return False
    return fingerprint(review.snapshot) == review.snapshot_sha256 and canonical_json(snapshot_of(review)) == review.snapshot


# ---- new versions --------------------------------------------------------------------------------


@transaction.atomic
def start_new_version(access: OrgAccess, review: LearningReview, *, by) -> LearningReview:
    """A new draft with everything the final review had; the final review stays as it was."""
    original = LearningReview.objects.select_for_update().get(pk=review.pk, organisation_id=access.organisation.pk)
    if original.status != ReviewStatus.FINAL:
        raise ReviewError(_("Only a final review can be revised as a new version. Change this one as it is."))
    newer = original.successors.exclude(status=ReviewStatus.WITHDRAWN).first()
    if newer is not None:
        raise ReviewError(_("Version %(version)s of this review has already been started.") % {"version": newer.version})
    draft = LearningReview.objects.create(
        organisation_id=original.organisation_id, title=original.title, scope=original.scope, summary=original.summary,
        version=original.version + 1, predecessor=original, created_by=by)
    ReviewReport.objects.bulk_create([ReviewReport(review=draft, report_id=link.report_id, linked_by=by)
                                      for link in original.report_links.all()])
    KeyEpisode.objects.bulk_create([
        KeyEpisode(review=draft, position=e.position, when=e.when, what_happened=e.what_happened,
                   what_was_known=e.what_was_known, what_made_sense=e.what_made_sense) for e in original.episodes.all()])
    FactorFound.objects.bulk_create([FactorFound(review=draft, code_id=f.code_id, finding=f.finding)
                                     for f in original.factors.all()])
    findings = {}
    for f in original.findings.all():
        findings[f.pk] = Finding.objects.create(
            review=draft, position=f.position, category=f.category, statement=f.statement,
            in_this_case=f.in_this_case, beyond_this_case=f.beyond_this_case, why_it_matters=f.why_it_matters)
    AgencyPerspective.objects.bulk_create([AgencyPerspective(review=draft, agency=p.agency, perspective=p.perspective)
                                           for p in original.perspectives.all()])
    Recommendation.objects.bulk_create([
        Recommendation(review=draft, position=r.position, text=r.text, level=r.level,
                       finding=findings.get(r.finding_id), carried_from=r) for r in original.recommendations.all()])
    audit("review.new_version", actor=by, organisation_id=access.organisation.pk, subject=subject_for(draft),
          detail={"from": subject_for(original), "version": draft.version})
    return draft
