"""Survey waves, links and answers, made through culture's own services."""

from __future__ import annotations

import random

from culture import item_bank, responding, waves


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def answers(value: int | None = None, *, rng: random.Random | None = None, version: str = item_bank.CURRENT_VERSION,
            **overrides: int) -> dict[str, int]:
    """A full set of answers: all `value`, or random ones from `rng`, with some overridden."""
    rng = rng or random.Random(0)
    out = {item.key: value if value is not None else rng.randint(1, 5) for item in item_bank.items_of(version)}
    out.update(overrides)
    return out


def respond(wave, n: int, *, team: str = "", value: int | None = None, rng: random.Random | None = None,
            **overrides: int) -> None:
    """n people answer through n fresh links."""
    for url in waves.issue_invitations(wave, n) if n else []:
        state = responding.submit_response(token_of(url), team=team,
                                           answers=answers(value, rng=rng, version=wave.item_bank_version, **overrides))
        assert state == responding.LinkState.ANSWERED


def scored(default: int, *, version: str = item_bank.CURRENT_VERSION, **by_construct: int) -> dict[str, int]:
    """Answers that score `default` on every construct (or as given per construct), reverse items turned."""
    out = {}
    for item in item_bank.items_of(version):
        score = by_construct.get(item.construct, default)
        out[item.key] = item_bank.SCALE_MAX + item_bank.SCALE_MIN - score if item.reverse else score
    return out


def respond_scored(wave, n: int, default: int, *, team: str = "", **by_construct: int) -> None:
    """n people, each scoring `default` (or per construct as given)."""
    for url in waves.issue_invitations(wave, n) if n else []:
        state = responding.submit_response(token_of(url), team=team,
                                           answers=scored(default, version=wave.item_bank_version, **by_construct))
        assert state == responding.LinkState.ANSWERED


def open_wave_with_link(organisation) -> dict:
    """The organisation's open wave (opened if need be) and a fresh link, for the walk over every URL."""
    wave = waves.open_wave_of(organisation) or waves.open_wave(organisation, teams=["Duty"])
    return {"wave_id": wave.pk, "token": token_of(waves.issue_invitations(wave, 1)[0])}
