"""Learning bulletins: a reviewer assembles what staff should hear about (themes, spikes, "you said,
we did", a few de-identified report excerpts), the gate checks it, and publishing shows it to every
member of the organisation as a page, a PDF and an email with a link.

Every write is here; views pass forms to these functions. Counts are kept raw on the draft's items
and published only as protection.suppression shows them: the published snapshot never holds a
hidden number.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intelligence import spikes, themes
from learning.models import Action, Bulletin, BulletinDelivery, BulletinItem
from learning.models.actions import ActionStatus
from learning.models.bulletins import BulletinStatus, ItemKind
from learning.publishing import Finding, check_text, small_counts
from organisations.services import members_of
from protection import suppression
from protection.audit import audit
from reporting import services as reporting

logger = logging.getLogger(__name__)

TOP_THEMES = 5
EXCERPTS_OFFERED = 5
EXCERPT_CHARS = 400
CLOSED = (ActionStatus.DONE, ActionStatus.EFFECTIVE, ActionStatus.NOT_EFFECTIVE)
# The order staff read the sections in (by ItemKind), with their headings.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("theme", "What you reported most"),
    ("spike", "What changed"),
    ("action", "You said, we did"),
    ("report", "In your words"),
)


class NotPublishable(Exception):
    """The gate found something: the bulletin stays a draft."""

    def __init__(self, result: GateResult):
        super().__init__(f"{len(result.findings)} finding(s) stop this bulletin being published")
        self.result = result


class NotADraft(Exception):
    """Only a draft can be edited."""


# Reading --------------------------------------------------------------------------------------------

def bulletin_in(organisation_id: int, bulletin_id: int) -> Bulletin | None:
    """A bulletin of this organisation (never another's)."""
    return Bulletin.objects.filter(organisation_id=organisation_id, pk=bulletin_id).first()


def bulletins_of(organisation_id: int, *, with_drafts: bool) -> list[Bulletin]:
    """Published bulletins, newest first; drafts and withdrawn ones too for those who publish."""
    found = Bulletin.objects.filter(organisation_id=organisation_id)
    if not with_drafts:
        found = found.filter(status=BulletinStatus.PUBLISHED)
    return list(found)


def published_in(organisation_ids) -> list[Bulletin]:
    """Published bulletins of these organisations, newest first, with their organisation: what the
    library of learning (sharing) reads. Readers use the frozen snapshot, never a draft's items."""
    return list(Bulletin.objects.filter(organisation_id__in=list(organisation_ids), status=BulletinStatus.PUBLISHED)
                .select_related("organisation").order_by("-published_at", "-pk"))


def items_of(bulletin: Bulletin) -> list[BulletinItem]:
    return list(bulletin.items.all())


def count_display(item: BulletinItem) -> str:
    """A theme's count as staff may see it: through small-number suppression, or nothing."""
    return "" if item.count is None else suppression.suppress_count(item.count).display


# Proposing a draft ----------------------------------------------------------------------------------

def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


_DAY_MONTH_YEAR = re.compile(r"\b\d{1,2} ([A-Z][a-z]+ \d{4})\b")


def _months_only(message: str) -> str:
    """A spike alert's sentence with its days taken out: "in the week of 9 March 2026" becomes "in a week
    of March 2026". A bulletin dates things to the month, as reports are (ADR 0003), and the gate
    would stop a full date."""
    return _DAY_MONTH_YEAR.sub(r"\1", message).replace("in the week of ", "in a week of ")


def _closed_actions(organisation_id: int, start: dt.date, end: dt.date) -> list[Action]:
    """Actions finished in the period: the "we did" of "you said, we did"."""
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return list(Action.objects.filter(organisation_id=organisation_id, status__in=CLOSED, done_at__gte=since,
                                      done_at__lt=until).prefetch_related("theme_links").order_by("done_at", "pk"))


def _you_said(organisation_id: int, action: Action) -> str:
    labels = [theme.label for link in action.theme_links.all()
              if (theme := themes.theme_in(organisation_id, link.theme_id)) is not None]
    return _("You told us about: %(themes)s") % {"themes": ", ".join(labels)} if labels else _("You told us")


def proposal_items(organisation_id: int, start: dt.date, end: dt.date) -> list[BulletinItem]:
    """What the period offers, unsaved: its top themes, its spike alerts and its closed actions,
    included; a few confirmed report excerpts, left for the reviewer to choose."""
    items: list[BulletinItem] = []
    for theme, n in themes.top_themes_between(organisation_id, start, end, limit=TOP_THEMES):
        items.append(BulletinItem(kind=ItemKind.THEME, object_id=theme.pk, heading=theme.label, count=n))
    for alert in spikes.alerts_between(organisation_id, start, end):
        items.append(BulletinItem(kind=ItemKind.SPIKE, object_id=alert.pk, heading=alert.label,
                                  text=_months_only(alert.message)))
    for action in _closed_actions(organisation_id, start, end):
        items.append(BulletinItem(kind=ItemKind.ACTION, object_id=action.pk, heading=_you_said(organisation_id, action),
                                  text=action.description))
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    recent = (reporting.readable_reports(organisation_id).filter(submitted_at__gte=since, submitted_at__lt=until)
              .order_by("-submitted_at", "-pk")[:EXCERPTS_OFFERED])
    for report in recent:
        if text := reporting.readable_text(report):
            items.append(BulletinItem(kind=ItemKind.REPORT, object_id=report.pk, heading="", text=_excerpt(text),
                                      included=False))
    order = {kind: i for i, (kind, _heading) in enumerate(SECTIONS)}
    items.sort(key=lambda item: order[item.kind])
    for i, item in enumerate(items):
        item.order = i
    return items


@transaction.atomic
def propose_draft(organisation, *, title: str, period_start: dt.date, period_end: dt.date, by) -> Bulletin:
    """A draft for the period, filled with what the period offers, for the reviewer to edit."""
    if period_end < period_start:
        raise ValueError("The period ends before it starts")
    bulletin = Bulletin.objects.create(organisation=organisation, title=title.strip(), period_start=period_start,
                                       period_end=period_end, created_by=by)
    items = proposal_items(organisation.pk, period_start, period_end)
    for item in items:
        item.bulletin = bulletin
    BulletinItem.objects.bulk_create(items)
    audit("bulletin.create", actor=by, organisation_id=organisation.pk, subject=f"bulletin:{bulletin.pk}",
          detail={"items": len(items)})
    return bulletin


@dataclass(frozen=True)
class ItemEdit:
    text: str
    heading: str
    included: bool
    order: int


@transaction.atomic
def edit_draft(bulletin: Bulletin, *, title: str, introduction: str, items: dict[int, ItemEdit], by) -> Bulletin:
    """The reviewer's edits: the title, the introduction, and each item's words, place and whether it is in."""
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status != BulletinStatus.DRAFT:
        raise NotADraft(bulletin.get_status_display())
    bulletin.title, bulletin.introduction = title.strip(), introduction.strip()
    bulletin.save(update_fields=["title", "introduction"])
    for item in bulletin.items.filter(pk__in=list(items)):
        edit = items[item.pk]
        item.text, item.heading, item.included, item.order = edit.text.strip(), edit.heading.strip(), edit.included, edit.order
        item.save(update_fields=["text", "heading", "included", "order"])
    audit("bulletin.edit", actor=by, organisation_id=bulletin.organisation_id, subject=f"bulletin:{bulletin.pk}",
          detail={"items": len(items)})
    return bulletin


# The gate -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """A piece of the bulletin's full text: where it starts there, and what to call it on the check page."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class PartFinding:
    part: str
    position: int  # within the part, from 0
    finding: Finding


@dataclass(frozen=True)
class GateResult:
    findings: list[PartFinding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings


def full_text(bulletin: Bulletin) -> tuple[str, list[Part]]:
    """Everything staff would read, as one text (a name found in one part is looked for in all)."""
    pieces: list[tuple[str, str]] = [(_("Title"), bulletin.title), (_("Introduction"), bulletin.introduction)]
    for n, item in enumerate((i for i in items_of(bulletin) if i.included), start=1):
        pieces.append((_("Item %(n)s (%(kind)s), heading") % {"n": n, "kind": item.get_kind_display()}, item.heading))
        pieces.append((_("Item %(n)s (%(kind)s), text") % {"n": n, "kind": item.get_kind_display()}, item.text))
    text, parts = "", []
    for name, piece in pieces:
        if not piece:
            continue
        if text:
            text += "\n\n"
        parts.append(Part(name, len(text), len(text) + len(piece)))
        text += piece
    return text, parts


def check(bulletin: Bulletin) -> GateResult:
    """The publish-time gate on the whole bulletin: the de-identification engine with the
    organisation's learned terms (learning.publishing.check_text, as the command runs it), and
    stated counts of reports that small-number suppression would hide."""
    text, parts = full_text(bulletin)
    found = check_text(text, organisation_id=bulletin.organisation_id) + small_counts(text)
    located = []
    for finding in sorted(found, key=lambda f: f.start):
        part = next((p for p in parts if p.start <= finding.start < p.end), Part(_("Bulletin"), 0, len(text)))
        located.append(PartFinding(part.name, finding.start - part.start, finding))
    return GateResult(located)


# Publishing -----------------------------------------------------------------------------------------

def snapshot_of(bulletin: Bulletin) -> dict:
    """What staff will read, frozen: counts only as suppression shows them."""
    included = [item for item in items_of(bulletin) if item.included]
    sections = []
    for kind, heading in SECTIONS:
        chosen = [{"heading": item.heading, "text": item.text, "count": count_display(item)}
                  for item in included if item.kind == kind]
        if chosen:
            sections.append({"kind": str(kind), "heading": _(heading), "items": chosen})
    return {"title": bulletin.title, "introduction": bulletin.introduction, "organisation": bulletin.organisation.name,
            "period_start": bulletin.period_start.isoformat(), "period_end": bulletin.period_end.isoformat(),
            "period": _("%(start)s to %(end)s") % {"start": date_format(bulletin.period_start, "j F Y"),
                                                   "end": date_format(bulletin.period_end, "j F Y")},
            "sections": sections, "k": suppression.suppression_k()}


def staff_addresses(organisation) -> list[str]:
    """The staff list: every active member's email address, once each."""
    seen: dict[str, None] = {}
    for membership in members_of(organisation):
        user = membership.user
        if user.is_active and user.email:
            seen.setdefault(user.email.strip().lower(), None)
    return list(seen)


def publish(bulletin: Bulletin, *, by) -> Bulletin:
    """Publish a draft that passes the gate, queue one email per member of staff, and return it.

    Publishing again (a double click, a retried request) changes nothing and sends nothing: the row
    is locked, only a draft moves, and a delivery is unique per bulletin and address. Emails go
    after the commit, by a task; a failure there never reaches this call.
    """
    from learning import bulletin_pdf, bulletin_tasks

    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().select_related("organisation").get(pk=bulletin.pk)
        if bulletin.status != BulletinStatus.DRAFT:
            return bulletin
        result = check(bulletin)
        if not result.clean:  # the refusal is recorded, then raised once it is committed
            audit("bulletin.publish_refused", actor=by, organisation_id=bulletin.organisation_id,
                  subject=f"bulletin:{bulletin.pk}", detail={"findings": len(result.findings),
                                                             "labels": sorted({f.finding.label for f in result.findings})})
            raise_after = NotPublishable(result)
        else:
            raise_after = None
            bulletin.snapshot = snapshot_of(bulletin)
            bulletin.status = BulletinStatus.PUBLISHED
            bulletin.published_at = timezone.now()
            bulletin.published_by = by
            bulletin.pdf_pages = _pages_or_none(bulletin_pdf, bulletin)
            bulletin.save(update_fields=["snapshot", "status", "published_at", "published_by", "pdf_pages"])
            BulletinDelivery.objects.bulk_create(
                [BulletinDelivery(bulletin=bulletin, recipient=address) for address in staff_addresses(bulletin.organisation)],
                ignore_conflicts=True)
            audit("bulletin.publish", actor=by, organisation_id=bulletin.organisation_id, subject=f"bulletin:{bulletin.pk}",
                  detail={"recipients": bulletin.deliveries.count(), "pdf_pages": bulletin.pdf_pages})
            bulletin_id = bulletin.pk
            transaction.on_commit(lambda: bulletin_tasks.queue_delivery(bulletin_id))
    if raise_after is not None:
        raise raise_after
    return bulletin


def _pages_or_none(bulletin_pdf, bulletin: Bulletin) -> int | None:
    """The PDF's page count; a PDF that cannot be rendered now does not stop the page and the emails."""
    try:
        return bulletin_pdf.render(bulletin)[1]
    except Exception:
        logger.exception("The PDF of bulletin %s could not be rendered at publishing", bulletin.pk)
        return None


@transaction.atomic
def withdraw(bulletin: Bulletin, *, by) -> Bulletin:
    """Take a published bulletin down: staff no longer see it. Emails already sent stay sent."""
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status != BulletinStatus.PUBLISHED:
        return bulletin
    bulletin.status, bulletin.withdrawn_at = BulletinStatus.WITHDRAWN, timezone.now()
    bulletin.save(update_fields=["status", "withdrawn_at"])
    bulletin.deliveries.exclude(status="sent").update(status="failed", last_error="The bulletin was withdrawn.")
    audit("bulletin.withdraw", actor=by, organisation_id=bulletin.organisation_id, subject=f"bulletin:{bulletin.pk}")
    return bulletin
