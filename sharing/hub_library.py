"""The national hub's published learning, in every local instance's library.

At the hub, `served()` is what it publishes: the published learning (bulletins, their "you said, we did"
items, and supervision vignettes) of its national organisation and of any hub organisation that shares
its learning, each of which has already passed learning's publishing gate. GET /api/v1/hub/library
serves it to registered senders only, signed as the feed is.

An instance that sends to a hub fetches it (`fetch_due`, a periodic task) and keeps a copy
(HubLearningItem), replaced whole at each fetch: the library then shows national learning to every
member with no account at the hub, and what the hub withdraws goes at the next fetch. A hub that is
down leaves the last copy in place, and is tried again after the feed's backoff. Whatever the hub
answers is checked item by item: a malformed item is left out and logged, never shown.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core import workers
from sharing import feed_sending, library, national
from sharing.models import HubLearningItem, HubLibraryFetch

logger = logging.getLogger(__name__)

LIBRARY_PATH = "/api/v1/hub/library"
ANSWER_LIMIT = 20_000_000  # bytes: some hundreds of bulletins
MAX_ITEMS = 2000
_KEY = re.compile(r"^[-a-zA-Z0-9_]{1,50}$")


# At the hub ------------------------------------------------------------------------------------------

def served() -> list[dict]:
    """The hub's published learning as it leaves: newest first."""
    ids = {national.national_organisation().pk} | library.sharing_organisation_ids()
    return [payload_of(item) for item in library.items_in(ids) if item.source != library.HUB][:MAX_ITEMS]


def payload_of(item: library.LibraryItem) -> dict:
    return {"kind": item.kind, "key": item.key, "title": item.title, "summary": item.summary,
            "organisation": item.organisation, "published_at": item.published_at.isoformat(), "period": item.period,
            "bulletin_key": item.bulletin_key, "bulletin_title": item.bulletin_title,
            "sections": [{"heading": section.heading, "entries": [
                {"heading": entry.heading, "text": entry.text, "count": entry.count} for entry in section.entries]}
                for section in item.sections]}


# At an instance that sends to the hub ----------------------------------------------------------------

@dataclass
class FetchResult:
    outcome: str  # "fetched", "waiting" (backing off), "failed", "busy", "off"
    items: int = 0
    left_out: int = 0
    error: str = ""


def fetch_due(*, now: datetime | None = None) -> FetchResult:
    """Fetch the hub's published learning and replace the local copy, unless backing off after a failure."""
    if not feed_sending.sending_enabled():
        return FetchResult("off")
    with workers.claimed("sharing:hub-library") as mine:
        if not mine:
            return FetchResult("busy")
        now = now or timezone.now()
        state, _created = HubLibraryFetch.objects.get_or_create(hub_url=settings.GOODCATCH_HUB_URL)
        if state.next_attempt_at is not None and state.next_attempt_at > now:
            return FetchResult("waiting")
        try:
            answer = feed_sending.signed_request("GET", LIBRARY_PATH, answer_limit=ANSWER_LIMIT)
            entries = answer.get("items")
            if not isinstance(entries, list):
                raise feed_sending.FeedFailed("The hub's answer did not list its published learning")
        except feed_sending.FeedFailed as error:
            state.failures += 1
            state.next_attempt_at = now + feed_sending.backoff(state.failures)
            state.last_error = str(error)[:300]
            state.save(update_fields=["failures", "next_attempt_at", "last_error"])
            logger.warning("Fetching the hub's learning failed (%s in a row; next try at %s): %s", state.failures,
                           state.next_attempt_at.isoformat(), error)
            return FetchResult("failed", error=str(error))
        rows = store(entries[:MAX_ITEMS], now=now)
        state.fetched_at, state.items, state.failures, state.next_attempt_at, state.last_error = now, len(rows), 0, None, ""
        state.save()
        return FetchResult("fetched", len(rows), len(entries) - len(rows))


@transaction.atomic
def store(entries: list, *, now: datetime | None = None) -> list[HubLearningItem]:
    """Replace the local copy of the hub's learning with these entries, leaving out (and logging) any
    that is malformed, and the second of two with one kind and key."""
    rows: dict[tuple[str, str], HubLearningItem] = {}
    for entry in entries:
        row = _row(entry, now or timezone.now())
        if row is None:
            logger.warning("The hub served a malformed learning item; it is left out: %.200r", entry)
        elif (row.kind, row.key) not in rows:
            rows[(row.kind, row.key)] = row
    HubLearningItem.objects.all().delete()
    return HubLearningItem.objects.bulk_create(rows.values())


def _text(value, limit: int, *, required: bool = False) -> str | None:
    """The value when it is text within `limit` characters (and not empty, when required), else None."""
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        return None
    return value


def _row(entry, now: datetime) -> HubLearningItem | None:
    if not isinstance(entry, dict) or entry.get("kind") not in library.KINDS:
        return None
    key, bulletin_key = _text(entry.get("key"), 50), _text(entry.get("bulletin_key", ""), 50)
    if key is None or not _KEY.match(key) or bulletin_key is None or (bulletin_key and not _KEY.match(bulletin_key)):
        return None
    published_at = parse_datetime(entry["published_at"]) if isinstance(entry.get("published_at"), str) else None
    if published_at is None or timezone.is_naive(published_at):
        return None
    fields = {"title": _text(entry.get("title"), 200, required=True), "summary": _text(entry.get("summary", ""), 2000),
              "organisation": _text(entry.get("organisation"), 200, required=True),
              "period": _text(entry.get("period", ""), 100), "bulletin_title": _text(entry.get("bulletin_title", ""), 200)}
    sections = _sections(entry.get("sections", []))
    if sections is None or any(value is None for value in fields.values()):
        return None
    return HubLearningItem(kind=entry["kind"], key=key, bulletin_key=bulletin_key, published_at=published_at,
                           sections=sections, fetched_at=now, **fields)


def _sections(value) -> list[dict] | None:
    if not isinstance(value, list) or len(value) > 100:
        return None
    sections = []
    for section in value:
        if not isinstance(section, dict) or not isinstance(section.get("entries", []), list):
            return None
        heading = _text(section.get("heading", ""), 500)
        entries = [(_text(e.get("heading", ""), 500), _text(e.get("text", ""), 20_000), _text(e.get("count", ""), 50))
                   if isinstance(e, dict) else (None,) for e in section.get("entries", [])[:500]]
        if heading is None or any(part is None for parts in entries for part in parts):
            return None
        sections.append({"heading": heading, "entries": [{"heading": h, "text": t, "count": c} for h, t, c in entries]})
    return sections
