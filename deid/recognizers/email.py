"""E-mail addresses."""

from __future__ import annotations

import re

from deid.types import Span

_EMAIL = re.compile(
    r"(?<![\w.+'-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w@])"
)


def find(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), "EMAIL", 1.0, "email") for m in _EMAIL.finditer(text)]


def local_part_words(email: str) -> list[str]:
    """Name-like pieces of an address's local part ("jane.doe23@x" -> ["jane", "doe"])."""
    local = email.split("@", 1)[0]
    return [w for w in re.split(r"[^A-Za-z]+", local.lower()) if len(w) >= 3]
