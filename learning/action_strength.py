"""How strong an action is, by the hierarchy of intervention effectiveness (the VA National Center for
Patient Safety's action hierarchy, also used by the IHI's RCA2): changes that design the error out
beat changes that ask people to try harder.

Rule-based on purpose: the person who wrote the action sees which words decided its strength and
can override it. An action that combines mechanisms is as strong as its strongest part ("automate
the referral and train staff on it" is an automation). When no phrase matches, the level decides:
a changed rule, target or tool is at least intermediate; a practice or a new policy alone is weak.
Plain Python with no Django, so that bench/action_strength_eval.py can run it alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRONG, MODERATE, WEAK = "strong", "moderate", "weak"  # learning.models.Strength's values
_RANK = {WEAK: 0, MODERATE: 1, STRONG: 2}

# (strength, the mechanism in words, patterns). Patterns are matched case-insensitively on words.
RULES: list[tuple[str, str, list[str]]] = [
    (STRONG, "forcing function", [
        r"forcing function", r"hard stop", r"can(?:no|')t (?:be )?(?:submit|save|close|complete|proceed|progress|"
        r"book|sign|move on)\w*(?: \w+){0,4} (?:until|unless|without)",
        r"(?:won't|will not|would not|does not|doesn't) (?:let|allow|accept)", r"\bblock(?:s|ed|ing)?\b",
        r"\block(?:s|ed)? (?:out|until|unless)", r"refus\w* to (?:submit|save|close|accept|proceed|book|sign|let)",
        r"mandatory (?:field|drop-?down|question|section|box)", r"required field", r"make it impossible",
        r"impossible to", r"physically (?:prevent|stop|separate)", r"(?:prevent|stop)s? (?:anyone|staff|users?|people) from",
    ]),
    (STRONG, "physical or architectural change", [
        r"\bredesign", r"\bre-design", r"\brebuild", r"physical(?:ly)? (?:change|move|separate|redesign)",
        r"separate (?:storage|room|cupboard|shelf|shelves|fridge|location)", r"\bmove (?:the )?(?:stock|medication|"
        r"medicines|storage|cupboard|equipment)", r"\bremove (?:the )?(?:look-alike|stock|concentrated|drug|"
        r"medicine|equipment|option)", r"\beliminat\w*", r"\bswap out", r"\breplace (?:the )?(?:equipment|device|"
        r"pumps?|beds?|hoists?|keypads?|locks?)",
    ]),
    (STRONG, "simplified or standardised process", [
        r"\bsimplif\w*", r"\bstandardi[sz]\w* (?:the )?(?:process|equipment|devices?|stock|forms?|system|pathway|"
        r"layout|kit|referral|procedure)", r"single (?:form|template|process|system|pathway|point of contact|"
        r"front door|record)", r"\bone (?:form|template|process|system|pathway|record) (?:for|instead|across)",
        r"\bmerge (?:the )?(?:two|three|forms|systems|processes)",
    ]),
    (STRONG, "steps removed", [
        r"remov\w* (?:\w+ ){0,3}steps?", r"fewer steps", r"cut(?:ting)? out (?:the )?(?:step|stage|handoff|hand-off)",
        r"no longer (?:needs?|requires?|have to)", r"\bremove (?:the )?(?:need|handoff|hand-off|transcription|"
        r"re-keying|rekeying)", r"\bend (?:the )?(?:practice of|need)",
    ]),
    (STRONG, "automation", [
        r"\bautomat\w*", r"\bauto-\w+", r"(?:system|software|it) (?:will|now|to) (?:automatically )?(?:send|alert|"
        r"flag|generate|create|populate|fill|calculate|schedule|book|notify|escalate)\w*",
        r"pre-?populat\w*", r"electronic prescribing", r"barcode|bar-code|bar code",
    ]),
    (STRONG, "tangible leadership involvement", [
        r"(?:director|head of service|senior (?:manager|leader)s?|service manager|executive|chief)\w* (?:\w+ ){0,3}"
        r"(?:will |to )?(?:attend|chair|walk|own|visit|join|sign off|fund|lead)\w*",
        r"leadership (?:walk|round|rounds|visits?)",
    ]),
    (MODERATE, "checklist or cognitive aid", [
        r"check-?list", r"cognitive aid", r"prompt (?:card|sheet|list)", r"aide[- ]m[ée]moire", r"flow ?chart",
        r"decision (?:tool|aid|tree)", r"\bcrib sheet", r"quick reference", r"\bpathway chart",
    ]),
    (MODERATE, "redundancy", [
        r"\bredundan\w*", r"back-?up (?:system|phone|rota|device|copy|route|generator)", r"second (?:route|channel|"
        r"phone line|system)", r"\bduplicate (?:alarm|route|channel)",
    ]),
    (MODERATE, "more staff or less workload", [
        r"(?:increase|more|extra|additional|new) (?:staff|staffing|social workers?|workers?|carers?|capacity|cover|"
        r"posts?|nurses?|duty workers?)", r"caseload (?:cap|limit|weighting)", r"reduc\w* (?:the )?(?:caseloads?|"
        r"workload|demand|hours)", r"\brecruit\w*", r"protected time", r"\bbackfill\w*", r"lower (?:the )?caseloads?",
        r"(?:cap|limit) (?:on )?caseloads?",
    ]),
    (MODERATE, "software enhancement", [
        r"\bsoftware\b", r"\bit (?:change|system|fix|update|upgrade)", r"system (?:change|update|upgrade|fix|"
        r"enhancement)", r"add (?:a |an )?(?:new )?(?:field|tick-?box|drop-?down|flag|tab|screen)",
        r"case (?:management|recording) system", r"\bdrop-?down", r"electronic (?:record|form|alert|flag)",
        r"\bon the system\b", r"(?:mosaic|liquidlogic|lcs|eclipse|carefirst|frameworki)\b",
    ]),
    (MODERATE, "standardised communication", [
        r"\bsbar\b", r"structured handover", r"handover (?:template|tool|form|sheet|checklist)",
        r"read[- ]back", r"standard(?:ised|ized)? (?:handover|communication|wording|script|message)",
        r"(?:daily|weekly) (?:safety )?huddle",
    ]),
    (MODERATE, "simulation-based training", [
        r"\bsimulat\w*", r"\bdrills?\b", r"(?:scenario|hands-on)[- ]based", r"\brehears\w*", r"mock (?:visit|"
        r"exercise|inspection)",
    ]),
    (WEAK, "double check", [
        r"double[- ]?check\w*", r"second (?:person|signature|check|checker|worker to check)",
        r"check(?:ed)? by (?:a )?(?:second|another|two)", r"\bcountersign\w*", r"two (?:people|staff) (?:to )?check",
    ]),
    (WEAK, "warning", [
        r"\bwarnings?\b", r"\bstickers?\b", r"\bposters?\b", r"\bsigns? (?:on|by|above)", r"\bcaution\b",
        r"\blabel(?:s|led|ling)?\b", r"\bhighlight\w*",
    ]),
    (WEAK, "new policy, procedure or memo", [
        r"(?:new|update\w*|revis\w*|write|rewrit\w*|amend\w*|refresh\w*|issue\w*|review\w*) (?:the |a )?(?:\w+ ){0,2}"
        r"(?:policy|policies|procedures?|guidance|protocol|memo|sop|standard operating procedure)",
        r"\bmemo\b", r"\bbulletin\b", r"(?:email|e-mail|letter|message) (?:to )?(?:all )?(?:staff|teams?|workers)",
        r"\bcirculat\w*", r"\bbriefing\w*", r"\bcascad\w*",
    ]),
    (WEAK, "training", [
        r"\btrain\w*", r"e-?learning", r"\brefresher", r"\bcourses?\b", r"\bworkshops?\b", r"\bteach\w*",
        r"\beducat\w*", r"\blearning (?:session|event)s?", r"\bupskill\w*", r"\bcompetenc\w*",
    ]),
    (WEAK, "reminder or exhortation", [
        r"\bremind\w*", r"\breiterat\w*", r"\bemphasi[sz]\w*", r"\bstress(?:ed|ing)? (?:the|to|that)",
        r"raise awareness|awareness", r"more careful|be careful|take (?:more )?care|vigilan\w*|pay attention",
        r"discuss\w* (?:at|in) (?:the )?(?:team|supervision|meeting)", r"\bencourag\w*", r"\bshare (?:the )?learning",
        r"\breflect\w*", r"\btell (?:all )?staff", r"\binform (?:all )?staff",
    ]),
]

_COMPILED = [(strength, mechanism, [re.compile(p, re.IGNORECASE) for p in patterns])
             for strength, mechanism, patterns in RULES]

# When no phrase matches, what the level alone suggests.
LEVEL_DEFAULTS = {
    "rule_or_target": (MODERATE, "it changes a rule or target itself"),
    "tool_or_system": (MODERATE, "it changes a tool or system"),
    "resource": (MODERATE, "it changes a resource"),
    "policy": (WEAK, "it changes a policy or procedure"),
    "practice": (WEAK, "it asks people to change how they work"),
}


@dataclass(frozen=True)
class Match:
    strength: str
    mechanism: str
    phrase: str


@dataclass(frozen=True)
class Classification:
    strength: str
    matches: tuple[Match, ...]
    reason: str


def classify(description: str, level: str = "") -> Classification:
    """The action's strength and why: the strongest mechanism its words describe, else its level's."""
    text = " ".join(description.split())
    matches: list[Match] = []
    for strength, mechanism, patterns in _COMPILED:
        for pattern in patterns:
            found = pattern.search(text)
            if found:
                matches.append(Match(strength, mechanism, found.group(0)))
                break
    if matches:
        best = max(_RANK[m.strength] for m in matches)
        deciding = [m for m in matches if _RANK[m.strength] == best]
        strength = deciding[0].strength
        reason = "; ".join(f"{m.mechanism} (“{m.phrase}”)" for m in deciding)
        weaker = [m for m in matches if _RANK[m.strength] < best]
        if weaker:
            reason += ". Also: " + "; ".join(f"{m.mechanism} (“{m.phrase}”)" for m in weaker)
        return Classification(strength, tuple(matches), reason)
    strength, why = LEVEL_DEFAULTS.get(level, (WEAK, "no mechanism was recognised"))
    return Classification(strength, (), f"No mechanism recognised in the words; {why}")
