"""The decision aid's forms. Labels and hints quote the NHS "A just culture guide" (2018)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ANSWER_FIELDS, Answer, Assessment, Decision, Outcome, ReferralDecision
from .services import Answers


def _question(label, hint, missing):
    return forms.ChoiceField(label=label, help_text=hint, choices=Answer.choices, widget=forms.RadioSelect,
                             error_messages={"required": missing})


# (test number, heading, the fields of that test) — the order the guide takes them in.
TESTS = (
    (1, _("Deliberate harm"), ("deliberate_harm",)),
    (2, _("Health"), ("health",)),
    (3, _("Foresight"), ("protocol_agreed", "protocol_workable", "protocol_departed")),
    (4, _("Substitution"), ("substitution_peers", "substitution_training", "substitution_supervision")),
    (5, _("Mitigating circumstances"), ("mitigating",)),
)


class AssessmentForm(forms.Form):
    action = forms.CharField(
        label=_("The action or omission you are assessing"), max_length=Assessment.ACTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One action or omission only, in a few words, for example “the referral was not passed to the "
                    "duty team”. Do not name anyone: describe people by their role."),
        error_messages={"required": _("Describe the action or omission you are assessing"),
                        "max_length": _("The description must be %(limit_value)s characters or fewer")},
    )
    deliberate_harm = _question(
        _("Was there any intention to cause harm?"),
        _("The guide: only a “yes” here takes the case outside system learning. It means intending the harm, "
          "not just intending the action."),
        _("Select whether there was any intention to cause harm"),
    )
    health = _question(
        _("Was ill health, or a substance, likely to have affected the person’s actions?"),
        _("Physical or mental ill health, or alcohol or drugs, prescribed or not. The guide: a “yes” calls for "
          "support for the person’s health, such as occupational health, not sanction."),
        _("Select whether ill health or a substance was likely to have affected the person’s actions"),
    )
    protocol_agreed = _question(
        _("Was there an agreed protocol, or accepted practice, for this?"),
        _("A procedure, guidance or accepted way of working that applies to this action or omission."),
        _("Select whether there was an agreed protocol"),
    )
    protocol_workable = _question(
        _("Was the protocol workable, and in routine use?"),
        _("The guide: a protocol that could not be followed, or that colleagues do not follow, is a matter for "
          "the system, not the individual."),
        _("Select whether the protocol was workable and in routine use"),
    )
    protocol_departed = _question(
        _("Did the person knowingly depart from it?"),
        _("Knowingly, not by a slip or a lapse of memory."),
        _("Select whether the person knowingly departed from the protocol"),
    )
    substitution_peers = _question(
        _("Would another person with similar training and experience, in the same circumstances, probably have "
          "acted the same way?"),
        _("The guide: a “yes” to any substitution question means singling out the individual is unlikely to be "
          "appropriate."),
        _("Select whether another similarly trained person would probably have acted the same way"),
    )
    substitution_training = _question(
        _("Was the person left out of relevant training?"),
        _("Training their peers received that applies to this."),
        _("Select whether the person was left out of relevant training"),
    )
    substitution_supervision = _question(
        _("Was normal supervision missing?"),
        _("Supervision or support that more senior colleagues would normally give."),
        _("Select whether normal supervision was missing"),
    )
    mitigating = _question(
        _("Were there significant mitigating circumstances?"),
        _("For example an unusual workload, staffing gaps, or pressures at home or at work."),
        _("Select whether there were significant mitigating circumstances"),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect, initial=Outcome.SYSTEM_LEARNING,
        help_text=_("The usual outcome is learning for the system. Only deliberate harm can be referred outside the "
                    "learning process, and it takes effect only when a second person approves it."),
        error_messages={"required": _("Select an outcome"),
                        "invalid_choice": _("Select an outcome from the list")},
    )
    rationale = forms.CharField(
        label=_("Your reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why you answered as you did and chose this outcome. Do not name anyone."),
        error_messages={"required": _("Explain the reasons for the outcome"),
                        "max_length": _("Your reasons must be %(limit_value)s characters or fewer")},
    )
    supersedes = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def tests(self):
        """The answer fields grouped by test, for the template."""
        return [(number, heading, [self[name] for name in names]) for number, heading, names in TESTS]

    def answers(self) -> Answers:
        return Answers(**{name: self.cleaned_data[name] for name in ANSWER_FIELDS})

    def answers_if_complete(self) -> Answers | None:
        """The answers given so far, without validating the rest of the form; None if any is missing."""
        values = {name: self.data.get(name, "") for name in ANSWER_FIELDS}
        if any(value not in Answer.values for value in values.values()):
            return None
        return Answers(**values)


class ReferralDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision on the referral"), widget=forms.RadioSelect,
        choices=[(Decision.APPROVED, _("Approve: refer outside the learning process")),
                 (Decision.DECLINED, _("Decline: the outcome stays system learning"))],
        help_text=_("Approve only if there was an intention to cause harm. If you decline, the outcome stays "
                    "system learning."),
        error_messages={"required": _("Select whether you approve or decline the referral")},
    )
    reason = forms.CharField(
        label=_("Your reason"), max_length=ReferralDecision.REASON_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("This is kept with the decision. Do not name anyone."),
        error_messages={"required": _("Give the reason for your decision"),
                        "max_length": _("Your reason must be %(limit_value)s characters or fewer")},
    )
