"""Answering through an invitation link: what state a link is in, and storing one response for it.

The response and the link's used mark are written in one transaction, behind a lock on the wave, so
a link used twice (or twice at once) records one response, and closing a wave cannot lose one.
Nothing here writes to the audit log or the logs: an entry at the moment of answering would be a
time, and a time could be joined to a link's use."""

from __future__ import annotations

import enum

from django.db import transaction

from culture import item_bank
from culture.models import Invitation, Response, Wave
from culture.waves import token_hash

NOT_SAID = ""  # the team of someone who would rather not say


class LinkState(enum.Enum):
    OPEN = "open"
    USED = "used"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # forged, mistyped or cut short
    ANSWERED = "answered"  # what submit_response returns when it stored the response


def find_link(token: str) -> tuple[LinkState, Wave | None]:
    invitation = Invitation.objects.select_related("wave", "wave__organisation").filter(
        token_hash=token_hash(token)).first()
    if invitation is None:
        return LinkState.UNKNOWN, None
    if not invitation.wave.is_open:
        return LinkState.CLOSED, invitation.wave
    return (LinkState.USED if invitation.used else LinkState.OPEN), invitation.wave


def valid_answers(wave: Wave, team: str, answers: dict[str, int]) -> bool:
    items = item_bank.item_map(wave.item_bank_version)
    return ((team == NOT_SAID or team in wave.teams) and set(answers) == set(items)
            and all(isinstance(v, int) and item_bank.SCALE_MIN <= v <= item_bank.SCALE_MAX for v in answers.values()))


def submit_response(token: str, *, team: str, answers: dict[str, int]) -> LinkState:
    """Store the answers and use up the link, or say why not. ANSWERED when stored."""
    digest = token_hash(token)
    with transaction.atomic():
        invitation = Invitation.objects.filter(token_hash=digest).values("wave_id").first()
        if invitation is None:
            return LinkState.UNKNOWN
        wave = Wave.objects.select_for_update().get(pk=invitation["wave_id"])
        if not wave.is_open:
            return LinkState.CLOSED
        if not valid_answers(wave, team, answers):
            raise ValueError("Answers do not fit the wave's questions")
        if Invitation.objects.filter(token_hash=digest, used=False).update(used=True) != 1:
            return LinkState.USED
        Response.objects.create(wave=wave, team=team, answers=answers)
    return LinkState.ANSWERED
