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
