"""Small coded narratives for the coder's tests: each factor has its own ways of being described."""

import random

CUES = {
    "Fatigue": [
        "The carer was exhausted after working a double shift",
        "staff had slept very little between long night shifts",
        "the worker said she was too tired to concentrate after twelve hours",
        "everyone on the team was worn out from the extra shifts",
    ],
    "Equipment": [
        "the hoist battery failed halfway through the transfer",
        "the sling was frayed and the bed rails were broken",
        "the pressure mattress pump stopped working overnight",
        "the wheelchair brakes did not hold on the ramp",
    ],
    "Communication": [
        "the handover did not mention the new medication",
        "the message from the GP was never passed on to the team",
        "nobody told the night staff about the change in the care plan",
        "the family rang twice but the phone message was lost",
    ],
}
FILLER = [
    "This happened on a weekday morning in the residential home.",
    "The resident was not harmed and the manager was informed.",
    "We talked about it at the team meeting afterwards.",
    "It was noticed during the usual checks.",
    "A colleague helped to put things right straight away.",
]
RARE = "Weather"  # on three reports only: never learned


def narratives(count: int, seed: int) -> tuple[list[str], list[list[str]]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for i in range(count):
        chosen = rng.sample(sorted(CUES), rng.choice([1, 1, 2]))
        parts = [rng.choice(FILLER)] + [rng.choice(CUES[c]).capitalize() + "." for c in chosen] + [rng.choice(FILLER)]
        if i < 3:
            parts.append("Snow and ice made the path outside dangerous.")
            chosen = [*chosen, RARE]
        rng.shuffle(parts)
        texts.append(" ".join(parts))
        labels.append(chosen)
    return texts, labels
