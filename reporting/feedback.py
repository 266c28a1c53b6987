"""Feedback to the reporter: every report closes with what was learnt and what will change.

People keep reporting when they see something happen as a result (ASRS's CALLBACK, CHIRP's
FEEDBACK, CIRAS's answer to every report). A reviewer writes the feedback from a template; it is
de-identified like any text before the reporter or anyone else reads it, and its original is not
kept. Time to first feedback is measured against the organisation's target in working days.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection import redaction
from protection.days import day_only
from reporting.choices import MessageAuthor
from reporting.models import Feedback, Message, Report, StatusChange
from reporting.subjects import subject_for
from reporting.working_days import overdue_if_sent_before

WHAT_WE_LEARNT = _("What we learnt")
WHAT_WILL_CHANGE = _("What will change")
# A gap in a template the reviewer must fill: "[add what you found]".
GAP = re.compile(r"\[add [^\]]*\]")


@dataclass(frozen=True)
class FeedbackTemplate:
    name: str
    what_we_learnt: str
    what_will_change: str


TEMPLATES: dict[str, FeedbackTemplate] = {
    "found": FeedbackTemplate(
        _("Thank you, and what we found"),
        _("Thank you for this report. We looked at what happened and found that [add what you found]."),
        _("[add what will change, who will do it and by when]. We will tell you here if anything else changes."),
    ),
    "partner": FeedbackTemplate(
        _("Passed to a partner agency"),
        _("Thank you for this report. Part of what happened sits with [add the agency], so we shared it with them "
          "without anything that could identify you or the people in it. Together we found that "
          "[add what you found]."),
        _("[add the agency] will [add what they will change]. We will tell you here if we hear more from them."),
    ),
    "action": FeedbackTemplate(
        _("A systemic issue taken forward as an action"),
        _("Thank you for this report. It showed a problem in how our system works, not in one person's "
          "practice: [add the issue]. Other reports have shown the same."),
        _("We have set up an action to [add the change]. It is owned by [add the role, not a name] and due by "
          "[add the month]. Its progress is reported to the learning panel."),
    ),
    "no_action": FeedbackTemplate(
        _("No further action, and why"),
        _("Thank you for this report. We looked at it carefully and found that [add what you found]."),
        _("Nothing will change this time, because [add the reason]. Reports like yours still help: we look at "
          "them together to spot patterns, and this one is part of that picture."),
    ),
}


@dataclass(frozen=True)
class ClosingFeedback:
    """The two parts of a report's closing feedback, as the reviewer wrote them."""

    what_we_learnt: str
    what_will_change: str
    template: str = ""

    def problems(self) -> dict[str, str]:
        """What stops it being sent, by part: a part left empty, or a template gap left unfilled."""
        found: dict[str, str] = {}
        for name, label in (("what_we_learnt", WHAT_WE_LEARNT), ("what_will_change", WHAT_WILL_CHANGE)):
            text = getattr(self, name).strip()
            if not text:
                found[name] = str(_("Write “%(part)s” before closing the report") % {"part": label})
            elif gap := GAP.search(text):
                found[name] = str(_("Replace “%(gap)s” in “%(part)s” with your own words")
                                  % {"gap": gap.group(), "part": label})
        return found

    def digest(self) -> str:
        """Names exactly this text, so that what is sent is what the reviewer last previewed."""
        return hashlib.sha256(f"{self.what_we_learnt}\x1f{self.what_will_change}".encode()).hexdigest()

    def as_message(self) -> str:
        return f"{WHAT_WE_LEARNT}\n{self.what_we_learnt}\n\n{WHAT_WILL_CHANGE}\n{self.what_will_change}"


def _deidentified(report: Report, feedback: ClosingFeedback, *, keep: bool) -> ClosingFeedback:
    texts = {"what_we_learnt": feedback.what_we_learnt.strip(), "what_will_change": feedback.what_will_change.strip()}
    # New placeholders are remembered as long as a reply's would be; nothing of the original is.
    forget_after = day_only(timezone.now() + timedelta(days=report.organisation.sealed_retention_days)) if keep else None
    redacted = redaction.redact_unsealed(report.organisation_id, subject_for(report), texts, forget_after=forget_after)
    return ClosingFeedback(redacted["what_we_learnt"], redacted["what_will_change"], feedback.template)


def preview(report: Report, feedback: ClosingFeedback) -> ClosingFeedback:
    """The feedback as the reporter will read it, with its personal details removed. Stores nothing."""
    return _deidentified(report, feedback, keep=False)


def deidentify(report: Report, feedback: ClosingFeedback) -> ClosingFeedback:
    """The feedback to send: de-identified, its numbering kept with the report's placeholders."""
    return _deidentified(report, feedback, keep=True)


def record(report: Report, change: StatusChange, feedback: ClosingFeedback, *, by) -> Feedback:
    """Store de-identified feedback with the close it came with (in the caller's transaction)."""
    message = Message.objects.create(report=report, author_kind=MessageAuthor.REVIEWER, reviewer=by,
                                     body=feedback.as_message())
    return Feedback.objects.create(message=message, status_change=change, template=feedback.template,
                                   what_we_learnt=feedback.what_we_learnt, what_will_change=feedback.what_will_change)


def feedback_for(report: Report) -> list[Feedback]:
    """A report's feedback, newest first, with when it was given."""
    return list(Feedback.objects.filter(message__report=report).select_related("message").order_by("-pk"))


# ---- waiting for first feedback -------------------------------------------------------------------


def _has_feedback():
    """Whether a reviewer has written to the reporter: the first such message is the first feedback,
    as the dashboard's time to first feedback counts it (services.first_feedback_delays)."""
    return Exists(Message.objects.filter(report=OuterRef("pk"), author_kind=MessageAuthor.REVIEWER))


def overdue_since(today: date, target: int) -> datetime:
    """Reports sent before this moment and still without feedback have waited more than `target`
    working days."""
    first_day = overdue_if_sent_before(today, target)
    return timezone.make_aware(datetime.combine(first_day, time.min))


def with_feedback_overdue(reports: QuerySet[Report], *, target: int, today: date | None = None) -> QuerySet[Report]:
    """Each report annotated `feedback_overdue`: still waiting for first feedback, for longer than
    `target` working days. One comparison and one indexed EXISTS per row, in SQL."""
    from django.db.models import BooleanField, Case, Q, Value, When

    cutoff = overdue_since(today or timezone.localdate(), target)
    return reports.annotate(has_feedback=_has_feedback()).annotate(feedback_overdue=Case(
        When(Q(has_feedback=False, submitted_at__lt=cutoff), then=Value(True)), default=Value(False),
        output_field=BooleanField()))


def feedback_overdue(reports: QuerySet[Report], *, target: int, today: date | None = None) -> QuerySet[Report]:
    """Only the reports waiting longer than `target` working days for their first feedback."""
    cutoff = overdue_since(today or timezone.localdate(), target)
    return reports.filter(submitted_at__lt=cutoff).exclude(_has_feedback())
