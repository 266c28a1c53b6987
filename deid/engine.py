"""The de-identification engine: Presidio AnalyzerEngine + custom recognisers + document-level rules."""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Mapping

from deid import nlp as nlp_mod
from deid.lexicons import (
    NOT_NAME,
    ambiguous_first_names,
    common_first_names,
    first_names,
    is_ordinary,
    not_person_words,
    surnames,
    world_places,
)
from deid.recognizers import age as age_rec
from deid.recognizers import case_reference as case_rec
from deid.recognizers import contact_context
from deid.recognizers.base import from_result
from deid.recognizers.person_rules import _NOT_PROPER, _blocked  # shared rule helpers
from deid.redact import Numbering, redact_text
from deid.textutil import coarse_pos, words
from deid.types import STRUCTURED_LABELS, DeidConfig, DeidResult, Span

_MODALS = {"will", "may", "can", "must", "shall", "might", "could", "would", "should"}
CHUNK_SIZE = 20_000
CHUNK_OVERLAP = 600
_PROCESS_LOCK = threading.RLock()

# Already-redacted text: our placeholders, ASRS-style ZZZ/XXX masks, generic [REDACTED].
PROTECTED = re.compile(r"\[[A-Z][A-Z_]*(?: [A-Z_]+)*(?: \d+)?\]|\b(?:Z{3,}|X{3,})\b|\*{3,}|█+")
_CONFIGURED = {"deny_term", "case_ref_config"}  # organisation rules outrank everything
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Where two recognisers disagree, the more specific wins: checksummed or self-describing formats
# (an IBAN's country and mod-97, a card's Luhn digit, an e-mail's @) over numbers that many things
# could be (a phone number, a bank account), over words.
_PRIORITY = {
    "URL": 7, "IBAN": 7, "EMAIL": 6, "NHS_NUMBER": 6, "NI_NUMBER": 6, "CARD": 6, "IP_ADDRESS": 6, "CRYPTO_WALLET": 6,
    "PHONE": 5, "POSTCODE": 5, "NATIONAL_ID": 4, "BANK_ACCOUNT": 4, "CASE_REFERENCE": 4,
    "DATE": 4, "ADDRESS": 3, "ORGANISATION": 3, "USERNAME": 3, "ID_NUMBER": 2.4, "AGE": 2, "PERSON": 1, "LOCATION": 1,
}


def _chunks(text: str, size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[tuple[int, int, int, int]]:
    """(chunk_start, chunk_end, keep_from, keep_to) windows cut at whitespace."""
    n = len(text)
    if n <= size:
        return [(0, n, 0, n)]
    out = []
    start = 0
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind(" ", start + size // 2, end)
            cut = max(cut, text.rfind("\n", start + size // 2, end))
            if cut > start:
                end = cut
        out.append([start, end])
        if end >= n:
            break
        start = max(start + 1, end - overlap)
    windows = []
    for i, (s, e) in enumerate(out):
        keep_from = s if i == 0 else s + overlap // 2
        keep_to = e if i == len(out) - 1 else e - overlap // 2
        windows.append((s, e, keep_from, keep_to))
    # make keep ranges contiguous
    for i in range(1, len(windows)):
        s, e, _kf, kt = windows[i]
        windows[i] = (s, e, windows[i - 1][3], kt)
    return windows


# A number that is only a valid phone number of some other country ("phone_national") is less specific
# than a checksummed national ID, a labelled account, a case reference or a street address (its house
# number) that covers it.
# Our own national-ID checks are long, checksummed formats: they outrank a phone-shaped part of them.
# A North-American street address outranks a five-digit house number read as a postal code ("31024 Gill
# Stravenue, Unit 26"): both are redacted either way, but the address takes its flat with it.
_SOURCE_PRIORITY = {"phone_national": 2.5, "phone_shape": 2.5, "national_id_fr": 6, "national_id_ie": 6, "national_id_ro": 6,
                    "national_id_tr": 6, "address_us": 5.5}


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep the best non-overlapping spans: label priority, then length, then score."""
    ranked = sorted(spans, key=lambda s: (s.source not in _CONFIGURED,
                                          -_SOURCE_PRIORITY.get(s.source, _PRIORITY.get(s.label, 0)),
                                          -(s.end - s.start), -s.score, s.start))
    kept: list[Span] = []
    # Kept spans never overlap, so sorted by start their ends are sorted too: a new span can only
    # overlap the last kept span that starts before its end (a bisect, not a scan: a 1 MB paste has
    # tens of thousands of spans).
    starts: list[int] = []
    ends: list[int] = []
    for s in ranked:
        if s.end <= s.start:
            continue
        i = bisect.bisect_left(starts, s.end)
        if i > 0 and ends[i - 1] > s.start:
            continue
        starts.insert(i, s.start)
        ends.insert(i, s.end)
        kept.append(s)
    kept.sort()
    return kept


def _recognise(analyzer, text: str, artifacts) -> list:  # noqa: ANN001 - Presidio's AnalyzerEngine, NlpArtifacts
    """Every registered recogniser on `text`. What AnalyzerEngine.analyze does, less its context
    enhancer and de-duplication: our adapters check context themselves and `resolve_overlaps`
    settles duplicates, and skipping them is a tenth of the time on identifier-dense text."""
    results = []
    for recognizer in analyzer.registry.get_recognizers(language="en", all_fields=True):
        if not recognizer.is_loaded:
            recognizer.load()
            recognizer.is_loaded = True
        results.extend(recognizer.analyze(text=text, entities=None, nlp_artifacts=artifacts) or [])
    return results


def _drop_wrapped_guesses(text: str, spans: list[Span]) -> list[Span]:
    """An identifier read across a line break is a guess that the line was wrapped; an identifier of
    another kind found whole on one line, which the guess would cut, is the better reading
    ("… 306848\n0044 7844 566526": not a card number over the break, but a phone number on its line)."""
    wrapped = [s for s in spans if s.label in STRUCTURED_LABELS and "\n" in text[s.start:s.end]]
    if not wrapped:
        return spans
    plain = [s for s in spans if s.label in STRUCTURED_LABELS and "\n" not in text[s.start:s.end]]
    drop = {id(w) for w in wrapped for p in plain
            if p.label != w.label and p.start < w.end and w.start < p.end and (p.start < w.start or p.end > w.end)}
    return [s for s in spans if id(s) not in drop]


def merge_adjacent_persons(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if (out and s.label == "PERSON" and out[-1].label == "PERSON"
                and re.fullmatch(r"[ \t]{1,2}|-", text[out[-1].end:s.start])):
            prev = out.pop()
            s = Span(prev.start, s.end, "PERSON", max(prev.score, s.score), prev.source)
        out.append(s)
    return out


class Deidentifier:
    """Analyse and redact narratives. Models are shared per process; instances are cheap and thread-safe."""

    def __init__(self, config: DeidConfig | None = None):
        self.config = config or DeidConfig()
        self._analyzer = nlp_mod.analyzer()
        self._engine = nlp_mod.nlp_engine()
        self._case_patterns = case_rec.compile_patterns(self.config.case_reference_patterns)
        deny = self.config.deny_labels
        self._deny = [(re.compile(r"(?<![\w])" + re.escape(t.strip()) + r"(?![\w])", re.IGNORECASE), lab)
                      for t, lab in sorted(deny.items(), key=lambda kv: -len(kv[0]))]
        self._allow = {t.strip().lower() for t in self.config.allow_terms if t.strip()}
        self._allow_re = [re.compile(r"(?<![\w])" + re.escape(t) + r"(?![\w])", re.IGNORECASE) for t in self._allow]

    # -- public API ---------------------------------------------------------------------------
    def analyse(self, text: str, names: Iterable[str] = ()) -> list[Span]:
        """The identifiers in `text`. `names` are people's names found elsewhere in the same report:
        their other mentions here are names too."""
        if not text or not text.strip():
            return []
        spans: list[Span] = []
        docs = []
        for s, e, keep_from, keep_to in _chunks(text):
            chunk = text[s:e]
            with _PROCESS_LOCK:
                artifacts = self._engine.process_text(chunk, "en")
                results = _recognise(self._analyzer, chunk, artifacts)
            docs.append((s, artifacts.tokens))
            for r in results:
                span = from_result(r, s)
                if keep_from <= span.start < keep_to or (span.start < keep_from and s == 0):
                    spans.append(span)
        spans.extend(self._configured(text))
        spans = _drop_wrapped_guesses(text, spans)
        spans = self._drop_urls_in_emails(spans)
        spans = self._drop_in_urls(text, spans)
        spans = self._drop_protected(text, spans)
        spans = resolve_overlaps(spans)
        spans = self._propagate_names(text, spans, docs, names)
        spans = self._relational(text, spans)
        spans = self._drop_protected(text, spans)
        spans = [s for s in resolve_overlaps(spans) if not self._allowed(text, s)]
        return merge_adjacent_persons(text, spans)

    def redact(self, text: str, spans: Iterable[Span], numbering: Numbering | None = None) -> str:
        """Placeholders for `spans`; with a kept `numbering`, consistent across several texts."""
        return redact_text(text, list(spans), date_mode=self.config.date_mode, numbering=numbering)

    def analyse_together(self, texts: Mapping[str, str]) -> dict[str, list[Span]]:
        """The fields of one report, analysed as one: a name found in any field is looked for in
        all of them ("Sunny" named in full in one field and alone in another)."""
        found = {key: self.analyse(text) for key, text in texts.items()}
        for key, text in texts.items():
            names = [texts[other][s.start:s.end] for other, spans in found.items() if other != key
                     for s in spans if s.label == "PERSON"]
            if names and self._mentions_outside(text, found[key], names):
                found[key] = self.analyse(text, names)
        return found

    def deidentify(self, text: str) -> DeidResult:
        """Analyse and redact in one go, for a text that stands alone."""
        spans = self.analyse(text)
        return DeidResult(text=text, spans=spans, redacted=self.redact(text, spans))

    # -- steps --------------------------------------------------------------------------------
    def _configured(self, text: str) -> list[Span]:
        spans = case_rec.find_configured(text, self._case_patterns)
        for pattern, label in self._deny:
            spans.extend(Span(m.start(), m.end(), label, 1.0, "deny_term") for m in pattern.finditer(text))
        # deny terms outrank everything else
        return [s._replace(score=1.0) for s in spans]

    @staticmethod
    def _drop_urls_in_emails(spans: list[Span]) -> list[Span]:
        """A web address outranks what is inside it (a number in "profile.php?id=...") but an
        e-mail's domain is part of the e-mail: a URL that cuts into an e-mail is dropped."""
        emails = sorted((s.start, s.end) for s in spans if s.label == "EMAIL")
        if not emails:
            return spans
        starts = [b for b, _ in emails]

        def cuts_into_email(url: Span) -> bool:
            j = bisect.bisect_left(starts, url.end) - 1
            while j >= 0 and emails[j][0] > url.start - 400:  # no e-mail address is longer than that
                b, e = emails[j]
                if url.start < e and b < url.end and not (url.start <= b and e <= url.end):
                    return True
                j -= 1
            return False

        return [s for s in spans if s.label != "URL" or not cuts_into_email(s)]

    @staticmethod
    def _drop_in_urls(text: str, spans: list[Span]) -> list[Span]:
        """Words inside a web address are not names or places ("reddit.com/r/sydney/...")."""
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        if not urls:
            return spans
        return [s for s in spans if s.label not in ("PERSON", "LOCATION")
                or not any(b <= s.start and s.end <= e for b, e in urls)]

    @staticmethod
    def _drop_protected(text: str, spans: list[Span]) -> list[Span]:
        blocks = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
        if not blocks:
            return spans
        return [s for s in spans if not any(s.start < e and b < s.end for b, e in blocks)]

    def _allowed(self, text: str, span: Span) -> bool:
        if not self._allow or span.source == "deny_term":
            return False
        if text[span.start:span.end].strip().lower() in self._allow:
            return True
        for pattern in self._allow_re:
            for m in pattern.finditer(text, max(0, span.start - 200), min(len(text), span.end + 200)):
                if m.start() <= span.start and span.end <= m.end():
                    return True
        return False

    def _name_keys(self, names: Iterable[str]) -> set[str]:
        """The words of found names to look for elsewhere. In a name of several words, an everyday word that
        is no first name or surname is not one of them, nor is a town: "Arizona State" must not make every
        "State" a name, nor "Werder Bremen" every "Bremen". Nor is a nationality or a job title ("German",
        "General"), which is a name only with a title or a first name beside it."""
        keys = set()
        for name in names:
            ws = [w for w in words(name) if len(w.text) >= 2 and not _blocked(w) and w.lower not in self._allow
                  and w.lower not in not_person_words()]
            keys.update(w.lower for w in ws if len(ws) == 1 or w.lower in first_names() or w.lower in surnames()
                        or not (is_ordinary(w.lower) or w.lower in world_places()))
        return keys

    @staticmethod
    def _mentions_outside(text: str, spans: list[Span], names: list[str]) -> bool:
        """Cheap check before a second analysis: does a word of `names` appear outside `spans`?"""
        low = text.lower()
        for key in {w.lower() for name in names for w in re.findall(r"[^\W\d_]{2,}", name)}:
            for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", low):
                if not any(s.start <= m.start() < s.end for s in spans):
                    return True
        return False

    def _propagate_names(self, text: str, spans: list[Span], docs, names: Iterable[str] = ()) -> list[Span]:  # noqa: ANN001
        """Every other mention of a found name (or of one of `names`) is a name too (case-insensitive
        unless it is an ordinary word, which must then be capitalised and tagged as a proper noun)."""
        # A user name's pieces ("@dee_quill") are not names to look for elsewhere.
        persons = [s for s in spans if s.label == "PERSON"]
        keys = self._name_keys([text[p.start:p.end] for p in persons]) | self._name_keys(names)
        if not keys:
            return spans
        amb = ambiguous_first_names()
        pattern = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(map(re.escape, keys), key=len, reverse=True))
                             + r")(?![\w-]|['’](?![sS]\b))", re.IGNORECASE)
        occupied = sorted([(s.start, s.end) for s in spans] + [(m.start(), m.end()) for m in _URL.finditer(text)])
        pos_at: dict[int, tuple[str, str]] = {}
        for offset, doc in docs:
            if doc is None:
                continue
            for i, tok in enumerate(doc):
                nxt = coarse_pos(doc[i + 1]) if i + 1 < len(doc) else ""
                pos_at[tok.idx + offset] = (coarse_pos(tok), nxt)
        starts = [b for b, _ in occupied]
        new: list[Span] = []
        for m in pattern.finditer(text):
            s, e = m.start(1), m.end(1)
            k = bisect.bisect_right(starts, s) - 1
            if k >= 0 and occupied[k][0] <= s < occupied[k][1]:
                continue
            if k + 1 < len(occupied) and occupied[k + 1][0] < e:
                continue
            token = m.group(1)
            low = token.lower()
            pos, nxt = pos_at.get(s, ("", ""))
            if low in amb or low in NOT_NAME:
                if not token[0].isupper():
                    continue
                line_start = re.search(r"(?:^|[.!?\n:]\s*|\s-\s)$", text[max(0, s - 3):s]) is not None
                if line_start and nxt in ("ADP", "DET", "PART", "ADV"):
                    continue  # "Mark on the chronology", "Hope to close"
                if pos in _NOT_PROPER and not (line_start and nxt in ("VERB", "AUX") and low not in _MODALS):
                    continue
            elif is_ordinary(low):
                if token.islower() and (pos in _NOT_PROPER or pos != "PROPN" and low not in common_first_names()):
                    continue  # "Norilsk Nickel" is no reason to hide "the nickel producer"; "henry was seen" is a name
            elif token.islower() and (len(token) < 3 or (pos in _NOT_PROPER or pos == "NOUN") and not (
                    low in first_names() or low in surnames())):
                continue  # "( Cwt )" found is no reason to hide "per cwt"; "jayden" or "nair" in notes is
            new.append(Span(s, e, "PERSON", 0.6, "person_propagated"))
        return spans + new

    def _relational(self, text: str, spans: list[Span]) -> list[Span]:
        out = list(spans)
        by_start = {s.start: s for s in spans}
        for s in spans:
            if s.label == "PERSON":
                age = age_rec.find_after_name(text, s.end)
                if age is not None:
                    out.append(age)
                m = re.match(r"\s*\(\s*", text[s.end:s.end + 6])
                if m and (s.end + m.end()) in by_start and by_start[s.end + m.end()].label == "DATE":
                    d = by_start[s.end + m.end()]
                    out = [x for x in out if x != d] + [d._replace(source="dob")]
            elif s.label == "ADDRESS":
                postal = _POSTAL_AFTER_ADDRESS.match(text, s.end) or _POSTAL_ENDS_ADDRESS_LINE.match(text, s.end)
                if postal:
                    out.append(Span(postal.start(1), postal.end(1), "POSTCODE", 0.8, "postcode_after_address"))
                town = _town_after(text, s.end)
                if town:
                    out.append(town)
                    postal = _POSTAL_AFTER_TOWN.match(text, town.end)  # "…, Poienile de sub Munte 637186"
                    if postal:
                        out.append(Span(postal.start(1), postal.end(1), "POSTCODE", 0.8, "postcode_after_town"))
            elif s.label == "POSTCODE":
                town = _town_before(text, s.start)
                if town:
                    out.append(town)
        return out + contact_context.find(text, out)


# "28 bis chemin Martin 69544 Roussel-les-Bains": another country's postal number between a street
# address and its town, on the same line or the next ("Julieweg 74\n5022 IB\nFinsterwolde").
_POSTAL_AFTER_ADDRESS = re.compile(
    r",?[ \t]*\n?[ \t]*(\d{5,6}(?=[ \t]+[^\W\d_])|(?:\d{4}[ \t]?[A-Z]{2}|\d{4}-\d{3}|\d{2}-\d{3}|(?!(?:19|20)\d\d\b)\d{4})"
    r"(?=\s+[A-ZÀ-ÖØ-Þ]))")
# "…nr. 109, 1 Decembrie 306848" then the line ends: the postal number closes the address's line.
_POSTAL_ENDS_ADDRESS_LINE = re.compile(r",[ \t]*[^\W_][^,\n]{0,40}?[ \t](\d{5,6})[ \t]*(?=\n|$)")
_POSTAL_AFTER_TOWN = re.compile(r",?[ \t]+(\d{5,6}|\d{2}-\d{3}|\d{4}-\d{3}|(?!(?:19|20)\d\d\b)\d{4})(?![\w-]|[.,]\d)")
_TOWN_WORD = r"(?:[A-Z][\w'’-]*|St\.?|upon|on|le|super|under|in|the|de)"
_TOWN_AFTER = re.compile(
    r",?[ \t]+(" + r"[A-Z][\w'’-]*(?:[ \t-]+(?:[A-Z][\w'’-]*|St\.?|upon|on|le|super|under|in|de|sub|sur|am|an|der|di|del)"
    r"(?![a-z])){0,3})"
)
_TOWN_AFTER_LOWER = re.compile(
    r",[ \t]+([a-z][a-z'’-]+(?:[ \t][a-z][a-z'’-]+)?)(?=,?[ \t]+[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}\b)"
)
_TOWN_AFTER_GAZ = re.compile(r",[ \t]+([a-z][a-z'’-]+(?:[ \t-][a-z][a-z'’-]+){0,2})")


def _town_after(text: str, end: int) -> Span | None:
    seg = text[end:end + 60]
    m = _TOWN_AFTER.match(seg) or _TOWN_AFTER_LOWER.match(seg)
    if not m:
        g = _TOWN_AFTER_GAZ.match(seg)
        if g:
            from deid.lexicons import uk_places

            words_ = g.group(1).split()
            for k in range(len(words_), 0, -1):
                cand = " ".join(words_[:k])
                if cand in uk_places() and not is_ordinary(cand):
                    return Span(end + g.start(1), end + g.start(1) + len(cand), "LOCATION", 0.8,
                                "location_after_address")
        return None
    name = m.group(1).rstrip()
    parts = [p.lower() for p in re.split(r"[ \t-]+", name)]
    if any(p in NOT_NAME for p in parts if p not in ("in", "the", "on")):
        return None
    return Span(end + m.start(1), end + m.start(1) + len(name), "LOCATION", 0.85, "location_after_address")


_TOWN_BEFORE = re.compile(r"([A-Z][\w'’-]*(?:[ \t-]+" + _TOWN_WORD + r"){0,2})(?:,[ \t]*|[ \t]+)$")


def _town_before(text: str, start: int) -> Span | None:
    seg = text[max(0, start - 50):start]
    m = _TOWN_BEFORE.search(seg)
    if not m:
        return None
    name = m.group(1)
    # Only the trailing capitalised run right before the postcode.
    parts = name.split()
    while parts and parts[0].lower() in NOT_NAME | {"in", "the", "on"}:
        parts = parts[1:]
    if not parts:
        return None
    name = " ".join(parts)
    s = max(0, start - 50) + m.start(1) + (len(m.group(1)) - len(name))
    return Span(s, s + len(name), "LOCATION", 0.8, "location_before_postcode")
