"""The library of learning's tests: published and draft bulletins (through learning's own services,
gate and all), final reviews whose vignette passes the gate, and an organisation's sharing choice."""

from __future__ import annotations

from learning.models.reviews import ReviewStatus
from organisations.models import Role
from sharing import library
from tests.factories import member
from tests.learning import factories_bulletins as bulletins
from tests.learning import factories_reviews as reviews


def publisher(organisation, username: str | None = None):
    return member(organisation, Role.REVIEWER, **({"username": username} if username else {}))


def published_bulletin(organisation, *, by, title: str = "Learning bulletin: March 2026",
                       introduction: str = "What we learned about handovers in March.",
                       action: str | None = "Handover sheets now list every visit due in the next 24 hours."):
    """A published bulletin, with one "you said, we did" when `action` is given."""
    if action:
        bulletins.done_action(organisation, action, by=by)
    return bulletins.published(organisation, by=by, title=title, introduction=introduction)


def draft_bulletin(organisation, *, by, title: str = "Draft bulletin: not for anyone yet",
                   introduction: str = "Unpublished thoughts about the duty rota."):
    return bulletins.draft(organisation, by=by, title=title, introduction=introduction)


def final_review(organisation, by, *, title: str = "Referrals lost between teams",
                 summary: str = "Referrals waited in a shared inbox over one summer."):
    """A final review with an episode and a finding, worded so that the publishing gate passes it."""
    review = reviews.new_review(organisation, by, title=title, summary=summary)
    reviews.episode(review, by, what_was_known="The duty worker knew the inbox was not watched at weekends.")
    reviews.finding(review, by)
    return reviews.move(review, by, ReviewStatus.IN_REVIEW, ReviewStatus.FINAL)


def share(organisation, *, by=None) -> None:
    library.set_library_sharing(organisation, True, by=by or member(organisation, Role.ADMIN))


def stop_sharing(organisation, *, by=None) -> None:
    library.set_library_sharing(organisation, False, by=by or member(organisation, Role.ADMIN))
