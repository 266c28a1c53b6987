"""Does a report suggest someone is in danger now? A rule list, in English and Welsh, that errs
towards "yes" (docs/easy-read.md).

A report is urgent when any clause of its text matches a rule, unless that match is cancelled:

* by a plain negation just before it ("he doesn't hit me", "dyw e ddim yn fy nharo", "I'm not
  scared"), for the rules where a negation can cancel (never for self-harm, threats, weapons,
  sexual harm, a plea for help, or words that carry their own negation such as "hasn't eaten");
* by a clear "that was long ago, it stopped" in the same clause ("the hitting stopped years ago"),
  for the rules where that can cancel, and only if the clause says nothing about now ("still",
  "again", "every day" ...).

Cancelling is deliberately narrow: only a negation right before the words, with nothing but small
words between ("really", "feel", "yn" ...). "It isn't just that he hits me" stays urgent. Missing
danger costs more than a reviewer reading a report early, so when in doubt a rule fires.

Urgency is worked out from the original words at submission, before de-identification, and only the
yes/no is kept (reporting.services.submit_report).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    negatable: bool = True  # "he doesn't hit me" cancels it
    resolvable: bool = True  # "it stopped years ago" cancels it


def _rule(name: str, pattern: str, *, negatable: bool = True, resolvable: bool = True) -> Rule:
    return Rule(name, re.compile(pattern), negatable, resolvable)


_OBJ = r"(?:me|us|him|her|them|my|our|his|their|the (?:baby|child|children|kids?|boy|girl)|mum|mam|dad|nan|gran|brother|sister)"
_WHO = r"(?:he|she|they|someone|somebody|dad|mum|mam|mother|father|step ?dad|step ?mum|carer|staff|boyfriend|girlfriend|brother|sister|uncle|auntie|aunt|grandad|nan)"

RULES: tuple[Rule, ...] = (
    # --- a plea for help: never cancelled ---
    _rule("plea", r"\b(?:help+ (?:me|us|him|her|them|my)|please help|pls help|plz help|(?:need|want|get) (?:some |urgent )?help"
                  r"|save (?:me|us)|rescue (?:me|us)|take me away|get (?:me|us) (?:out|away)|come and get me|help+ ?!)",
          negatable=False, resolvable=False),
    _rule("plea-cy", r"\b(?:help(?:wch|a|u)? (?:fi|ni|i)|plis help|achub(?:wch)? (?:fi|ni)|angen (?:help|cymorth)|cymorth)\b",
          negatable=False, resolvable=False),
    _rule("urgent-words", r"\b(?:urgent|emergency|right now|straight away|right away|asap|brys|argyfwng|ar unwaith)\b",
          negatable=False, resolvable=False),
    # --- someone is hurting someone ---
    _rule("violence", r"\b(?:hits?|hitting|beats? (?:up|" + _OBJ + r")|beaten|beating|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?"
                      r"|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|chok(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|batter(?:s|ed|ing)?"
                      r"|bash(?:es|ed|ing)?|whack(?:s|ed|ing)?|thump(?:s|ed|ing)?|attack(?:s|ed|ing)?|bit(?:es|ing|ten)? " + _OBJ +
                      r"|(?:push(?:es|ed|ing)?|shov(?:e|es|ed|ing)|grab(?:s|bed|bing)?|pinch(?:es|ed|ing)?|burn(?:s|t|ed|ing)?"
                      r"|throws? \w+ at|threw \w+ at) " + _OBJ + r")\b"),
    _rule("hurt", r"\b(?:(?:hurt(?:s|ing)?|harm(?:s|ed|ing)?|injur(?:e|es|ed|ing)|abus(?:e|es|ed|ing)) " + _OBJ +
                  r"(?! feelings)|(?:got|get|gets|getting|been|being|was|were|am|is|are|i'm|he's|she's) (?:hurt|injured|abused)|"
                  + _WHO + r" (?:hurt|hurts|abuses|abused|harms|harmed|injured)|abuse|bruis(?:e|es|ed|ing)|marks on)\b"),
    _rule("violence-cy", r"\b(?:t|d|th|nh)aro\b|\b(?:c|g|ngh|ch)uro\b|\b(?:b|f|m)rifo\b|\b(?:c|g|ngh|ch)icio\b|\b(?:d|dd|n)yrnu\b"
                         r"|\bslapio\b|\b(?:b|f|m)wrw\b|\b(?:c|g|ngh|ch)am-?drin\b|\bymosod|\banafu\b|\bniweidio\b"
                         r"|\b(?:gw|w|ngw)thio\b|\b(?:t|d|nh|th)agu\b|\bcleisiau\b"),
    # --- fear and not feeling safe ---
    _rule("fear", r"\b(?:scared|frightened|afraid(?! (?:that|so|not)\b)|terrified|petrified|fearful|scares (?:me|us)"
                  r"|frightens (?:me|us)|in danger|danger)\b"),
    _rule("not-safe", r"\b(?:unsafe|(?:not|never|\w+n't|dont|doesnt|isnt|cant) (?:feel |feeling |be |being |very |really |always )?safe"
                      r"|(?:don't|do not|dont|can't|cannot|cant|won't|wont) (?:want to |wanna )?go (?:back )?home)\b",
          negatable=False),
    _rule("fear-cy", r"\b(?:ofn|ofnus|ofni|d?dychryn(?:u)?|nychryn|arswyd|mewn perygl|perygl(?:us)?|anniogel)\b"),
    _rule("not-safe-cy", r"\b(?:ddim yn (?:teimlo'?n )?ddiogel|byth yn (?:teimlo'?n )?ddiogel|ddim (?:eisiau|isio|moyn) mynd adre)",
          negatable=False),
    # --- left without care: these carry their own negation ---
    _rule("neglect", r"\b(?:(?:hasn't|has not|hasnt|haven't|have not|havent|hadn't|had not|not|didn't|did not|never|no one has|noone has)"
                     r" (?:\w+ ){0,2}(?:eaten|eat|fed|had (?:any |a )?(?:food|anything to eat|meal|breakfast|dinner|tea|lunch|drink|water)"
                     r"|had (?:her|his|my|their|any) (?:medicine|medication|meds|tablets|insulin)|been (?:changed|washed|fed|given))"
                     r"|no (?:food|dinner|meals?|water|heating|electricity|bed)\b|nothing to eat|starv(?:ing|ed|e)|going hungry"
                     r"|always hungry|hungry all the time|so hungry|locked (?:\w+ )?(?:in|out|up)|locks? (?:me|us|him|her|them) (?:in|out|up)"
                     r"|left (?:\w+ )?(?:alone|on (?:my|his|her|their|our) own|by (?:my|him|her|them|our)sel(?:f|ves))"
                     r"|kick(?:s|ed)? (?:me |us |him |her )?out|thrown out|nowhere to (?:sleep|stay|live|go)|sleep(?:ing)? (?:rough|outside|on the street)"
                     r"|homeless|can't get up|cannot get up|couldn't get up|(?:lying|lay|left|fallen|fell) on the floor|noone (?:came|comes|looks after|checks|visits)"
                     r"|no one (?:came|comes|looks after|checks|visits))\b", negatable=False),
    _rule("control", r"\b(?:(?:won't|will not|wont|doesn't|does not|doesnt|don't|do not|never) (?:let|lets|give|gives) (?:me|us|him|her|them)"
                     r" (?:eat|food|out|leave|go|sleep|see|talk|speak|call|phone|have|any|my|water|medicine)"
                     r"|takes? (?:all )?(?:my|our|his|her) (?:money|food|phone|medicine|tablets|benefits)|ran away|run(?:ning)? away|(?:is|has gone|went|gone|been|are|reported) missing"
                     r"|(?:hasn't|has not|didn't|did not|not) (?:come|came|been) (?:back )?home|don't know where (?:he|she|they) (?:is|are))\b",
          negatable=False),
    _rule("neglect-cy", r"\b(?:heb (?:f|b)wyta|ddim wedi (?:b|f)wyta|heb gael (?:b|f)wyd|dim (?:b|f)wyd|llwgu|newynog|ar goll"
                        r"|(?:c|g|ngh|ch)loi\b|rhedeg i ffwrdd|heb ddod adre|ar (?:fy |ei |eu )?(?:mhen|phen|ben|pen) (?:fy |ei |eu )?hun"
                        r"|ddim yn gadael i (?:mi|fi|ni)|dim lle i gysgu|heb (?:ei|fy|eu) (?:meddyginiaeth|tabledi|moddion)"
                        r"|cymryd (?:fy|ein) (?:arian|mwyd|bwyd|ffon))", negatable=False),
    # --- life at risk, weapons, threats, self-harm: never cancelled ---
    _rule("threat", r"\b(?:kill(?:s|ed|ing)? (?:me|us|him|her|them|my|mum|dad|myself|himself|herself)|(?:going to|gonna|will|said he'd|said she'd)"
                    r" (?:kill|hurt|hit|get|beat|stab|shoot) (?:me|us|him|her|them|my)|threat(?:en|ens|ened|ening)?|knife|knives|gun|weapon"
                    r"|machete|stab(?:s|bed|bing)?|bleed(?:s|ing)?|blood|can't breathe|cannot breathe|not breathing|unconscious"
                    r"|won't wake up|ambulance|police|999)\b", negatable=False, resolvable=False),
    _rule("self-harm", r"\b(?:kill (?:my|him|her|them)sel(?:f|ves)|killing myself|suicid\w*|wan(?:t|ts|ted|na) (?:to )?die|end (?:it all|my life)"
                       r"|better off dead|(?:don't|do not|dont) want to (?:live|be alive|be here|wake up)|(?:hurt|hurting|harm|harming|cut|cutting) myself"
                       r"|self[- ]?harm\w*|overdose|no reason to live)\b", negatable=False, resolvable=False),
    _rule("threat-cy", r"\b(?:(?:l|nl)?ladd|(?:b|f|m)ygwth|(?:c|g|ngh)yllell|arf(?:au)?|(?:g|w)waed(?:u)?|ambiwlans|heddlu|(?:eisiau|isio|moyn|am) marw"
                       r"|hunanladdiad|hunan-?niweidio|(?:b|f)rifo fy hun|torri fy hun|niweidio fy hun)\b", negatable=False, resolvable=False),
    # --- sexual harm and secrets: never cancelled by "long ago" ---
    _rule("sexual", r"\b(?:touch(?:es|ed|ing)? (?:me|my|him|her|them|us)|rape[ds]?|raping|sexual\w*|sex|private parts|privates|naked|nude"
                    r"|undress\w*|(?:send|sent) (?:him|her|them) (?:pictures|photos|pics)|keep (?:it |this )?(?:a )?secret"
                    r"|(?:told|tells) me not to tell|not allowed to tell|mustn't tell|makes? (?:me|us) (?:touch|watch|do things))\b",
          resolvable=False),
    _rule("sexual-cy", r"\b(?:(?:c|g|ngh|ch)yffwrdd|(?:t|d|nh|th)reisio|rhywiol|(?:c|g|ngh|ch)yfrinach|noeth|paid (?:a |â )?dweud|peidio (?:a |â )?dweud)\b",
          resolvable=False),
)

# A plea on its own ("help", "HELP!!", "helpwch"): urgent whatever else.
_BARE_PLEA = re.compile(r"(?:please |pls |plis )?(?:help+|sos|helpwch|helpa|helpu|help fi|help me|cymorth|achub)(?: (?:me|fi|ni|us|please|plis))?")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]+|,\s*|\s+(?:but|because|although|though|however|ond|achos|oherwydd|felly)\s+")
_NEGATORS = {"not", "no", "never", "nobody", "noone", "neither", "nor", "nothing", "ddim", "dim", "byth", "erioed", "nid", "neb", "na", "nad"}
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


def assess(*texts: str) -> Assessment:
    """Urgent if any clause of any text matches a rule that nothing cancels."""
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


def is_urgent(*texts: str) -> bool:
    return assess(*texts).urgent
