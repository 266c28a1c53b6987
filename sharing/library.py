"""The library of learning: published learning from every sharing organisation and from the national
hub, in one place, for any practitioner of a member organisation.

What counts as published, and so may appear here:
- a bulletin with status "published" (learning.bulletins), read from its frozen snapshot: the text
  that passed learning's publishing gate, with counts only as suppression showed them. Drafts and
  withdrawn bulletins never appear;
- "you said, we did": each "You said, we did" item of such a snapshot, on its own;
- a supervision vignette of a final, intact learning review, once a reviewer has published it to
  the library here and it has passed the same gate (`publish_vignette`). A report's vignette never
  appears: a report's narrative is not cleared for every member organisation.

Who sees what: a member sees its own organisations' published learning, and that of every
organisation that has chosen to share it (`set_library_sharing`, by an admin). Nobody who is not a
member of at least one organisation sees anything. The national hub's published learning (its national
bulletins and vignettes, fetched by sharing.hub_library when this instance sends to a hub) is every
member's to read.

Search is plain words, in memory, over a few hundred published items at most: every word must be in
the title, the summary or the text (case and accents ignored), newest first.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intelligence.search import terms_of
from learning import bulletins, publishing, review_lifecycle, reviews, supervision
from organisations.permissions import MANAGE_SHARING, READ_LEARNING, RUN_LEARNING_REVIEW, member_has
from organisations.services import OrgAccess, memberships_for
from protection.audit import audit
from sharing.models import HubLearningItem, LibraryFeedToken, LibrarySharing, LibraryVignette

BULLETIN = "bulletin"
YOU_SAID = "you-said-we-did"
VIGNETTE = "vignette"
KINDS: dict[str, str] = {BULLETIN: gettext_lazy("Learning bulletin"), YOU_SAID: gettext_lazy("You said, we did"),
                         VIGNETTE: gettext_lazy("Supervision vignette")}
HUB = "hub"  # the organisation filter's value for the hub's items
PAGE_SIZE = 20
SUMMARY_CHARS = 300


@dataclass(frozen=True)
class Entry:
    heading: str
    text: str
    count: str = ""  # a theme's count as suppression showed it at publishing


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class LibraryItem:
    """One piece of published learning as the library shows it. `source` is the organisation's id as
    text, or HUB for the national hub's."""

    kind: str
    key: str
    title: str
    summary: str
    organisation: str
    source: str
    published_at: datetime
    sections: tuple[Section, ...] = ()
    period: str = ""  # what a bulletin covers, in words
    bulletin_key: str = ""  # a "you said, we did": the bulletin it was published in
    bulletin_title: str = ""
    words: str = field(default="", repr=False)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def url(self) -> str:
        return reverse("sharing:library-item", kwargs={"kind": self.kind, "key": self.key})

    @property
    def bulletin_url(self) -> str:
        return reverse("sharing:library-item", kwargs={"kind": BULLETIN, "key": self.bulletin_key}) if self.bulletin_key else ""


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def _excerpt(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _item(**values) -> LibraryItem:
    sections: tuple[Section, ...] = values.get("sections", ())
    texts = [values["title"], values["summary"]] + [piece for s in sections for e in s.entries
                                                     for piece in (s.heading, e.heading, e.text)]
    return LibraryItem(**values, words=_folded("\n".join(texts)))


# Who may read, and whose learning they see ---------------------------------------------------------

def reader_organisation_ids(user) -> set[int]:
    """The organisations whose practitioner the user is (any role that reads learning)."""
    if not user.is_authenticated:
        return set()
    return {m.organisation_id for m in memberships_for(user) if member_has(m.role, READ_LEARNING)}


def is_reader(user) -> bool:
    return bool(reader_organisation_ids(user))


def sharing_organisation_ids() -> set[int]:
    return set(LibrarySharing.objects.filter(shared_since__isnull=False).values_list("organisation_id", flat=True))


def visible_organisation_ids(user) -> set[int]:
    """The user's own organisations and every organisation sharing its learning; nothing for a non-member."""
    own = reader_organisation_ids(user)
    return own | sharing_organisation_ids() if own else set()


@dataclass(frozen=True)
class OwnSettings:
    """An organisation of the user's where they may change what it puts in the library."""

    name: str
    slug: str
    manages_sharing: bool
    publishes_vignettes: bool


def own_settings(user) -> list[OwnSettings]:
    found = [OwnSettings(m.organisation.name, m.organisation.slug, member_has(m.role, MANAGE_SHARING),
                         member_has(m.role, RUN_LEARNING_REVIEW)) for m in memberships_for(user)]
    return [s for s in found if s.manages_sharing or s.publishes_vignettes]


# The items ------------------------------------------------------------------------------------------

def _sections(stored, *, entries: str) -> tuple[Section, ...]:
    """Sections as stored in JSON (a bulletin's snapshot keeps its entries under "items", the hub's
    copy under "entries"), every value as text."""
    return tuple(Section(str(s.get("heading", "")), tuple(
        Entry(str(e.get("heading", "")), str(e.get("text", "")), str(e.get("count", ""))) for e in s.get(entries, ())))
        for s in stored)


def _bulletin_items(bulletin) -> list[LibraryItem]:
    snapshot = bulletin.snapshot or {}
    organisation = bulletin.organisation.name
    sections = _sections(snapshot.get("sections", ()), entries="items")
    title = snapshot.get("title") or bulletin.title
    introduction = snapshot.get("introduction", "")
    summary = _excerpt(introduction) if introduction else (_("A learning bulletin for %(period)s.")
                                                           % {"period": snapshot.get("period", "")})
    common = {"organisation": organisation, "source": str(bulletin.organisation_id), "published_at": bulletin.published_at}
    found = [_item(kind=BULLETIN, key=str(bulletin.pk), title=title, summary=summary, period=snapshot.get("period", ""),
                   sections=((Section("", (Entry("", introduction),)),) if introduction else ()) + sections, **common)]
    actions = [e for s in snapshot.get("sections", ()) if s.get("kind") == "action" for e in s.get("items", ())]
    for n, entry in enumerate(actions, start=1):
        text = str(entry.get("text", ""))
        found.append(_item(kind=YOU_SAID, key=f"{bulletin.pk}-{n}", title=str(entry.get("heading") or _("You said, we did")),
                           summary=_excerpt(text), sections=(Section(_("We did"), (Entry("", text),)),)
                           if text else (), bulletin_key=str(bulletin.pk), bulletin_title=title, **common))
    return found


def _vignette_item(vignette: LibraryVignette) -> LibraryItem:
    sections = tuple(Section(str(s.get("heading", "")), (Entry("", str(s.get("text", ""))),)) for s in vignette.sections)
    first = next((s.get("text", "") for s in vignette.sections if s.get("text")), "")
    return _item(kind=VIGNETTE, key=str(vignette.pk), title=vignette.title, summary=_excerpt(first),
                 organisation=vignette.organisation.name, source=str(vignette.organisation_id),
                 published_at=vignette.published_at, sections=sections)


# The national hub's published learning, as this instance last fetched it (sharing.hub_library). Its
# keys are the hub's with HUB_KEY_PREFIX, so they never meet this instance's own; its full text is
# here, so a practitioner reads it without an account at the hub. At the hub itself the table is empty.
HUB_KEY_PREFIX = "hub-"


def hub_items() -> list[LibraryItem]:
    """The hub's published learning: empty until an instance that sends to a hub has fetched it."""
    found = []
    for row in HubLearningItem.objects.order_by("-published_at", "pk"):
        found.append(_item(kind=row.kind, key=HUB_KEY_PREFIX + row.key, title=row.title, summary=row.summary,
                           organisation=row.organisation, source=HUB, published_at=row.published_at,
                           sections=_sections(row.sections, entries="entries"), period=row.period,
                           bulletin_key=HUB_KEY_PREFIX + row.bulletin_key if row.bulletin_key else "",
                           bulletin_title=row.bulletin_title))
    return found


def items_in(organisation_ids: Iterable[int]) -> list[LibraryItem]:
    """Every published item of these organisations, and the hub's, newest first."""
    ids = list(organisation_ids)
    if not ids:
        return []
    found: list[LibraryItem] = []
    for bulletin in bulletins.published_in(ids):
        found += _bulletin_items(bulletin)
    for vignette in LibraryVignette.objects.filter(organisation_id__in=ids, withdrawn_at__isnull=True).select_related(
            "organisation"):
        found.append(_vignette_item(vignette))
    found += hub_items()
    # Stable: a bulletin stays just before its own "you said, we did" items.
    found.sort(key=lambda item: item.published_at, reverse=True)
    return found


def items_for(user) -> list[LibraryItem]:
    """What this user may read in the library: nothing unless they are a member of an organisation."""
    return items_in(visible_organisation_ids(user))


def find(items: Iterable[LibraryItem], *, q: str = "", kind: str = "", source: str = "") -> list[LibraryItem]:
    """Items with every word of `q` (stop words aside), of a kind and from a source when given, in order."""
    terms = [_folded(term) for term in terms_of(q)] if q.strip() else []
    return [item for item in items if (not kind or item.kind == kind) and (not source or item.source == source)
            and all(term in item.words for term in terms)]


def item_for(user, kind: str, key: str) -> LibraryItem | None:
    """One item the user may read, or None (it does not exist, or is not theirs to see)."""
    return next((item for item in items_for(user) if item.kind == kind and item.key == key), None)


def sources_of(items: Iterable[LibraryItem]) -> list[tuple[str, str]]:
    """The organisations (and the hub) the items come from, for the filter, by name."""
    named = {item.source: str(_("The national hub")) if item.source == HUB else item.organisation for item in items}
    return sorted(named.items(), key=lambda pair: pair[1].casefold())


# Sharing one's learning ----------------------------------------------------------------------------

def is_sharing(organisation) -> bool:
    return LibrarySharing.objects.filter(organisation=organisation, shared_since__isnull=False).exists()


def library_sharing_of(organisation) -> LibrarySharing | None:
    return LibrarySharing.objects.filter(organisation=organisation).select_related("changed_by").first()


@transaction.atomic
def set_library_sharing(organisation, share: bool, *, by) -> LibrarySharing:
    """Start or stop showing this organisation's published learning to every member organisation.
    Stopping takes it out of the library (and its feed) at once. No change, no audit entry."""
    row, _created = LibrarySharing.objects.select_for_update().get_or_create(organisation=organisation)
    if (row.shared_since is not None) == share:
        return row
    row.shared_since = timezone.now() if share else None
    row.changed_by, row.changed_at = by, timezone.now()
    row.save(update_fields=["shared_since", "changed_by", "changed_at"])
    if share:
        audit("library.share_start", actor=by, organisation_id=organisation.pk)
    else:
        audit("library.share_stop", actor=by, organisation_id=organisation.pk)
    return row


# Personal feed links ---------------------------------------------------------------------------------

FEED_LINK_PREFIX = "gcl_"  # marks a library feed link, as "gc_" marks an API token


def _feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_token_of(user) -> LibraryFeedToken | None:
    """The user's live feed link, if they made one."""
    return LibraryFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


@transaction.atomic
def create_feed_token(user) -> str:
    """A new personal feed link's token, shown once (only its hash is kept); the old link stops."""
    LibraryFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = FEED_LINK_PREFIX + secrets.token_urlsafe(32)
    row = LibraryFeedToken.objects.create(user=user, token_hash=_feed_token_hash(token), prefix=token[:8])
    audit("library.feed_token_create", actor=user, subject=f"library-feed-token:{row.pk}")
    return token


@transaction.atomic
def revoke_feed_token(user) -> bool:
    """Stop the user's feed link; False when there was none."""
    row = LibraryFeedToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
    if row is None:
        return False
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    audit("library.feed_token_revoke", actor=user, subject=f"library-feed-token:{row.pk}")
    return True


def reader_for_feed_token(token: str):
    """The active practitioner a live feed link belongs to, or None: a revoked, unknown or malformed
    link, a deactivated account, or someone who is no longer a member of any organisation."""
    if not token.startswith(FEED_LINK_PREFIX) or len(token) > 100:
        return None
    row = LibraryFeedToken.objects.select_related("user").filter(token_hash=_feed_token_hash(token),
                                                                  revoked_at__isnull=True).first()
    if row is None or not row.user.is_active or not is_reader(row.user):
        return None
    LibraryFeedToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user


# Publishing a supervision vignette ------------------------------------------------------------------

class VignetteRefused(Exception):
    """The gate still finds identifiers or small counts in the vignette: it is not published."""

    def __init__(self, findings: list[publishing.Finding]):
        super().__init__(f"{len(findings)} finding(s) stop this vignette being published")
        self.findings = findings


@dataclass(frozen=True)
class Candidate:
    """A final review, and its vignette in the library if there is one."""

    review_id: int
    title: str
    version: int
    finalised_at: datetime | None
    published: LibraryVignette | None


def vignette_candidates(organisation_id: int) -> list[Candidate]:
    published = {v.review_id: v for v in LibraryVignette.objects.filter(organisation_id=organisation_id,
                                                                         withdrawn_at__isnull=True)}
    return [Candidate(r.pk, r.title, r.version, r.finalised_at, published.get(r.pk))
            for r in reviews.final_reviews_of(organisation_id)]


def vignette_text(vignette: supervision.Vignette) -> str:
    """Everything a reader of the library would see of the vignette, for the gate."""
    pieces = [vignette.title] + [piece for s in vignette.sections for piece in (s.heading, s.text)]
    return "\n\n".join(piece for piece in pieces if piece)


def publish_vignette(access: OrgAccess, review_id: int, *, by) -> LibraryVignette:
    """Publish a final, intact review's vignette to the library, once learning's publishing gate
    passes it. Raises LookupError for a review that is not this organisation's or not final, and
    VignetteRefused (audited) when the gate finds something. Publishing twice returns the first."""
    organisation_id = access.organisation.pk
    review = reviews.review_in(organisation_id, review_id)
    if review is None or not review_lifecycle.intact(review):
        raise LookupError("No final review with that id")
    existing = LibraryVignette.objects.filter(review_id=review.pk, withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    vignette = supervision.from_review(review)
    text = vignette_text(vignette)
    findings = publishing.check_text(text, organisation_id=organisation_id) + publishing.small_counts(text)
    if findings:
        audit("library.vignette_refused", actor=by, organisation_id=organisation_id, subject=reviews.subject_for(review),
              detail={"findings": len(findings), "labels": sorted({f.label for f in findings})})
        raise VignetteRefused(findings)
    try:
        with transaction.atomic():
            made = LibraryVignette.objects.create(
                organisation_id=organisation_id, review_id=review.pk, title=vignette.title, source=vignette.source,
                sections=[{"heading": s.heading, "text": s.text} for s in vignette.sections], published_by=by)
            audit("library.vignette_publish", actor=by, organisation_id=organisation_id,
                  subject=reviews.subject_for(review), detail={"vignette": made.pk})
    except IntegrityError:  # published by someone else a moment ago
        return LibraryVignette.objects.get(review_id=review.pk, withdrawn_at__isnull=True)
    return made


@transaction.atomic
def withdraw_vignette(access: OrgAccess, review_id: int, *, by) -> bool:
    """Take a review's vignette out of the library; False when none was there."""
    vignette = (LibraryVignette.objects.select_for_update()
                .filter(organisation_id=access.organisation.pk, review_id=review_id, withdrawn_at__isnull=True).first())
    if vignette is None:
        return False
    vignette.withdrawn_at, vignette.withdrawn_by = timezone.now(), by
    vignette.save(update_fields=["withdrawn_at", "withdrawn_by"])
    review = reviews.review_in(access.organisation.pk, review_id)
    audit("library.vignette_withdraw", actor=by, organisation_id=access.organisation.pk,
          subject=reviews.subject_for(review) if review is not None else "", detail={"vignette": vignette.pk})
    return True
