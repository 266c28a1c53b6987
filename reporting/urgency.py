"""Does a report suggest someone is in danger now? Two halves, ORed, that err towards "yes"
(docs/easy-read.md): a rule list in English and Welsh, and a semantic comparison with short
"danger now" sentences (reporting/urgency_prototypes.py) using the packaged MiniLM model.

The rules: a report is urgent when any clause of its text matches a rule, unless that match is cancelled:

* by a plain negation just before it ("he doesn't hit me", "dyw e ddim yn fy nharo", "I'm not
  scared"), for the rules where a negation can cancel (never for self-harm, threats, weapons,
  sexual harm, a plea for help, or words that carry their own negation such as "hasn't eaten");
* by a clear "that was long ago, it stopped" in the same clause ("the hitting stopped years ago"),
  for the rules where that can cancel, and only if the clause says nothing about now ("still",
  "again", "every day" ...).

Cancelling is deliberately narrow: only a negation right before the words, with nothing but small
words between ("really", "feel", "yn" ...). "It isn't just that he hits me" stays urgent. Missing
danger costs more than a reviewer reading a report early, so when in doubt a rule fires.

The semantic half catches what no rule names ("mums boyfriend gets angry and i have to hide"): each
sentence and clause is embedded and compared with the danger and calm sentences (thresholds below).
It reads English only in practice; Welsh relies on the rules. If the model fails, the rules decide
alone and the failure is logged: a submission never fails for it. A text of three words or fewer
that is not plainly harmless ("thanks", "ok") is urgent: too little to tell, so a person looks.

Urgency is worked out from the original words at submission, before de-identification, and only the
yes/no is kept (reporting.services.submit_report).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    negatable: bool = True  # "he doesn't hit me" cancels it
    resolvable: bool = True  # "it stopped years ago" cancels it


def _rule(name: str, *alternatives: str, negatable: bool = True, resolvable: bool = True, end: str = r"\b") -> Rule:
    """A rule that fires on any of `alternatives` (regular expressions over normalised text), as whole words."""
    return Rule(name, re.compile(r"\b(?:" + "|".join(alternatives) + ")" + end), negatable, resolvable)


# Who can be hurt, and who can hurt ("hurts me", "dad hurts").
_OBJ = (r"(?:me|us|him|her|them|my|our|his|their|the (?:baby|child|children|kids?|boy|girl)|mum|mam|dad|nan|gran"
        r"|brother|sister)")
_WHO = (r"(?:he|she|they|someone|somebody|dad|mum|mam|mother|father|step ?dad|step ?mum|carer|staff|boyfriend|girlfriend"
        r"|brother|sister|uncle|auntie|aunt|grandad|nan)")
_NOT = r"(?:hasn't|has not|hasnt|haven't|have not|havent|hadn't|had not|not|didn't|did not|never|noone has)"
_MEALS = r"(?:food|anything to eat|meal|breakfast|dinner|tea|lunch|drink|water)"
# Welsh mutations of one word: t/d/nh/th-aro is taro (hit) after "fy", "ei", "ei" (hers) ...
_MUTATED_C = r"(?:c|g|ngh|ch)"
_MUTATED_T = r"(?:t|d|nh|th)"

RULES: tuple[Rule, ...] = (
    # --- a plea for help: never cancelled ---
    _rule("plea", r"help+ (?:me|us|him|her|them|my)", "please help", "pls help", "plz help",
          r"(?:need|want)(?: to get)? (?:some |urgent )?help", r"get (?:me |us )?help now", r"save (?:me|us)",
          r"rescue (?:me|us)", "take me away",
          r"get (?:me|us) (?:out|away)", "come and get me", r"help+ ?!", negatable=False, resolvable=False, end=""),
    _rule("plea-cy", r"help(?:wch|a|u)? (?:fi|ni|i)", "plis help", r"achub(?:wch)? (?:fi|ni)", r"angen (?:help|cymorth)",
          "cymorth", negatable=False, resolvable=False),
    _rule("urgent-words", "urgent", "emergency", "right now", "straight away", "right away", "asap", "brys", "argyfwng",
          "ar unwaith", negatable=False, resolvable=False),
    # --- someone is hurting someone ---
    _rule("violence", r"hits?", "hitting", "hitt?s", r"wh?ack(?:s|ed|ing)?", r"lash(?:es|ed)? out", r"beats? (?:up|" + _OBJ + ")",
          "beaten", "beating", r"punch(?:es|ed|ing)?",
          r"kick(?:s|ed|ing)?", r"slap(?:s|ped|ping)?", r"smack(?:s|ed|ing)?", r"chok(?:e|es|ed|ing)", r"strangl(?:e|es|ed|ing)",
          r"batter(?:s|ed|ing)?", r"bash(?:es|ed|ing)?", r"whack(?:s|ed|ing)?", r"thump(?:s|ed|ing)?", r"attack(?:s|ed|ing)?",
          r"bit(?:es|ing|ten)? " + _OBJ, r"(?:throws?|threw|throwing|smash(?:es|ed|ing)?|break(?:s|ing)?) things",
          r"(?:push(?:es|ed|ing)?|shov(?:e|es|ed|ing)|grab(?:s|bed|bing)?|pinch(?:es|ed|ing)?|burn(?:s|t|ed|ing)?"
          r"|throws? \w+ at|threw \w+ at) " + _OBJ),
    _rule("hurt", r"(?:hurt(?:s|ing)?|harm(?:s|ed|ing)?|injur(?:e|es|ed|ing)|abus(?:e|es|ed|ing)) " + _OBJ + "(?! feelings)",
          r"(?:got|get|gets|getting|been|being|was|were|am|is|are|i'm|he's|she's) (?:hurt|injured|abused)",
          _WHO + r" (?:hurt|hurts|abuses|abused|harms|harmed|injured)", "abuse", r"bruis(?:e|es|ed|ing)", "marks on"),
    _rule("violence-cy", _MUTATED_T + "aro", "(?:c|g|ngh|ch)ledro", "(?:p|b|mh|ph|f)wnsio", "(?:b|f|m)reifo", _MUTATED_C + "uro",
          "(?:b|f|m)rifo", _MUTATED_C + "icio", "(?:d|dd|n)yrnu",
          "slapio", "(?:b|f|m)wrw", r"t?aflu pethau", r"malu pethau", _MUTATED_C + "am-?drin", r"ymosod\w*", "anafu",
          "niweidio", "(?:gw|w|ngw)thio",
          _MUTATED_T + "agu", "cleisiau"),
    # --- fear and not feeling safe ---
    _rule("fear", "scared", r"sc[ae]+rd", "skared", "scarred of", "scarey", "frightened", "fritened", "frightend", "terrifed",
          r"afraid(?! (?:that|so|not)\b)", "terrified", "petrified", "fearful",
          r"scares (?:me|us)", r"frightens (?:me|us)", "in danger", "danger"),
    _rule("not-safe", "unsafe",
          r"(?:not|never|\w+n't|dont|doesnt|isnt|cant) (?:feel |feeling |be |being |very |really |always )?safe",
          r"(?:don't|do not|dont|can't|cannot|cant|won't|wont) (?:want to |wanna )?go (?:back )?home", negatable=False),
    _rule("fear-cy", "ofn", "ofnus", "ofni", "ofan", "(?:g|ng)o?fidio am fy (?:mywyd|niogelwch)", r"d?dychryn(?:u)?", "nychryn",
          "arswyd", "mewn perygl", r"perygl(?:us)?",
          "anniogel"),
    _rule("not-safe-cy", r"ddim yn (?:teimlo'?n )?ddiogel", r"byth yn (?:teimlo'?n )?ddiogel",
          r"ddim (?:eisiau|isio|moyn) mynd adref?", negatable=False),
    # --- left without care: these carry their own negation ---
    _rule("neglect", _NOT + r" (?:\w+ ){0,2}(?:eaten|eat|fed|had (?:any |a )?" + _MEALS
          + r"|had (?:her|his|my|their|any) (?:medicine|medication|meds|tablets|insulin)|been (?:changed|washed|fed|given))",
          r"no (?:food|dinner|meals?|water|heating|electricity|bed)", "nothing to eat", r"starv(?:ing|ed|e)", "going hungry",
          "always hungry", "hungry all the time", "so hungry", r"locked (?:\w+ )?(?:in|out|up)",
          r"locks? (?:me|us|him|her|them) (?:in|out|up)",
          r"left (?:\w+ )?(?:alone|on (?:my|his|her|their|our) own|by (?:my|him|her|them|our)sel(?:f|ves))",
          r"kick(?:s|ed)? (?:me |us |him |her )?out", "thrown out", r"nowhere to (?:sleep|stay|live|go)",
          r"sleep(?:ing)? (?:rough|outside|on the street)", "homeless", r"(?:can't|cannot|couldn't) get up",
          r"(?:lying|lay|left|fallen|fell|sleep|sleeps|sleeping) on the floor", r"(?:have|had|got) to hide",
          r"hid(?:e|es|ing)? (?:from|in|under)",
          r"no (?:food|heating|heat|money|electric|gas|nappies|milk)", r"leaves? (?:\w+ ){0,2}(?:alone|on (?:her|his|their) own)",
          r"(?:drunk|wasted|off (?:his|her|their) face|high|stoned|passed out) (?:again|all the time|every (?:day|night))",
          r"(?:mum|mam|dad|carer|they|he|she)(?:'s| is| are| was| were|s) (?:always |really |so )?(?:drunk|wasted|high|stoned)",
          r"(?:noone|nobody) (?:came|comes|looks after|checks|visits|has been|feeds)", r"forg(?:et|ets|ot) to feed",
          r"(?:doesn't|does not|don't|do not|never|didn't) feed",
          negatable=False),
    _rule("control", r"(?:won't|will not|wont|doesn't|does not|doesnt|don't|do not|never) (?:let|lets|give|gives) "
          r"(?:me|us|him|her|them) (?:eat|food|out|leave|go|sleep|see|talk|speak|call|phone|have|any|my|water|medicine)",
          r"takes? (?:all )?(?:my|our|his|her) (?:money|food|phone|medicine|tablets|benefits)", "ran away",
          r"run(?:ning)? away", r"(?:is|has gone|went|gone|been|are|reported) missing",
          r"(?:hasn't|has not|didn't|did not|not) (?:come|came|been) (?:back )?home",
          r"don't know where (?:he|she|they) (?:is|are)", negatable=False),
    _rule("neglect-cy", "heb (?:f|b)wyta", "ddim wedi (?:b|f)wyta", "heb gael (?:b|f)wyd", "dim (?:b|f)wyd", "llwgu", "newynog",
          "ar goll", _MUTATED_C + "loi", "rhedeg i ffwrdd", "heb ddod adref?",
          "ar (?:fy |ei |eu )?(?:mhen|phen|ben|pen) (?:fy |ei |eu )?hun", "ddim yn gadael i (?:mi|fi|ni)",
          "dim lle i gysgu", r"ddim yn rhoi (?:b|f)wyd", "heb (?:ei|fy|eu) (?:meddyginiaeth|tabledi|moddion)",
          "cymryd (?:fy|ein) (?:arian|mwyd|bwyd|ffon)",
          negatable=False),
    # --- life at risk, weapons, threats, self-harm: never cancelled ---
    _rule("threat", r"kill(?:s|ed|ing)? (?:me|us|him|her|them|my|mum|dad|myself|himself|herself)",
          r"(?:gona|gonna|gunna|going to|will|wil|said (?:he|she|they)(?:'d|d| would| will)) (?:kill|hurt|hit|batter|stab|get|beat)",
          r"(?:going to|gonna|will|said he'd|said she'd) (?:kill|hurt|hit|get|beat|stab|shoot) (?:me|us|him|her|them|my)",
          r"threat(?:en|ens|ened|ening)?", "knife", "knives", "gun", "weapon", "machete", r"stab(?:s|bed|bing)?",
          r"bleed(?:s|ing)?", "blood", r"(?:can't|cannot) breathe", "not breathing", "unconscious",
          r"(?:won't|will not|doesn't|does not|didn't|can't|cannot) wake up",
          "ambulance", "police", "999",
          r"(?:carry|hold|deliver|sell|move)(?:s|ing)? (?:stuff|things|drugs|packages?|bags?|parcels?) for",
          r"(?:make|makes|made|making) (?:me|us|him|her|them) (?:carry|hold|deliver|sell|steal|do)", "county lines", "drugs",
          r"owe (?:them|him) money", negatable=False, resolvable=False),
    _rule("self-harm", r"kill (?:my|him|her|them)sel(?:f|ves)", r"(?:kms|kys|end (?:it|myself)|top myself|off myself)",
          r"(?:he|she|they)(?:'d|d| would| will|'ll|ll) kill (?:him|her|them)sel(?:f|ves)", r"wan(?:t|na) (?:to )?dye",
          "killing myself", r"suicid\w*", r"wan(?:t|ts|ted|na) (?:to )?die",
          "end (?:it all|my life)", "better off dead", r"(?:don't|do not|dont) want to (?:live|be alive|be here|wake up)",
          r"(?:hurt|hurting|harm|harming|cut|cutting) myself", r"self[- ]?harm\w*", "overdose", "no reason to live",
          negatable=False, resolvable=False),
    _rule("threat-cy", "(?:l|nl)?ladd", "(?:l|nl)?ladd (?:fy|ei|eu) hun(?:ain)?", "(?:c|g|ngh)ario cyllell", "(?:b|f|m)ygwth",
          "(?:c|g|ngh)yllell", "arf(?:au)?", "(?:g|w)waed(?:u)?", "ambiwlans",
          "heddlu", "(?:eisiau|isio|moyn|am) marw", "hunanladdiad", "hunan-?niweidio", "(?:b|f)rifo fy hun", "torri fy hun",
          "niweidio fy hun", negatable=False, resolvable=False),
    # --- sexual harm and secrets: never put down to "long ago" ---
    _rule("sexual", r"touch(?:es|ed|ing)? (?:me|my|him|her|them|us)", "rape[ds]?", "raping", r"sexual\w*", "sex",
          "private parts", "privates", "naked", "nude", r"undress\w*", "(?:send|sent) (?:him|her|them) (?:pictures|photos|pics)",
          "keep (?:it |this )?(?:a )?secret", "(?:told|tells) me not to tell", "not allowed to tell", "mustn't tell",
          "makes? (?:me|us) (?:touch|watch|do things)", negatable=False, resolvable=False),
    _rule("sexual-cy", _MUTATED_C + "yffwrdd", _MUTATED_T + "reisio", "rhywiol", _MUTATED_C + "yfrinach", "noeth",
          "paid (?:a |â )?dweud", "peidio (?:a |â )?dweud", negatable=False, resolvable=False),
)

# A plea on its own ("help", "HELP!!", "helpwch"): urgent whatever else.
_BARE_PLEA = re.compile(r"(?:please |pls |plis )?(?:help+|sos|helpwch|helpa|helpu|help fi|help me|cymorth|achub)"
                        r"(?: (?:me|fi|ni|us|please|plis))?")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]+|,\s*|\s+(?:but|because|although|though|however|ond|achos|oherwydd|felly)\s+")
_NEGATORS = {"not", "no", "never", "nobody", "noone", "neither", "nor", "nothing",
             "ddim", "dim", "byth", "erioed", "nid", "neb", "na", "nad"}
# Small words that may stand between a negation and what it negates ("I do not really feel scared").
_FILLERS = {"ever", "really", "actually", "even", "usually", "feel", "feels", "felt", "am", "be", "been", "being", "get", "gets",
            "got", "so", "too", "very", "at", "all", "i", "i'm", "im", "yn", "n", "fy", "e", "o", "hi", "ni", "chi", "nhw", "wedi",
            "teimlo", "teimlon", "bod", "mo", "yw", "ydy", "oes", "any", "more"}
_LONG_AGO = re.compile(r"\b(?:years? ago|long time ago|long ago|when i was (?:little|small|young|younger|a kid|a child|a baby|\d+)"
                       r"|(?:has |have |had )?stopped|no longer|not any ?more|n't any ?more|anymore|used to|in the past"
                       r"|(?:f|b)lynyddoedd yn ol|amser (?:maith|hir) yn ol|pan o'?n i'?n (?:fach|blentyn|ifanc|iau)|wedi stopio"
                       r"|wedi peidio|(?:dim|ddim) rhagor|dim mwy|arfer)\b")
_NOW = re.compile(r"\b(?:still|again|every (?:day|night|week|time)|everyday|tonight|today|keeps?|always|right now|at the moment"
                  r"|o hyd|dal i|eto|bob (?:dydd|nos|wythnos)|heno|heddiw|nawr|rwan|drwy'?r amser)\b")


@dataclass(frozen=True)
class Assessment:
    urgent: bool
    reasons: tuple[str, ...]  # the rules that fired, for tests and the evaluation


def normalise(text: str) -> str:
    """Lower case, plain apostrophes, accents off (ŵ → w, î → i), "no one" as one word, spaces single."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'").replace("`", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\bno[- ]one\b", "noone", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _negated(before: str) -> bool:
    """Whether the words just before a match negate it: a negation, with only small words between."""
    for word in reversed(re.findall(r"[a-z']+", before)[-4:]):
        if word in _NEGATORS or word.endswith("n't") or word in {"dont", "doesnt", "didnt", "isnt", "wasnt", "wont", "wouldnt",
                                                                   "cant", "aint", "havent", "hasnt", "never"}:
            return True
        if word not in _FILLERS and not all(part in _FILLERS for part in word.split("'") if part):
            return False
    return False


def rule_assess(*texts: str) -> Assessment:
    """The rule list alone: urgent if any clause of any text matches a rule that nothing cancels."""
    reasons: list[str] = []
    for text in texts:
        plain = normalise(text or "")
        if not plain:
            continue
        if _BARE_PLEA.fullmatch(re.sub(r"[^a-z' ]+", " ", plain).strip()):
            reasons.append("plea")
        for clause in _CLAUSE_BREAK.split(plain):
            clause = clause.strip()
            if not clause:
                continue
            long_ago = bool(_LONG_AGO.search(clause)) and not _NOW.search(clause)
            for rule in RULES:
                for match in rule.pattern.finditer(clause):
                    if rule.negatable and _negated(clause[:match.start()]):
                        continue
                    if rule.resolvable and long_ago:
                        continue
                    reasons.append(rule.name)
                    break
    return Assessment(bool(reasons), tuple(dict.fromkeys(reasons)))


# --- the semantic half: how close is any clause to a "danger now" sentence? ---
# Calibrated on the English of bench/urgent_dev.jsonl and the generated sets (bench/urgent_templates.py, seeds 13
# and 7) alone: semantic recall >= 0.95 there with fewest false-urgent, the dev phrases that must not trigger kept
# calm (docs/easy-read.md). A clause is danger when its closest danger
# sentence is at least DANGER_AT similar (and closer than any calm one), or at least CLOSE_AT and MARGIN closer
# than the closest calm one.
DANGER_AT = 0.875
CLOSE_AT = 0.45
MARGIN = 0.0
MAX_UNITS = 40  # clauses embedded per report: a very long narrative is judged on its first 40 (the rules read all)
MAX_UNIT_WORDS = 60

_SENTENCE_BREAK = re.compile(r"[.!?;\n]+")
_prototypes_lock = threading.Lock()
_prototypes = None


def _embed(texts: list[str]):
    """Sentence vectors from the packaged model, the full transformer (short clauses are where it beats the static one)."""
    from semantic import embedding

    return embedding.embed_minilm(texts)


def _prototype_vectors():
    global _prototypes
    if _prototypes is None:
        with _prototypes_lock:
            if _prototypes is None:
                from reporting.urgency_prototypes import CALM, DANGER

                _prototypes = (_embed([normalise(t) for t in DANGER]), _embed([normalise(t) for t in CALM]))
    return _prototypes


def prepare_in_background() -> threading.Thread | None:
    """Load the model and the prototype vectors while someone is still typing (the easy-read start page
    calls it), so their "Send" does not wait a second or two for it. None when already loaded."""
    if _prototypes is not None:
        return None

    def load() -> None:
        try:
            _prototype_vectors()
        except Exception:  # noqa: BLE001 - the submission will try again, and fall back to the rules
            logger.exception("urgency: loading the model ahead of time failed")

    thread = threading.Thread(target=load, name="urgency-prepare", daemon=True)
    thread.start()
    return thread


def units(*texts: str) -> list[str]:
    """The sentences and the clauses of the texts, each once, in reading order."""
    seen: dict[str, None] = {}
    for text in texts:
        plain = normalise(text or "")
        for sentence in _SENTENCE_BREAK.split(plain):
            for unit in (sentence, *_CLAUSE_BREAK.split(sentence)):
                words = re.findall(r"[a-z0-9']+", unit or "")
                # One or two words ("he stopped", "Worried.") say too little to compare; the rules and the
                # too-short check read them.
                if len(words) >= 3:
                    seen.setdefault(" ".join(words[:MAX_UNIT_WORDS]), None)
    if not seen:  # the whole report is that short: compare it whole
        whole = re.findall(r"[a-z0-9']+", normalise(" ".join(t or "" for t in texts)))
        return [" ".join(whole)] if whole else []
    return list(seen)[:MAX_UNITS]


@dataclass(frozen=True)
class Closeness:
    danger: float  # best similarity of any clause to a danger sentence
    calm: float  # that clause's best similarity to a calm sentence
    clause: str
    prototype: str

    @property
    def urgent(self) -> bool:
        above = self.danger >= DANGER_AT and self.danger >= self.calm
        return above or (self.danger >= CLOSE_AT and self.danger - self.calm >= MARGIN)


def closeness(*texts: str) -> Closeness | None:
    """The clause most like a danger sentence (by its margin over calm), or None for no words. Raises if the model fails."""
    parts = units(*texts)
    if not parts:
        return None
    from reporting.urgency_prototypes import DANGER

    danger, calm = _prototype_vectors()
    vectors = _embed(parts)
    to_danger = vectors @ danger.T
    best_danger = to_danger.max(axis=1)
    best_calm = (vectors @ calm.T).max(axis=1)
    # The clause that most nearly passes: highest danger above the absolute line, else the best margin.
    score = [max(min(d - DANGER_AT, d - c), min(d - CLOSE_AT, d - c - MARGIN)) for d, c in zip(best_danger, best_calm, strict=True)]
    row = max(range(len(parts)), key=score.__getitem__)
    return Closeness(float(best_danger[row]), float(best_calm[row]), parts[row], DANGER[int(to_danger[row].argmax())])


def semantic_urgent(*texts: str) -> bool:
    found = closeness(*texts)
    return bool(found and found.urgent)


_HARMLESS_SHORT = re.compile(r"(?:thanks?(?: you)?(?: very much| so much)?|thank u|ta|cheers|diolch(?: yn fawr)?|ok(?:ay)?|fine"
                             r"|(?:all )?good|great|happy|nothing|none|no|n/?a|test(?:ing)?|dim byd|iawn|da|hapus|late|hwyr)")


def _short_and_unclear(texts: tuple[str, ...]) -> bool:
    """Three words or fewer in all, and not plainly harmless: a child who writes "dad" or "cant breathe" gets a person."""
    plain = " ".join(re.findall(r"[a-z0-9'/]+", normalise(" ".join(t or "" for t in texts))))
    return bool(plain) and len(plain.split()) <= 3 and not _HARMLESS_SHORT.fullmatch(plain)


def assess(*texts: str) -> Assessment:
    """Urgent if a rule fires, or a clause is close to a danger sentence, or the text is too short to tell.

    The semantic half must never stop a submission: if the model fails, the rules decide alone (logged).
    """
    ruled = rule_assess(*texts)
    reasons = list(ruled.reasons)
    if _short_and_unclear(texts):
        reasons.append("short")
    try:
        found = closeness(*texts)
    except Exception:  # noqa: BLE001 - any failure of the model falls back to the rules
        logger.exception("urgency: embedding failed, the rules decide alone")
        found = None
    if found is not None and found.urgent:
        reasons.append("semantic")
    return Assessment(bool(reasons), tuple(dict.fromkeys(reasons)))


def is_urgent(*texts: str) -> bool:
    return assess(*texts).urgent
