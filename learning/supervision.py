"""Reflective supervision packs: a de-identified vignette of a report or a learning review, with the
prompts a group works through (what was known, what was assumed, what made sense at the time, what
would help). Learning mostly happens in supervision; a vignette lets a team share it.

A report's vignette uses its confirmed de-identified narrative only, never the sealed original, and
none until a reviewer has confirmed the de-identification. A review's text was de-identified as it
was written. Neither carries a reference, a date or a name of staff: only what the discussion needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.services import OrgAccess
from protection.audit import audit
from reporting import services as reporting
from reporting.choices import NARRATIVE_LABELS, Agency, short_label

from .models import LearningReview
from .reviews import subject_for as review_subject

PROMPTS: tuple[tuple[str, str], ...] = (
    (gettext_lazy("What was known?"),
     gettext_lazy("What did each person know at each point, and where did it come from? What was not known, "
                  "and who did know it?")),
    (gettext_lazy("What was assumed?"),
     gettext_lazy("What was taken for granted: about the family, about other agencies, about who would act next?")),
    (gettext_lazy("What made sense at the time?"),
     gettext_lazy("Given the workload, the tools and what was known then, why did the actions make sense to the "
                  "people doing them? Would others have done the same?")),
    (gettext_lazy("What would help?"),
     gettext_lazy("What would make the safe thing the easy thing next time: in practice, tools, systems or the "
                  "rules themselves?")),
)


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass
class Vignette:
    title: str
    source: str  # what it was drawn from, in words, without a reference
    context: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def prompts(self) -> list[tuple[str, str]]:
        return [(str(title), str(question)) for title, question in PROMPTS]


def from_report(report) -> Vignette | None:
    """A report's vignette, or None while its de-identification is unconfirmed."""
    if not reporting.is_readable(report):
        return None
    agencies = ", ".join(str(Agency(a).label) for a in report.agencies or () if a in Agency.values)
    context = [(_("Kind"), short_label(report.get_kind_display())),
               (_("Service area"), report.get_service_area_display() or ""),
               (_("Stage of work"), report.get_stage_display() or ""), (_("Other agencies involved"), agencies)]
    headings = {**NARRATIVE_LABELS, "what_would_help": _("What the reporter thought would help")}
    sections = [Section(str(headings[name]), text) for name, text in _narrative(report) if text]
    return Vignette(title=_("A report from practice"), source=_("A report made to Good Catch, de-identified"),
                    context=[(str(label), value) for label, value in context if value], sections=sections)


def _narrative(report) -> list[tuple[str, str]]:
    return [(name, getattr(report, name)) for name in NARRATIVE_LABELS]


def from_review(review: LearningReview) -> Vignette:
    """A review's vignette: its key practice episodes as the story, then what the review found."""
    sections: list[Section] = []
    if review.summary:
        sections.append(Section(_("Why it was reviewed"), review.summary))
    for number, episode in enumerate(review.episodes.all(), start=1):
        lines = [episode.what_happened]
        if episode.what_was_known:
            lines.append(_("What was known: %(text)s") % {"text": episode.what_was_known})
        if episode.what_made_sense:
            lines.append(_("What made sense at the time: %(text)s") % {"text": episode.what_made_sense})
        sections.append(Section(_("Episode %(n)s: %(when)s") % {"n": number, "when": episode.when}, "\n\n".join(lines)))
    for finding in review.findings.all():
        sections.append(Section(_("Finding: %(category)s") % {"category": finding.get_category_display()},
                                finding.statement))
    context = [(_("Looks at"), review.get_scope_display()), (_("Status"), review.get_status_display())]
    return Vignette(title=review.title, source=_("A learning review, version %(v)s") % {"v": review.version},
                    context=[(str(label), str(value)) for label, value in context], sections=sections)


def as_text(vignette: Vignette) -> str:
    """The vignette as plain text, to print or share: the story, then each prompt with room for notes."""
    out = [vignette.title, "=" * len(vignette.title), "", vignette.source, ""]
    out += [f"{label}: {value}" for label, value in vignette.context]
    for section in vignette.sections:
        out += ["", section.heading, "-" * len(section.heading), section.text]
    heading = _("Reflective prompts")
    out += ["", heading, "=" * len(heading)]
    for title, question in vignette.prompts:
        out += ["", title, question, "", _("Notes:"), "", "", ""]
    return "\n".join(out).rstrip() + "\n"


def record_use(access: OrgAccess, subject: str, *, by, source: str, form: str) -> None:
    """Who opened or downloaded which vignette: the text came from reports people made in confidence."""
    audit("supervision.vignette", actor=by, organisation_id=access.organisation.pk, subject=subject,
          detail={"source": source, "form": form})


def report_subject(report) -> str:
    return reporting.subject_for(report)


__all__ = ["PROMPTS", "Vignette", "as_text", "from_report", "from_review", "record_use", "report_subject",
           "review_subject"]
