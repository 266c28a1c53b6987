"""A second generated set, in another style: lower case, text-speak, misspellings, and danger said
indirectly (no "hit", "scared" or "help"). Written after the semantic prototypes and thresholds were
calibrated and never used to calibrate them: an unseen check of how the urgent rule carries over.
English only, as children, young people and carers often write on a phone."""

from __future__ import annotations

import random

SLOTS = {
    "who": ["mums bf", "my step dad", "dads gf", "the man mum lets stay", "my big bro", "my uncle", "the night carer", "her husband",
            "my foster dad", "grandads new wife"],
    "kid": ["my little bro", "my baby sister", "the baby", "me and my sis", "my little cousin"],
    "elder": ["nan", "my gran", "grandad", "my mam", "my dad who has dementia", "my auntie"],
    "day": ["friday", "the weekend", "monday", "ages", "2 days", "last week"],
    "staff": ["my sw", "the carer", "the taxi", "my key worker", "the nurse", "the agency"],
    "thing": ["my new school", "the food at the unit", "my room", "the day centre", "the rota", "the new flat"],
}
URGENT = [
    "{who} gets angry and i have to hide", "no food in the house since {day}", "{who} said hed kill himself",
    "older boys make me carry stuff for them", "the carer leaves {elder} alone all night", "i stay at my mates coz i cant go home",
    "{who} comes in my room at nite and i dont like it", "{kid} aint had nothing to eat since {day}",
    "{elder} is on the floor and wont get up",
    "{who} goes mad when hes had a drink and mum ends up crying on the floor", "i lock my door every nite",
    "{who} says if i tell anyone he will make me sorry", "some lads keep giving me weed and now i owe them",
    "{who} keeps asking me for pics", "i dont wanna be alive anymore tbh", "wot is the point of me being here",
    "{who} grabbed me by the throat", "i got a black eye off {who}", "theres no heating and {kid} is freezing",
    "mum is passed out again and {kid} is crying", "{elder} hasnt had her tablets for {day} coz the carer never comes",
    "im not allowed out of my room", "{who} took my phone so i cant ring no one",
    "they make me go on trains to other towns with a bag",
    "been sleeping in the park", "i need to get away from {who}", "{who} shouts and smashes stuff and i sit on the stairs shaking",
    "{elder} keeps falling and nobody comes", "my mates been cutting herself and says shes gonna end it",
    "{who} said hes got a blade", "i havnt been home in 3 days", "{who} makes me do stuff i dont want to",
]
CALM = [
    "{staff} was late again", "{staff} never rang me back", "i dont like {thing}", "{thing} is well boring",
    "wifi at {thing} is rubbish",
    "can i have a diff social worker", "thx for sorting my money out", "{staff} is sound tbh", "the letter had my name wrong lol",
    "when is my next review", "i wanna move to a bigger room", "{staff} forgot my birthday", "i was sad when my cat died last year",
    "the forms are way too long", "i had a row with my mate but we made up", "{thing} is too loud at nite",
    "it used to be bad at home years ago but its ok now", "i missed the bus to {thing}", "the food is cold most days",
    "i got a new phone and its class", "{staff} talks to mum not me", "i want to go to college next year",
]


def _fill(rng: random.Random, template: str) -> str:
    text = template
    for name, options in SLOTS.items():
        while "{" + name + "}" in text:
            text = text.replace("{" + name + "}", rng.choice(options), 1)
    return " ".join(text.split())


def generate_indirect(seed: int, n: int = 200) -> list[dict]:
    """`n` narratives, half urgent, all English, the same for the same seed."""
    rng = random.Random(seed)
    items = []
    for index in range(n):
        urgent = index % 2 == 0
        text = _fill(rng, rng.choice(URGENT if urgent else CALM))
        if rng.random() < 0.2:
            text = text.upper() if rng.random() < 0.3 else text + rng.choice([" :(", "!!", " pls", "..."])
        items.append({"text": text, "urgent": urgent, "lang": "en"})
    return items
