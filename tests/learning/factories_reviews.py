"""Learning reviews for tests, made through the services as a reviewer would make them."""

from __future__ import annotations

from coding import taxonomy
from learning import review_lifecycle, reviews
from learning.models.reviews import ReviewStatus
from organisations.services import access_for


def access(user, organisation):
    return access_for(user, organisation.slug)


def new_review(organisation, by, *, title: str = "Referrals lost between teams", scope: str = "cluster",
               summary: str = "Three referrals waited in a shared inbox over one summer."):
    return reviews.create_review(access(by, organisation), reviews.ReviewDetails(title=title, scope=scope, summary=summary),
                                 by=by)


def add(review, by, part: str, **data):
    organisation = review.organisation
    return reviews.add_part(access(by, organisation), review, reviews.PARTS[part], data, by=by)


def episode(review, by, **data):
    data = {"when": "Week 1, at the referral", "what_happened": "The referral went to the shared inbox.",
            "what_was_known": "The duty worker knew the inbox was not watched on Fridays.",
            "what_made_sense": "Covering three teams, the worker triaged by the subject line.", **data}
    return add(review, by, "episodes", **data)


def finding(review, by, **data):
    data = {"category": "tools", "statement": "The shared inbox has no owner, so nobody notices what waits in it.",
            "in_this_case": "", "beyond_this_case": "", "why_it_matters": "", **data}
    return add(review, by, "findings", **data)


def factor(review, by, key: str = "fatigue", **data):
    code = taxonomy.codes_of(review.organisation).get(key=key)
    return add(review, by, "factors", code=code, finding=data.get("finding", "Staff were covering three teams."))


def recommendation(review, by, **data):
    data = {"text": "Give the shared inbox a named owner on every shift.", "level": "practice", "finding": None, **data}
    return add(review, by, "recommendations", **data)


def ready_review(organisation, by, *, reports=()):
    """A draft with an episode, a finding, a factor, a perspective and a recommendation, and reports linked."""
    review = new_review(organisation, by)
    episode(review, by)
    found = finding(review, by)
    factor(review, by)
    add(review, by, "perspectives", agency="health", perspective="The health visitor had sent the referral twice.")
    recommendation(review, by, finding=found)
    if reports:
        reviews.link_reports(access(by, organisation), review, [r.reference for r in reports], by=by)
    return review


def move(review, by, *statuses: str):
    for status in statuses:
        review_lifecycle.move(access(by, review.organisation), review, status, by=by)
    review.refresh_from_db()
    return review


def final_review(organisation, by, *, reports=()):
    return move(ready_review(organisation, by, reports=reports), by, ReviewStatus.IN_REVIEW, ReviewStatus.FINAL)


def walk_review(organisation, by) -> dict:
    """For the every-URL walk: a draft review with one episode, as the URL parameters it needs."""
    review = new_review(organisation, by)
    first = episode(review, by)
    return {"review_id": review.pk, "part": "episodes", "item_id": first.pk}
