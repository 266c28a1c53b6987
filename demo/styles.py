"""How a tired front-line worker types: abbreviations, lower case, bullets, dashes instead of full stops."""

from __future__ import annotations

import random
import re

ABBREVIATIONS = (
    ("initial child protection conference", "ICPC"), ("child protection plan", "CP plan"),
    ("child protection", "CP"), ("social workers", "SWs"), ("social worker", "SW"), ("team manager", "TM"),
    ("section 47", "s47"), ("health visitor", "HV"), ("strategy discussion", "strat"), ("information", "info"),
    ("because", "cos"), ("appointments", "appts"), ("about the", "re the"), ("about mum", "re mum"), ("and", "&"),
    ("with", "w/"),
    ("assessment", "assmt"), ("safeguarding", "s/g"), ("weeks", "wks"), ("something", "sth"),
)


_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*(?:- )?)([a-z])")


def _sentence_case(text: str) -> str:
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _abbreviate(text: str, rng: random.Random, rate: float) -> str:
    for long, short in ABBREVIATIONS:
        if rng.random() < rate:
            text = re.sub(r"(?<![\w'])" + re.escape(long) + r"(?![\w'])", short, text, flags=re.IGNORECASE)
    return text


def _casual_lower(text: str, keep: set[str]) -> str:
    def word(m: re.Match) -> str:
        w = m.group(0)
        if (len(w) > 1 and w.isupper()) or w in keep:
            return w
        return w.lower()

    return re.sub(r"[A-Za-z][A-Za-z'’]*", word, text)


def _bullets(text: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    if len(sentences) < 2:
        return text
    return "\n".join("- " + s.rstrip(".") for s in sentences)


def _no_full_stops(text: str) -> str:
    return re.sub(r"\.(\s+|$)", lambda m: " -" + m.group(1) if m.group(1) else "", text).strip()


STYLES = {"plain": 30, "abbrev": 25, "casual": 15, "lower": 10, "bullets": 12, "dashes": 8}


def apply_style(fields: dict[str, str], style: str, rng: random.Random, keep: set[str]) -> dict[str, str]:
    out = {}
    rate = {"abbrev": 0.6, "casual": 0.35, "lower": 0.4, "bullets": 0.3, "dashes": 0.3}.get(style, 0.05)
    for name, text in fields.items():
        if not text:
            out[name] = text
            continue
        text = _abbreviate(text, rng, rate)
        text = _sentence_case(text)
        if style == "casual":
            text = _casual_lower(text, keep)
        elif style == "lower":
            text = text.lower()
        elif style == "bullets" and name in ("what_happened", "what_would_help"):
            text = _bullets(text)
        elif style == "dashes":
            text = _no_full_stops(text)
        out[name] = text
    return out
