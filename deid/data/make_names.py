"""Build ``names.txt.gz``: first names and surnames of many countries, from Faker's locale providers.

Faker is a development dependency only, so the engine cannot import it at run time; this script is
run by hand when Faker (or the choice of locales) changes, and its output is committed:

    .venv/bin/python deid/data/make_names.py

Each line of the output is ``name<TAB>kinds``: the name in lower case, ``kinds`` is ``f`` (a first
name), ``l`` (a surname) or ``fl`` (both). Names in Cyrillic and Greek are also written in Latin
letters (a plain transliteration, as a UK case note would spell them: "Смирнов" -> "smirnov");
names in other scripts (Arabic, Devanagari, Chinese ...) are kept in their own script, because
notes sometimes quote a name as the family writes it. Multi-word entries ("Abu Asneina", "de la
Cruz") are split into words and the particles (de, la, al, abu, van ...) dropped. Whether a name is
also an everyday English word is decided at run time (``deid.lexicons``), not here.
"""

from __future__ import annotations

import gzip
import importlib
import os
import pkgutil
import re
import unicodedata

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "names.txt.gz")

# Locales left out: their lists are placeholders ("John", "Doe") or only Japanese kana/kanji.
SKIP_LOCALES = {"es", "ja_JP"}
FIRST_ATTRS = ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary",
               "first_names_unisex", "first_romanized_names", "first_names_est", "first_names_rus",
               "first_names_female_common", "first_names_male_common")
LAST_ATTRS = ("last_names", "last_names_female", "last_names_male", "last_names_unisex", "male_last_names",
              "unisex_last_names", "last_romanized_names", "last_names_est", "last_names_rus",
              "last_names_common", "last_names_without_suffix")
PARTICLES = {"de", "da", "di", "do", "dos", "das", "del", "della", "la", "le", "les", "du", "des", "van", "von",
             "der", "den", "ten", "ter", "al", "el", "abu", "bin", "ibn", "bint", "y", "e", "i", "a", "st",
             "mac", "mc", "o", "ben", "zu", "af", "av"}

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўј",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u", "j"],
    strict=True,
))
_CYRILLIC.update({"ѓ": "g", "ќ": "k", "љ": "lj", "њ": "nj", "џ": "dz", "ѕ": "dz"})
_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t",
     "y", "f", "ch", "ps", "o"],
    strict=True,
))


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def transliterate(name: str) -> str | None:
    """Latin spelling of a Cyrillic or Greek name; None for other scripts."""
    low = _strip_accents(name.lower()) if any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff"
                                             for c in name) else name.lower()
    if any("\u0400" <= c <= "\u04ff" for c in low):
        return "".join(_CYRILLIC.get(c, c) for c in low)
    if any("\u0370" <= c <= "\u03ff" for c in low):
        return "".join(_GREEK.get(c, c) for c in low)
    return None


def _latin(s: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or c in "’'-" for c in s)


def _words(entry: str) -> list[str]:
    entry = entry.replace("’", "'").strip()
    out = []
    for part in re.split(r"[\s]+", entry):
        part = part.strip(".,()'-").lower()
        cjk = any("\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3" for c in part)
        if (sum(c.isalpha() for c in part) < 2 and not cjk) or part in PARTICLES or any(c.isdigit() for c in part):
            continue
        out.append(part)
    return out


def collect() -> dict[str, set[str]]:
    import faker.providers.person as person

    kinds: dict[str, set[str]] = {}
    locales = sorted(m.name for m in pkgutil.iter_modules(person.__path__) if m.ispkg)
    for locale in locales:
        if locale in SKIP_LOCALES:
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attrs, kind in ((FIRST_ATTRS, "f"), (LAST_ATTRS, "l")):
            for attr in attrs:
                values = getattr(provider, attr, None)
                if not values or isinstance(values, property):
                    continue
                for entry in values:
                    if not isinstance(entry, str) or entry in ("John", "Jane", "Doe"):
                        continue
                    for word in _words(entry):
                        spellings = {word}
                        latin = transliterate(word)
                        if latin:
                            spellings.add(latin)
                        if _latin(word):
                            plain = _strip_accents(word)
                            spellings.add(plain)  # "Łukasz" is often typed "Lukasz"; ł has no decomposition
                            spellings.add(plain.replace("ł", "l").replace("ø", "o").replace("đ", "d"))
                        for s in spellings:
                            if len(s) >= 2 or not _latin(s):
                                kinds.setdefault(s, set()).add(kind)
    return kinds


def main() -> None:
    kinds = collect()
    lines = [f"{name}\t{''.join(sorted(k))}\n" for name, k in sorted(kinds.items())]
    with gzip.open(OUTPUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(lines)
    firsts = sum("f" in k for k in kinds.values())
    lasts = sum("l" in k for k in kinds.values())
    print(f"{OUTPUT}: {len(lines)} names ({firsts} first, {lasts} surnames), {os.path.getsize(OUTPUT)} bytes")


if __name__ == "__main__":
    main()
