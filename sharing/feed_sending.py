"""Sending a local instance's feed to the national hub: the outbox's sweep, what leaves, and the
signed batches, sent in the order noted and marked done only when the hub acknowledges them.

An instance sends when GOODCATCH_HUB_URL and GOODCATCH_INSTANCE_NAME are set and it has a signing key
(`manage.py hub_keys generate`). Clearance calls `sharing.feeds.note_change()` when a shared report is
cleared, changed or withdrawn; the sweep (`note_missing()`, run before every send) notes any it did
not, so nothing depends on that call being made.

Each item is acknowledged on its own rather than by "everything up to id N": an item whose clearance
committed late can carry a lower id than one already acknowledged, and a bare high-water mark would
skip it. FeedCursor keeps the high-water mark for people, and the retry state: after a failure the
next try waits GOODCATCH_HUB_FEED_BACKOFF_SECONDS, doubling each time up to BACKOFF_MAX_SECONDS.
Nothing is marked sent until the hub answers, and the hub stores each report once, so a hub that is
down, or an answer lost on the way back, costs a resend, never a loss or a second copy.

What leaves: the shareable copy's fields, its public id, and the sending organisation's slug, name,
region band and sector. Never an internal id, a sealed value, a person, or an exact time.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core import workers
from protection.audit import audit
from sharing import feed_signing as signing
from sharing.models import FeedCursor, FeedItem, SharedReport

logger = logging.getLogger(__name__)

FEED_PATH = "/api/v1/hub/feed"
# The shareable copy's fields that leave, besides its public id; nothing else on the row does.
SENT_FIELDS = ("kind", "service_area", "stage", "agencies", "period", "potential_harm", "what_happened",
               "potential_harm_text", "how_noticed", "what_would_help", "factor_codes", "error_types", "risk_band",
               "actual_harm", "themes")


def sending_enabled() -> bool:
    return (settings.GOODCATCH_MODE == "local" and bool(settings.GOODCATCH_HUB_URL)
            and bool(settings.GOODCATCH_INSTANCE_NAME) and signing.key_file().exists())


def note_missing() -> int:
    """Note every local shared report the hub has not been told about in its present state: never
    noted, or withdrawn without a withdrawal noted. Returns how many were noted."""
    noted = FeedItem.objects.filter(shared_report=OuterRef("pk"))
    local = SharedReport.objects.filter(origin="")
    never = local.filter(~Exists(noted))
    withdrawn = local.filter(withdrawn_at__isnull=False).filter(~Exists(noted.filter(withdrawn=True)))
    missing = [FeedItem(shared_report_id=pk, withdrawn=is_withdrawn) for pk, is_withdrawn in sorted(
        {(pk, False) for pk in never.filter(withdrawn_at__isnull=True).values_list("pk", flat=True)}
        | {(pk, True) for pk in withdrawn.values_list("pk", flat=True)})]
    FeedItem.objects.bulk_create(missing)
    return len(missing)


def payload_for(report: SharedReport) -> dict:
    """One report as it leaves: its shareable fields and public id, and its organisation's public face."""
    return {"public_id": report.public_id, "withdrawn": report.is_withdrawn, "organisation": _face(report.organisation),
            **{name: getattr(report, name) for name in SENT_FIELDS}}


def _face(organisation) -> dict:
    """What the hub learns of a sending organisation: what names it in public, and its bands."""
    return {"slug": organisation.slug, "name": organisation.name, "region": organisation.region,
            "sector": organisation.sector}


def _body(instance: str, items: list[dict]) -> bytes:
    return json.dumps({"instance": instance, "items": items}, ensure_ascii=False, separators=(",", ":")).encode()


class FeedFailed(Exception):
    """The hub could not be reached, or did not acknowledge the batch."""


def post(body: bytes, *, hub_url: str | None = None, key=None, instance: str | None = None,
         timestamp: int | None = None) -> dict:
    """Send one signed batch; the hub's answer, or FeedFailed."""
    answer = signed_request("POST", FEED_PATH, body, hub_url=hub_url, key=key, instance=instance, timestamp=timestamp)
    if not isinstance(answer.get("results"), list):
        raise FeedFailed("The hub's answer did not list what it acknowledged")
    return answer


def signed_request(method: str, api_path: str, body: bytes = b"", *, hub_url: str | None = None, key=None,
                   instance: str | None = None, timestamp: int | None = None, answer_limit: int = 1_000_000) -> dict:
    """One request to the hub, signed with this instance's key; the hub's JSON answer (an object), or
    FeedFailed: the hub unreachable, an answer other than 200, or one that is not a JSON object within
    `answer_limit` bytes."""
    hub_url = hub_url or settings.GOODCATCH_HUB_URL
    parts = urlsplit(hub_url)
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and (local or settings.DEMO))):
        raise FeedFailed(f"GOODCATCH_HUB_URL must be an https:// address, not {hub_url!r}")
    path = parts.path.rstrip("/") + api_path
    key = key or signing.load_private_key()
    headers = signing.sign(key, instance=instance or settings.GOODCATCH_INSTANCE_NAME, method=method, path=path,
                           timestamp=int(time.time()) if timestamp is None else timestamp, body=body).as_dict()
    if body:
        headers["Content-Type"] = "application/json"
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=settings.GOODCATCH_HUB_TIMEOUT_SECONDS)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        raw = response.read(answer_limit + 1)
    except (OSError, http.client.HTTPException) as error:
        raise FeedFailed(f"The hub could not be reached: {error}") from error
    finally:
        connection.close()
    text = raw.decode("utf-8", "replace")
    if response.status != 200:
        raise FeedFailed(f"The hub answered {response.status}: {text[:200]}")
    if len(raw) > answer_limit:
        raise FeedFailed(f"The hub's answer is larger than {answer_limit} bytes")
    try:
        answer = json.loads(text)
    except ValueError:
        raise FeedFailed("The hub's answer was not JSON") from None
    if not isinstance(answer, dict):
        raise FeedFailed("The hub's answer was not a JSON object")
    return answer


@dataclass
class SendResult:
    outcome: str  # "sent", "nothing", "waiting" (backing off), "failed", "busy", "off"
    acknowledged: int = 0
    refused: list[dict] = field(default_factory=list)
    error: str = ""


def backoff(failures: int) -> timedelta:
    seconds = settings.GOODCATCH_HUB_FEED_BACKOFF_SECONDS * 2 ** max(0, failures - 1)
    return timedelta(seconds=min(seconds, settings.GOODCATCH_HUB_FEED_BACKOFF_MAX_SECONDS))


def send_due(*, now: datetime | None = None) -> SendResult:
    """Send everything not yet acknowledged, batch after batch, unless backing off after a failure."""
    if not sending_enabled():
        return SendResult("off")
    with workers.claimed("sharing:hub-feed") as mine:
        if not mine:
            return SendResult("busy")  # another worker is sending right now
        now = now or timezone.now()
        cursor, _created = FeedCursor.objects.get_or_create(hub_url=settings.GOODCATCH_HUB_URL)
        if cursor.next_attempt_at is not None and cursor.next_attempt_at > now:
            return SendResult("waiting")
        note_missing()
        key = signing.load_private_key()
        result = SendResult("nothing")
        for _batch in range(settings.GOODCATCH_HUB_FEED_MAX_BATCHES_PER_RUN):
            items = list(FeedItem.objects.filter(acknowledged_at__isnull=True).order_by("pk")
                         .select_related("shared_report__organisation")[:settings.GOODCATCH_HUB_FEED_BATCH])
            if not items:
                break
            batch, body = fit_batch(items)
            if not batch:
                continue
            try:
                answer = post(body, key=key)
            except FeedFailed as error:
                _failed(cursor, str(error), now)
                return SendResult("failed", result.acknowledged, result.refused, str(error))
            acknowledged, refused = _acknowledge(cursor, batch, answer, now)
            if not acknowledged:
                _failed(cursor, "The hub acknowledged nothing of the batch", now)
                return SendResult("failed", result.acknowledged, result.refused, cursor.last_error)
            result.outcome, result.acknowledged = "sent", result.acknowledged + acknowledged
            result.refused += refused
        else:
            return result  # more is waiting: the next run goes on, and the aggregates follow the reports
        try:
            if _send_aggregates(cursor, key):
                result.outcome = "sent"
        except FeedFailed as error:
            _failed(cursor, str(error), now)
            return SendResult("failed", result.acknowledged, result.refused, str(error))
        return result


def fit_batch(items: list[FeedItem]) -> tuple[list[FeedItem], bytes]:
    """The longest run of items, from the first, whose body fits GOODCATCH_HUB_FEED_MAX_BYTES (a report
    noted twice goes once, in its present state). An item too big on its own is set aside, logged, so
    that it never blocks the rest."""
    limit = settings.GOODCATCH_HUB_FEED_MAX_BYTES
    instance = settings.GOODCATCH_INSTANCE_NAME
    batch: list[FeedItem] = []
    payloads: dict[int, dict] = {}
    size = len(_body(instance, []))
    for item in items:
        if item.shared_report_id not in payloads:
            payload = payload_for(item.shared_report)
            grows = len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()) + 1
            if size + grows > limit:
                if batch:
                    break
                logger.error("Shared report %s is larger than GOODCATCH_HUB_FEED_MAX_BYTES on its own; it is not "
                             "sent", item.shared_report.public_id)
                FeedItem.objects.filter(shared_report_id=item.shared_report_id).update(acknowledged_at=timezone.now())
                continue
            payloads[item.shared_report_id], size = payload, size + grows
        batch.append(item)
    return batch, _body(instance, list(payloads.values()))


def _acknowledge(cursor: FeedCursor, batch: list[FeedItem], answer: dict, now: datetime) -> tuple[int, list[dict]]:
    """Mark done the items whose reports the hub answered for, move the cursor, audit what left."""
    answered = {entry.get("public_id"): entry for entry in answer["results"] if isinstance(entry, dict)}
    done = [item for item in batch if item.shared_report.public_id in answered]
    refused = [answered[pid] for pid in dict.fromkeys(item.shared_report.public_id for item in done)
               if answered[pid].get("result") == "refused"]
    if not done:
        return 0, refused
    with transaction.atomic():
        FeedItem.objects.filter(pk__in=[item.pk for item in done]).update(acknowledged_at=now)
        cursor.last_acknowledged_item = max(cursor.last_acknowledged_item, max(item.pk for item in done))
        cursor.acknowledged_count += len(done)
        cursor.last_acknowledged_at, cursor.failures, cursor.next_attempt_at = now, 0, None
        cursor.last_error = (f"The hub refused {len(refused)} report(s): "
                             + ", ".join(sorted({str(r.get('reason', '')) for r in refused})))[:300] if refused else ""
        cursor.save()
        by_organisation: dict[int, list[FeedItem]] = {}
        for item in done:
            by_organisation.setdefault(item.shared_report.organisation_id, []).append(item)
        host = urlsplit(cursor.hub_url).hostname or cursor.hub_url
        for organisation_id, items in by_organisation.items():
            sent = list(dict.fromkeys(item.shared_report.public_id for item in items))
            audit("sharing.feed_sent", actor="system", organisation_id=organisation_id, detail={
                "hub": host, "reports": len(sent), "public_ids": sent[:200],
                "withdrawn": sum(1 for item in items if item.shared_report.is_withdrawn)})
    for entry in refused:
        logger.warning("The hub refused shared report %s: %s", entry.get("public_id"), entry.get("reason"))
    return len(done), refused


def _failed(cursor: FeedCursor, error: str, now: datetime) -> None:
    cursor.failures += 1
    cursor.next_attempt_at = now + backoff(cursor.failures)
    cursor.last_error = error[:300]
    cursor.save(update_fields=["failures", "next_attempt_at", "last_error"])
    logger.warning("The hub feed failed (%s in a row; next try at %s): %s", cursor.failures,
                   cursor.next_attempt_at.isoformat(), error)


# Coded aggregates: how many of each sharing organisation's coded reports, cleared or not, had each
# contributing factor, per quarter of submission. Sent whole, after the reports, whenever they change;
# the hub replaces what it held for the organisation. Small numbers are suppressed where figures are
# published (open data), not here: the hub must be able to add them up.

def coded_aggregates() -> list[tuple[int, dict]]:
    """Per organisation that shares (has a shareable copy cleared here): its id (which stays here), and
    what is sent: its public face, and (quarter, factor key, reports) for every quarter since its first
    report."""
    from coding.aggregates import factor_failure_counts
    from organisations.services import organisations_with_ids
    from reporting.services import reports_for_organisation

    sharing = SharedReport.objects.filter(origin="").values_list("organisation_id", flat=True).distinct()
    aggregates = []
    for organisation in organisations_with_ids(set(sharing)):
        reports = reports_for_organisation(organisation)
        first = reports.order_by("submitted_at").values_list("submitted_at", flat=True).first()
        counts: dict[tuple[str, str], int] = {}
        for period, start, end in _quarters(first, timezone.now()) if first else []:
            for key, _name, _failure, number in factor_failure_counts(
                    organisation, reports.filter(submitted_at__gte=start, submitted_at__lt=end)):
                counts[(period, key)] = counts.get((period, key), 0) + number
        aggregates.append((organisation.pk, {"organisation": _face(organisation), "factors": [
            {"period": period, "code": key, "reports": number} for (period, key), number in sorted(counts.items())]}))
    return aggregates


def _quarters(since: datetime, until: datetime):
    """("2026-Q3", its first moment, the next quarter's first moment), from `since`'s quarter to `until`'s."""
    local = timezone.localtime(since)
    year, quarter = local.year, (local.month - 1) // 3
    last = timezone.localtime(until)
    while (year, quarter) <= (last.year, (last.month - 1) // 3):
        following = (year + (quarter == 3), (quarter + 1) % 4)
        yield (f"{year}-Q{quarter + 1}", timezone.make_aware(datetime(year, 3 * quarter + 1, 1)),
               timezone.make_aware(datetime(following[0], 3 * following[1] + 1, 1)))
        year, quarter = following


def _send_aggregates(cursor: FeedCursor, key) -> bool:
    """Send the coded aggregates, one request per organisation, if they changed since the hub last
    acknowledged them all (resending one the hub already has replaces it with the same)."""
    by_organisation = coded_aggregates()
    if not by_organisation:
        return False
    instance = settings.GOODCATCH_INSTANCE_NAME
    digest = hashlib.sha256(json.dumps([entry for _pk, entry in by_organisation], sort_keys=True).encode()).hexdigest()
    if digest == cursor.aggregates_sha256:
        return False
    host = urlsplit(cursor.hub_url).hostname or cursor.hub_url
    for organisation_id, entry in by_organisation:
        body = json.dumps({"instance": instance, "items": [], "aggregates": [entry]}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        if post(body, key=key).get("aggregates") != 1:
            raise FeedFailed("The hub did not acknowledge the coded aggregates")
        audit("sharing.feed_sent", actor="system", organisation_id=organisation_id,
              detail={"hub": host, "aggregates": len(entry["factors"])})
    cursor.aggregates_sha256, cursor.failures, cursor.next_attempt_at, cursor.last_error = digest, 0, None, ""
    cursor.save(update_fields=["aggregates_sha256", "failures", "next_attempt_at", "last_error"])
    return True
