"""Templates for a generated set of easy-read narratives, urgent and not, in English and Welsh, for
bench/urgent_eval.py. Written apart from the rule list's test phrases (bench/urgent_dev.jsonl): the
slots mix words and orders the tests never use, so the set checks how the rules carry over."""

from __future__ import annotations

import random

EN = {
    "who": ["my stepdad", "mum's boyfriend", "my foster carer", "the man who lives with us", "my big brother", "my uncle",
            "the night staff", "my husband", "Dad", "her partner"],
    "hits": ["hits", "kicks", "punches", "slaps", "beats", "chokes"],
    "when": ["every night", "when he is drunk", "if I am late", "when nobody is looking", "", "all the time"],
    "scared": ["scared", "frightened", "terrified", "afraid"],
    "person": ["my nan", "my little sister", "Mum", "the baby", "my brother", "the man next door"],
    "days": ["two days", "days", "a week", "since Monday"],
    "place": ["my room", "the bathroom", "the shed", "the flat"],
    "staff": ["my carer", "the social worker", "the taxi", "the nurse", "the support worker"],
    "late": ["was late", "did not come", "forgot to ring", "came on the wrong day"],
    "thing": ["my new school", "the food", "my room", "the day centre", "my key worker", "the new rota"],
    "feel": ["sad", "cross", "upset", "left out", "hurt", "let down"],
    "event": ["nobody rang me back", "the meeting moved", "my review was cancelled", "they spoke about me not to me"],
    "ask": ["rang me back", "spoke to me first", "told me the plan", "came on time", "wrote it down for me"],
}
EN_URGENT = [
    "{who} {hits} me {when}", "I am {scared} of {who}", "I'm too {scared} to go home tonight", "{person} has not eaten for {days}",
    "{who} locks me in {place}", "{who} said he will kill me", "I don't feel safe with {who}", "please help me, {who} is shouting",
    "I want to hurt myself", "{who} touches me and I don't like it", "there is no food in the flat", "{who} takes my money",
    "I have nowhere to stay tonight", "{who} {hits} my mum {when}", "{person} fell and can't get up", "I think {who} will hurt me",
    "{who} pushed me down the stairs", "{person} is left alone all day", "{who} threatened me with a knife", "help",
    # harder: danger said without the obvious words
    "{who} gets angry and throws things", "Mum drinks and forgets to feed us", "{person} doesn't wake up when I shake her",
    "{who} won't let me out of the house", "I have marks on my legs from {who}", "{who} makes me sleep on the floor",
    "nobody has been to see {person} for {days} and she can't walk",
]
EN_CALM = [
    "{staff} {late}", "I did not like {thing}", "I felt {feel} when {event}", "It would help if {staff} {ask}",
    "I am happy with {thing}", "{who} does not hit me", "{who} used to hit me when I was little but that stopped",
    "I am safe now and I like {thing}", "The letter about {thing} had the wrong date", "{staff} {late} and I missed my tea",
    "My things got lost when I moved", "I want more say about {thing}", "{thing} is too noisy at night",
    # harder: danger words that are not danger now
    "I was scared of the dog at {thing}", "We watched a film about a fight", "The game at {thing} was hitting the ball",
    "{staff} helped me a lot", "I get help with my shopping and that is good", "I hurt my knee playing football last year",
]
CY = {
    "who": ["fy llystad", "cariad Mam", "y dyn sy'n byw gyda ni", "fy mrawd mawr", "fy ewythr", "Dad", "y staff nos"],
    "hits": ["nharo", "nghuro", "nghicio", "mrifo"],
    "when": ["bob nos", "pan mae e wedi meddwi", "", "drwy'r amser", "os dw i'n hwyr"],
    "person": ["fy mam-gu", "fy chwaer fach", "Mam", "y babi", "fy mrawd"],
    "days": ["dau ddiwrnod", "dyddiau", "wythnos"],
    "place": ["fy ystafell", "yr ystafell ymolchi", "y sied"],
    "staff": ["fy ngofalwr", "y gweithiwr cymdeithasol", "y tacsi", "y nyrs"],
    "thing": ["fy ysgol newydd", "y bwyd", "fy ystafell", "y ganolfan ddydd"],
}
CY_URGENT = [
    "mae {who} yn fy {hits} {when}", "mae ofn {who} arna i", "dw i ofn mynd adre heno", "dyw {person} ddim wedi bwyta ers {days}",
    "mae {who} yn fy nghloi yn {place}", "dw i ddim yn teimlo'n ddiogel gyda {who}", "helpwch fi plis", "dw i eisiau lladd fy hun",
    "does dim bwyd yn y tŷ", "mae {who} yn fy mygwth i", "mae {who} yn cymryd fy arian", "mae {person} ar ben ei hun drwy'r dydd",
    "mae {who} yn gweiddi ac yn taflu pethau", "dyw Mam ddim yn rhoi bwyd i ni",
]
CY_CALM = [
    "roedd {staff} yn hwyr", "dw i'n hapus gyda {thing}", "dyw {who} ddim yn fy nharo", "roedd y llythyr am {thing} yn anghywir",
    "hoffwn i gael galwad ffôn", "doeddwn i ddim yn hoffi {thing}", "roedd {who} yn arfer fy nharo pan o'n i'n fach",
    "mae {thing} yn rhy swnllyd", "dw i'n ddiogel nawr",
    "ges i help gyda fy siopa", "roedd ofn y ci arna i yn {thing}",
]


def _fill(rng: random.Random, template: str, slots: dict[str, list[str]]) -> str:
    text = template
    for name, options in slots.items():
        while "{" + name + "}" in text:
            text = text.replace("{" + name + "}", rng.choice(options), 1)
    return " ".join(text.split())


def generate(seed: int, n: int = 400, welsh_share: float = 0.3) -> list[dict]:
    """`n` narratives, half urgent, about `welsh_share` of them in Welsh, the same for the same seed."""
    rng = random.Random(seed)
    items = []
    for index in range(n):
        urgent = index % 2 == 0
        welsh = rng.random() < welsh_share
        templates = (CY_URGENT if urgent else CY_CALM) if welsh else (EN_URGENT if urgent else EN_CALM)
        text = _fill(rng, rng.choice(templates), CY if welsh else EN)
        if not welsh and rng.random() < 0.2:
            text = text.capitalize() + rng.choice([".", "!", "", " :("])
        items.append({"text": text, "urgent": urgent, "lang": "cy" if welsh else "en"})
    return items
