"""Demo learning-culture survey: two waves of invented answers, through the survey's own services.

Wave 1 is closed and wave 2 is open. Enough people answer for the organisation's figures and most
teams to show; one small team ("Children with disabilities", three people) stays suppressed, and
psychological safety rises between the waves by more than chance would give, so the plain-language
reading has something to say. Idempotent: an organisation that already has waves is left alone.
"""

from __future__ import annotations

import random

from culture import item_bank, responding, waves

TEAMS = ["Duty and assessment", "Adults’ community team", "Fostering", "Children with disabilities"]
# (team, people, typical score per construct) for each wave; "" is "I'd rather not say".
WAVES = [
    [(TEAMS[0], 14, {"psychological_safety": 2.8, "just_culture": 2.9, "support": 3.0, "challenge": 3.4,
                     "learning_organisation": 2.9}),
     (TEAMS[1], 11, {"psychological_safety": 3.3, "just_culture": 3.1, "support": 3.6, "challenge": 2.9,
                     "learning_organisation": 3.2}),
     (TEAMS[2], 9, {"psychological_safety": 3.5, "just_culture": 3.4, "support": 3.8, "challenge": 3.5,
                    "learning_organisation": 3.4}),
     (TEAMS[3], 3, {"psychological_safety": 3.0, "just_culture": 3.0, "support": 3.2, "challenge": 3.0,
                    "learning_organisation": 3.0}),
     ("", 4, {"psychological_safety": 2.6, "just_culture": 2.7, "support": 2.9, "challenge": 3.0,
              "learning_organisation": 2.8})],
    [(TEAMS[0], 15, {"psychological_safety": 3.6, "just_culture": 3.3, "support": 3.5, "challenge": 3.6,
                     "learning_organisation": 3.2}),
     (TEAMS[1], 12, {"psychological_safety": 3.7, "just_culture": 3.3, "support": 3.7, "challenge": 3.2,
                     "learning_organisation": 3.3}),
     (TEAMS[2], 10, {"psychological_safety": 3.9, "just_culture": 3.6, "support": 3.9, "challenge": 3.7,
                     "learning_organisation": 3.5}),
     (TEAMS[3], 3, {"psychological_safety": 3.2, "just_culture": 3.1, "support": 3.3, "challenge": 3.1,
                    "learning_organisation": 3.1}),
     ("", 3, {"psychological_safety": 3.0, "just_culture": 2.9, "support": 3.0, "challenge": 3.1,
              "learning_organisation": 3.0})],
]


def _answers(rng: random.Random, typical: dict[str, float]) -> dict[str, int]:
    """One person's answers: a personal lean around each construct's typical score, some noise per statement."""
    lean = {construct: rng.gauss(score, 0.6) for construct, score in typical.items()}
    out = {}
    for item in item_bank.items_of(item_bank.CURRENT_VERSION):
        score = min(5, max(1, round(rng.gauss(lean[item.construct], 0.5))))
        out[item.key] = item_bank.SCALE_MAX + item_bank.SCALE_MIN - score if item.reverse else score
    return out


def load_culture_survey(organisation, *, by=None, seed: int = 13) -> str:
    """Two waves of invented answers for `organisation`; returns a line saying what was done."""
    if waves.waves_of(organisation).exists():
        return f"{organisation.slug}: culture survey waves already loaded."
    rng = random.Random(f"culture:{seed}")
    answered = 0
    for number, groups in enumerate(WAVES, start=1):
        wave = waves.open_wave(organisation, teams=TEAMS, by=by)
        people = sum(n for _team, n, _typical in groups)
        tokens = [url.rstrip("/").rsplit("/", 1)[1] for url in waves.issue_invitations(wave, people + 8, by=by)]
        for team, n, typical in groups:
            for _ in range(n):
                responding.submit_response(tokens.pop(), team=team, answers=_answers(rng, typical))
                answered += 1
        if number < len(WAVES):
            waves.close_wave(wave, by=by)
    return f"{organisation.slug}: loaded {len(WAVES)} culture survey waves ({answered} invented answers)."
