"""Opening and closing survey waves, and issuing their single-use invitation links.

A link's token is 256 random bits, shown once (to the admin's screen, a text file or the command's
output) and stored only as its SHA-256: a hash of that many random bits cannot be reversed or
guessed, so no secret key is needed (as for API tokens)."""

from __future__ import annotations

import hashlib
import random
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from culture import item_bank
from culture.models import Invitation, Response, Wave
from protection.audit import audit

if TYPE_CHECKING:
    from organisations.models import Organisation

MAX_INVITATIONS = 5000  # one batch: a large organisation's whole staff, with room to spare
MAX_TEAMS = 40
TEAM_NAME_MAX = 100


class WaveAlreadyOpen(Exception):
    """An organisation has at most one open wave."""


class WaveClosed(Exception):
    """Links are issued only for an open wave."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_url(token: str) -> str:
    """The full address of a link, as people receive it (GOODCATCH_PUBLIC_URL, as in bulletin e-mails)."""
    return settings.GOODCATCH_PUBLIC_URL.rstrip("/") + reverse("culture:survey", kwargs={"token": token})


def clean_teams(teams: list[str]) -> list[str]:
    """Team names as respondents will see them: trimmed, without blanks or repeats, in the order given."""
    return list(dict.fromkeys(t.strip()[:TEAM_NAME_MAX] for t in teams if t.strip()))[:MAX_TEAMS]


def open_wave_of(organisation: Organisation) -> Wave | None:
    return Wave.objects.filter(organisation=organisation, closed_at__isnull=True).first()


def waves_of(organisation: Organisation):
    return Wave.objects.filter(organisation=organisation).order_by("-number")


def wave_in(organisation: Organisation, wave_id: int) -> Wave | None:
    return Wave.objects.filter(organisation=organisation, pk=wave_id).first()


def open_wave(organisation: Organisation, *, teams: list[str], by=None,
              version: str = item_bank.CURRENT_VERSION) -> Wave:
    """Open the next wave, asking `version` of the item bank, with the teams respondents choose from."""
    item_bank.items_of(version)  # a KeyError for a version that does not exist
    with transaction.atomic():
        # Two admins opening at once: the partial unique constraint lets only one open wave exist.
        if open_wave_of(organisation) is not None:
            raise WaveAlreadyOpen
        last = Wave.objects.filter(organisation=organisation).aggregate(n=Max("number"))["n"] or 0
        try:
            with transaction.atomic():
                wave = Wave.objects.create(organisation=organisation, number=last + 1, item_bank_version=version,
                                           teams=clean_teams(teams), opened_at=timezone.now(),
                                           opened_by=by if getattr(by, "is_authenticated", False) else None)
        except IntegrityError as exc:  # another admin opened one at the same moment
            raise WaveAlreadyOpen from exc
        audit("culture.wave_open", actor=by or "system", organisation_id=organisation.pk, subject=f"wave:{wave.pk}",
              detail={"number": wave.number, "version": version, "teams": len(wave.teams)})
    return wave


def issue_invitations(wave: Wave, count: int, *, by=None, via: str = "page") -> list[str]:
    """Make `count` single-use links for an open wave and return their full addresses, once."""
    if not 1 <= count <= MAX_INVITATIONS:
        raise ValueError(f"Between 1 and {MAX_INVITATIONS} invitations at a time, not {count}")
    tokens = [secrets.token_urlsafe(32) for _ in range(count)]
    with transaction.atomic():
        locked = Wave.objects.select_for_update().get(pk=wave.pk)
        if not locked.is_open:
            raise WaveClosed
        Invitation.objects.bulk_create([Invitation(wave=locked, token_hash=token_hash(t)) for t in tokens])
        audit("culture.invitations_issue", actor=by or "system", organisation_id=locked.organisation_id,
              subject=f"wave:{locked.pk}", detail={"count": count, "via": via})
    return [survey_url(t) for t in tokens]


def close_wave(wave: Wave, *, by=None) -> Wave:
    """Close a wave: its links stop working, and its rows are settled so that nothing lines them up.

    While a wave is open, each response was written in the transaction that marked its invitation
    used, and rows sit in the order they were written. So closing counts the links, then deletes and
    re-inserts the wave's invitations (with no used marks) and its responses (with new random ids),
    each in a random order: afterwards every row of both carries the same transaction stamp, and
    neither's order says anything about the other's (docs/culture-survey.md)."""
    rng = random.SystemRandom()
    with transaction.atomic():
        locked = Wave.objects.select_for_update().get(pk=wave.pk)
        if not locked.is_open:
            return locked
        invitations = list(Invitation.objects.filter(wave=locked).values_list("token_hash", "used"))
        locked.invitations_issued = len(invitations)
        locked.invitations_used = sum(1 for _hash, used in invitations if used)
        hashes = [h for h, _used in invitations]
        rng.shuffle(hashes)
        Invitation.objects.filter(wave=locked).delete()
        Invitation.objects.bulk_create([Invitation(wave=locked, token_hash=h) for h in hashes])
        responses = list(Response.objects.filter(wave=locked).values_list("team", "answers"))
        rng.shuffle(responses)
        Response.objects.filter(wave=locked).delete()
        Response.objects.bulk_create([Response(wave=locked, team=team, answers=answers) for team, answers in responses])
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at", "invitations_issued", "invitations_used"])
        audit("culture.wave_close", actor=by or "system", organisation_id=locked.organisation_id,
              subject=f"wave:{locked.pk}", detail={"number": locked.number})
    return locked


def invitation_counts(wave: Wave) -> tuple[int, int]:
    """(issued, used): counted live while the wave is open, as recorded once it has closed."""
    if not wave.is_open:
        return wave.invitations_issued, wave.invitations_used
    rows = Invitation.objects.filter(wave=wave)
    return rows.count(), rows.filter(used=True).count()


def names_for_subjects(organisation: Organisation, subjects: list[str]) -> dict[str, str]:
    """How the audit log names "wave:<id>" subjects of one organisation."""
    from django.utils.translation import gettext as _

    ids = [int(s.partition(":")[2]) for s in subjects if s.partition(":")[2].isdigit()]
    return {f"wave:{pk}": _("Survey wave %(number)s") % {"number": number}
            for pk, number in Wave.objects.filter(organisation=organisation, pk__in=ids).values_list("pk", "number")}
