"""The learning-culture survey's questions: a versioned item bank, in our own words.

Each construct is measured by a few statements answered on a five-point agreement scale. The
wording is ours; the constructs are published ones (docs/culture-survey.md has the full notes):

* Team psychological safety: Edmondson, A. (1999) "Psychological safety and learning behavior in
  work teams", Administrative Science Quarterly 44(2), 350-383. Her seven statements are about
  mistakes being held against you, raising problems, rejecting people for being different, taking
  risks, asking for help, deliberate undermining, and skills being valued; ours cover the same ground.
* Just culture: Reason, J. (1997) "Managing the risks of organizational accidents" and Dekker, S.
  (2007/2016) "Just culture": fair treatment of honest error, looking at the system before the
  person, a known line between acceptable and unacceptable acts, and hearing back after reporting.
* Support and challenge: "high support and high challenge" supervision, as the seed reports put it
  ("only 26% of staff say they have both"). Each respondent falls in one of four quadrants.
* A learning organisation: SCIE (2004) "Learning organisations: a self-assessment resource for
  social care" (Social Care Institute for Excellence), whose features are organisational structure,
  culture, information systems, human-resource practice and leadership, with the involvement of
  people who use services.

Why versions: a trend compares like with like. A published version is never edited (a test pins
each version's fingerprint). Changing a statement's wording means a new version in which the
changed statement gets a new key; a wave records the version it asked, and comparisons between
waves use only the statements the two waves share (`common_items`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCALE_MIN, SCALE_MAX = 1, 5
# Agreement, 1 to 5; a reverse-scored statement counts 6 minus its answer.
SCALE = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]
# A construct score at or above this is "high": on balance the person agrees.
HIGH_AT = 3.5

PSYCHOLOGICAL_SAFETY = "psychological_safety"
JUST_CULTURE = "just_culture"
SUPPORT = "support"
CHALLENGE = "challenge"
LEARNING_ORGANISATION = "learning_organisation"

CONSTRUCTS: dict[str, dict] = {
    PSYCHOLOGICAL_SAFETY: {
        "name": _("Psychological safety in your team"),
        "source": "Edmondson (1999), Administrative Science Quarterly 44(2)",
    },
    JUST_CULTURE: {
        "name": _("Fairness when things go wrong"),
        "source": "Reason (1997); Dekker (2007, 2016), just culture",
    },
    SUPPORT: {
        "name": _("Support"),
        "source": "High support and high challenge in supervision (issue 13's seed reports)",
    },
    CHALLENGE: {
        "name": _("Challenge"),
        "source": "High support and high challenge in supervision (issue 13's seed reports)",
    },
    LEARNING_ORGANISATION: {
        "name": _("Learning across the organisation"),
        "source": "SCIE (2004), Learning organisations: a self-assessment resource for social care",
    },
}


@dataclass(frozen=True)
class Item:
    """One statement. `key` names this wording for ever: new wording, new key."""

    key: str
    construct: str
    text: str  # lazily translated
    reverse: bool = False

    def score(self, answer: int) -> int:
        """The answer on the construct's scale: higher is always better."""
        return SCALE_MAX + SCALE_MIN - answer if self.reverse else answer


_V2026_1 = (
    # Edmondson's team psychological safety, our wording; three statements point the other way.
    Item("ps_mistakes", PSYCHOLOGICAL_SAFETY, _("If I make a mistake in this team, it tends to be held against me."),
         reverse=True),
    Item("ps_raise", PSYCHOLOGICAL_SAFETY, _("People in this team can bring up problems and difficult issues.")),
    Item("ps_different", PSYCHOLOGICAL_SAFETY, _("People in this team sometimes push others out for being different."),
         reverse=True),
    Item("ps_risk", PSYCHOLOGICAL_SAFETY, _("It feels safe to try something new or take a considered risk in this team.")),
    Item("ps_help", PSYCHOLOGICAL_SAFETY, _("It is hard to ask colleagues in this team for help."), reverse=True),
    Item("ps_undermine", PSYCHOLOGICAL_SAFETY, _("Nobody in this team would set out to undermine my work.")),
    Item("ps_skills", PSYCHOLOGICAL_SAFETY, _("My skills and talents are valued and used by the people I work with.")),
    # Just culture (Reason; Dekker).
    Item("jc_system", JUST_CULTURE, _("When something goes wrong here, we look at the circumstances and the system, "
                                      "not only at the person.")),
    Item("jc_trouble", JUST_CULTURE, _("Someone who reports their own mistake here is likely to get into trouble."),
         reverse=True),
    Item("jc_fair", JUST_CULTURE, _("I trust that an honest mistake would be treated fairly.")),
    Item("jc_line", JUST_CULTURE, _("I know where the line is between an honest mistake and behaviour that is "
                                    "not acceptable.")),
    Item("jc_hear_back", JUST_CULTURE, _("When people raise a concern, they hear back about what changed.")),
    # Support and challenge.
    Item("su_listen", SUPPORT, _("My supervisor makes time to listen when the work is hard.")),
    Item("su_after", SUPPORT, _("I get the support I need after a difficult visit or decision.")),
    Item("su_alone", SUPPORT, _("I am often left to carry difficult decisions on my own."), reverse=True),
    Item("ch_question", CHALLENGE, _("In supervision, my thinking about the people I work with is questioned "
                                     "in a helpful way.")),
    Item("ch_views", CHALLENGE, _("I am encouraged to look at a situation from other points of view.")),
    Item("ch_unexamined", CHALLENGE, _("My practice is rarely looked at or questioned."), reverse=True),
    # SCIE's features of a learning organisation: structure, culture, information, people, leadership,
    # and the voice of people who use services.
    Item("lo_structure", LEARNING_ORGANISATION, _("Teams and services here work together across boundaries "
                                                  "to solve problems.")),
    Item("lo_culture", LEARNING_ORGANISATION, _("Learning from practice, including from what goes wrong, is part "
                                                "of everyday work here.")),
    Item("lo_information", LEARNING_ORGANISATION, _("I can easily find and share the information I need to do my "
                                                    "job well.")),
    Item("lo_development", LEARNING_ORGANISATION, _("I have the time and the chance to learn and develop in my role.")),
    Item("lo_leadership", LEARNING_ORGANISATION, _("Leaders here show by what they do that they value learning.")),
    Item("lo_voice", LEARNING_ORGANISATION, _("The views of people who use our services help shape how we work.")),
)

VERSIONS: dict[str, tuple[Item, ...]] = {
    "2026.1": _V2026_1,
}
CURRENT_VERSION = "2026.1"

# The fingerprint of each published version. Editing a published version's wording, keys, constructs
# or reverse scoring changes its fingerprint and fails a test: make a new version instead.
FINGERPRINTS: dict[str, str] = {
    "2026.1": "8adb106e4519f8b054acf3e7140ef8e5aad17ec51cf31ab797adb67c2e74bdb9",
}


def items_of(version: str) -> tuple[Item, ...]:
    return VERSIONS[version]


def item_map(version: str) -> dict[str, Item]:
    return {item.key: item for item in VERSIONS[version]}


def constructs_of(version: str) -> list[str]:
    """The constructs a version asks about, in the order the survey shows them."""
    return list(dict.fromkeys(item.construct for item in VERSIONS[version]))


def common_items(first: str, second: str) -> dict[str, Item]:
    """The statements two versions share, by key: only these are compared across waves."""
    later = item_map(second)
    return {key: item for key, item in item_map(first).items() if key in later}


def fingerprint(version: str) -> str:
    """A hash of what a version asks, in English: keys, constructs, scoring and wording."""
    from django.utils import translation

    with translation.override("en-gb"):
        text = "\n".join(f"{i.key}|{i.construct}|{int(i.reverse)}|{i.text}" for i in VERSIONS[version])
    return hashlib.sha256(text.encode()).hexdigest()
