"""Word lists, patterns and small word tests shared by the person-name rules (`person`,
`person_words`, `person_surnames`) and the engine."""

from __future__ import annotations

import re

from deid.lexicons import (
    DAYS,
    FOREIGN_TITLES,
    MONTHS,
    NOT_NAME,
    RELATION_WORDS,
    ROLE_WORDS,
    TITLES,
    TRIGGER_PHRASES,
    first_names,
)
from deid.textutil import Word, gap

_TRIGGERS = frozenset(TRIGGER_PHRASES)
_TRIGGER_ENDS = frozenset(t.split()[-1] for t in _TRIGGERS)  # a phrase is looked for only before these
_NOT_PROPER = {"VERB", "AUX", "ADP", "ADV", "ADJ", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "INTJ"}
_MODALS = {"will", "may", "can", "must", "shall", "might", "could", "would", "should"}
_LOWER_TITLES = {"mr", "mrs", "ms", "mx", "dr", "miss"} | FOREIGN_TITLES
_DETERMINERS = {"the", "a", "an", "this", "that", "last", "next", "every", "each", "over", "early", "late", "all",
                "some", "any", "no", "our", "their", "his", "her", "my", "your", "its", "of"}
_TAIL_WORDS = {"school", "primary", "academy", "college", "nursery", "surgery", "practice", "centre", "center",
               "home", "hospital", "court", "house", "lodge", "manor", "grange", "cottage", "trust", "council",
               "team", "unit", "ward", "service", "services", "group", "road", "street", "lane", "avenue", "close",
               "drive", "way", "park", "estate", "view"}
_AGE_AFTER = re.compile(r"\s*\(\s*(?:aged?\s*)?\d{1,2}\s*(?:yo|y/o|yrs?|years?(?:\s+old)?|m|months?)?\s*\)", re.IGNORECASE)
_BELONGS_WORDS = RELATION_WORDS | {
    "family", "case", "placement", "school", "carers", "needs", "plan", "worker", "personal", "room", "bedroom",
    "behaviour", "safety", "file", "record", "referral", "home", "house", "flat", "card", "cards", "nhs", "ni",
    "number", "details", "account", "bank", "phone", "mobile", "address", "gp", "dob", "name", "id", "passport",
    "pension", "benefits", "money", "medication", "meds", "arm", "arms", "leg", "legs", "face", "head", "hand",
    "hands", "back", "eye", "eyes", "neck", "body", "injury", "injuries", "bruise", "bruises", "birthday", "birth",
    "care", "health", "mental", "social", "named", "key", "allocated"}
_BELONGS_AFTER = re.compile(
    r"['’]s?\s+(?:(?:new|old|own|debit|credit|bank|mobile|left|right|younger|older|little|big|baby|twin|half|step|"
    r"birth|foster|biological|current|previous|school|personal|medical|care|support|social)\s+)?(?:"
    + "|".join(sorted(_BELONGS_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# NER labels that do not rule out an unknown capitalised word being a surname.
_UNKNOWN_NER_OK = frozenset({"", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})
_NOTE_VERBS = frozenset(
    "says said answered allocated aware present visits visited rang called phoned texted reports reported "
    "confirms confirmed states stated agreed agrees denies denied attended refused disclosed asked wants told "
    "seen missing ok happy declined admitted explained mentioned informed advised sent posted arrived left "
    "lives lived living stays stayed staying moved returned went has had".split())
_REPORTING = frozenset("says said answered rang called phoned texted reports reported confirms confirmed states "
                       "stated denies denied disclosed told sent visits went came allocated aware seen living "
                       "present".split())
_PERSON_OBJECT_VERBS = frozenset(
    "mentioned told asked met saw visited called rang phoned emailed texted thanked blamed accused married "
    "hugged kissed hit hits punched kicked loves loved hates hated likes liked trusts trusted".split())
# A capital inside a word, other than after a surname prefix (McDonald, MacLeod, DeShawn, LaToya, O'Neil).
_CAMEL = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St|O['’]|D['’])[A-Z])[A-Z]?[a-z]+[A-Z]")
_FAMILY_AFTER = frozenset("family families household children kids twins brothers sisters boys girls case "
                          "parents siblings".split())
_CLOSE_LEAD = frozenset("w tell ask ring call text".split())
# Words before a lower-case name in notes and messages: "tell X", "hi its X", "tc from X re".
_LOWER_LEAD = frozenset("tell told ask asked its it's im i'm from re w w/ with and to for about call ring text "
                        "message".split())
_TITLE_GAP = re.compile(r"\.?[ \t]{1,2}")
_ROLE_GAP = re.compile(r"\s*[,:(-]?\s*[\"'“‘]?")
_NAME_GAP = re.compile(r"[ \t]{1,2}")
_DATE_NEXT = re.compile(r"[ \t]+\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
_WRAP_GAP = re.compile(r"[ \t]?\n[ \t>]*")  # a name wrapped over a line break ("Paul\nCox")
_PARTICLES = frozenset("da de do dos das di del della van von den der ten ter le la du bin ibn al el ó o' mac".split())
_AGE_NEXT = re.compile(r"[ \t]+(?:(?:is|was|who is|now)[ \t]+|,[ \t]*|aged?[ \t]+)?\d{1,2}(?:[ \t]*(?:yo|y/o|yrs?|years?))?"
                       r"(?:\b|(?=yo))(?![:/.,-]\d|[ \t]*(?:%|am|pm|minutes|mins|hours|days|weeks|times|x\b))",
                       re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|and|&|\+|or|/)\s*|\s*,\s*and\s*")


def _blocked(w: Word) -> bool:
    low = w.lower
    return (len(w.text) < 2 or low in NOT_NAME or low in TITLES or low in ROLE_WORDS or low in RELATION_WORDS
            or low in DAYS or low in MONTHS or low in FOREIGN_TITLES)


def _titled(prev: Word) -> bool:
    return prev.lower in TITLES or prev.lower in FOREIGN_TITLES


def _capitalised(w: Word) -> bool:
    return w.shape in ("title", "upper")


def _acronym(w: Word) -> bool:
    return w.shape == "upper" and len(w.text) <= 3 and w.lower not in first_names()


def _phrase_before(text: str, ws: list[Word], i: int, k: int) -> str | None:
    """The k words before word i, joined lower case, if only spaces separate them."""
    if i - k < 0:
        return None
    for j in range(i - k + 1, i):
        if not _NAME_GAP.fullmatch(gap(text, ws, j)):
            return None
    return " ".join(ws[j].lower for j in range(i - k, i))
