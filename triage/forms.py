from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from protection import redaction
from reporting import feedback
from reporting.choices import Status
from reporting.forms import NarrativeField


class TransitionForm(forms.Form):
    """Moves a report on. Closing is not among the moves here: it has its own page, because a report
    closes with feedback to its reporter (ClosingFeedbackForm)."""

    to_status = forms.ChoiceField(label=_("Move this report to"), choices=Status.choices, widget=forms.RadioSelect,
                                  error_messages={"required": _("Select what to move the report to")})

    def __init__(self, *args, allowed: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        allowed = tuple(s for s in allowed if s != Status.CLOSED)
        self.fields["to_status"].choices = [(s, Status(s).label) for s in allowed]
        if len(allowed) == 1:
            # Nothing to choose: the page says where the report goes, and the button moves it.
            self.fields["to_status"].widget = forms.HiddenInput()
            self.fields["to_status"].initial = allowed[0]

    @property
    def only_choice(self) -> str:
        """The label of the one status the report can move to, or "" when there is a choice."""
        choices = self.fields["to_status"].choices
        return str(choices[0][1]) if len(choices) == 1 else ""


class FeedbackTemplateForm(forms.Form):
    """The template a reviewer starts their feedback from (a GET form: it only fills the fields)."""

    template = forms.ChoiceField(label=_("Start from a template"), widget=forms.RadioSelect, required=False,
                                 choices=[(key, t.name) for key, t in feedback.TEMPLATES.items()])


class ClosingFeedbackForm(forms.Form):
    """Feedback to the reporter, in two parts; sent only once the reviewer has seen it de-identified."""

    template = forms.CharField(widget=forms.HiddenInput, required=False, max_length=30)
    what_we_learnt = NarrativeField(
        label=feedback.WHAT_WE_LEARNT, max_length=settings.MESSAGE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What looking at the report showed. Write for the person who sent it."),
        error_messages={"required": _("Write “What we learnt” before closing the report")})
    what_will_change = NarrativeField(
        label=feedback.WHAT_WILL_CHANGE, max_length=settings.MESSAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will be done differently, or why nothing will change this time."),
        error_messages={"required": _("Write “What will change” before closing the report")})
    previewed = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean(self):
        data = super().clean()
        if "what_we_learnt" in data and "what_will_change" in data:
            for name, problem in self.feedback.problems().items():
                self.add_error(name, problem)
        return data

    @property
    def feedback(self) -> feedback.ClosingFeedback:
        data = self.cleaned_data
        template = data.get("template", "")
        return feedback.ClosingFeedback(data.get("what_we_learnt", ""), data.get("what_will_change", ""),
                                        template if template in feedback.TEMPLATES else "")

    @property
    def seen_before_sending(self) -> bool:
        """Whether this exact text is what the reviewer last previewed."""
        return self.cleaned_data.get("previewed") == self.feedback.digest()


class MessageForm(forms.Form):
    body = NarrativeField(label=_("Message to the reporter"), max_length=settings.MESSAGE_MAX_CHARS,
                          widget=forms.Textarea(attrs={"rows": 4}),
                          help_text=_("The reporter reads this with their receipt code. Do not include names."),
                          error_messages={"required": _("Write your message before sending it")})
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class RedactionForm(forms.Form):
    """A reviewer's check of a proposed redaction. Each proposed span has a checkbox named
    restore-<field>-<index>, drawn by the page from the proposal; `check` is what protection applies."""

    add_terms = forms.CharField(
        label=_("Words the engine missed"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One word or phrase per line, exactly as written, for example a name or a street."),
    )
    add_label = forms.ChoiceField(label=_("They are"), required=False, choices=list(redaction.TERM_LABELS.items()))
    action = forms.ChoiceField(required=False, choices=[("apply", _("Apply corrections")),
                                                        ("confirm", _("Confirm de-identification"))])

    def clean(self):
        data = super().clean()
        restore: dict[str, set[int]] = {}
        for key in self.data:
            prefix, _sep, index = key.rpartition("-")
            if prefix.startswith("restore-") and index.isdigit():
                restore.setdefault(prefix.removeprefix("restore-"), set()).add(int(index))
        data["restore"] = restore
        return data

    @property
    def check(self) -> redaction.ReviewerCheck:
        data = self.cleaned_data
        return redaction.ReviewerCheck(
            restore={name: frozenset(indexes) for name, indexes in data["restore"].items()},
            add_terms=tuple(term.strip() for term in data["add_terms"].splitlines() if term.strip()),
            add_label=data.get("add_label") or "PERSON", confirm=data.get("action") == "confirm")


class BreakGlassRequestForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Why do you need to open the reporter's identity?"), widget=forms.RadioSelect,
        choices=[("follow_up", _("To follow up with the confidential reporter through this system")),
                 ("deliberate_harm", _("A just-culture review found an intention to cause harm"))],
        error_messages={"required": _("Select why you need to open the identity")},
    )
    # The reporter is told this reason in a message, so it follows the rules of messages.
    reason = NarrativeField(
        label=_("Explain the reason"), min_length=10, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A custodian must approve this, and the reporter will be told that their identity was "
                    "disclosed and why."),
        error_messages={"required": _("Explain why you need to open the identity"),
                        "min_length": _("Explain the reason in at least a sentence")},
    )


class BreakGlassDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve")), ("decline", _("Decline"))],
                                 error_messages={"required": _("Select approve or decline")})
    reason = forms.CharField(label=_("Reason for your decision"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Give a reason for your decision")})
