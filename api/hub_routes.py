"""The national hub's endpoints, only in hub mode (GOODCATCH_MODE=hub); elsewhere they answer 404 like
any address that does not exist. Both are for registered sending instances, signed with their key.

- POST /api/v1/hub/feed: the signature is checked from the raw body before anything of it is parsed
  (sharing.hub.check_signed); the body is then validated here and handed to sharing.hub.receive,
  which stores each report once.
- GET /api/v1/hub/library: the hub's published learning (sharing.hub_library), which each instance
  fetches for its own library."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import Field

from sharing import hub, hub_library

router = Router(tags=["hub"])

_TEXT_MAX = 2 * settings.REPORT_TEXT_MAX_CHARS  # a redacted text can run a little longer than its original
_Code = Field(max_length=200)


class FeedOrganisationIn(Schema):
    slug: str = Field(min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")
    name: str = Field(default="", max_length=200)
    region: str = Field(default="", max_length=20)
    sector: str = Field(default="", max_length=20)


class FeedItemIn(Schema):
    public_id: str = Field(min_length=8, max_length=32, pattern=r"^[-a-zA-Z0-9_]+$")
    withdrawn: bool = False
    organisation: FeedOrganisationIn
    kind: str = Field(max_length=20)
    service_area: str = Field(default="", max_length=30)
    stage: str = Field(default="", max_length=30)
    agencies: list[str] = Field(default_factory=list, max_length=50)
    period: str = Field(max_length=7)
    potential_harm: int = Field(default=0, ge=0, le=10)
    what_happened: str = Field(default="", max_length=_TEXT_MAX)
    potential_harm_text: str = Field(default="", max_length=_TEXT_MAX)
    how_noticed: str = Field(default="", max_length=_TEXT_MAX)
    what_would_help: str = Field(default="", max_length=_TEXT_MAX)
    factor_codes: list[str] = Field(default_factory=list, max_length=200)
    error_types: list[str] = Field(default_factory=list, max_length=200)
    risk_band: str = Field(default="", max_length=20)
    actual_harm: int | None = Field(default=None, ge=0, le=10)
    themes: list[str] = Field(default_factory=list, max_length=100)


class FeedFactorCountIn(Schema):
    period: str = Field(max_length=7)
    code: str = Field(min_length=1, max_length=100)
    reports: int = Field(ge=0)


class FeedAggregatesIn(Schema):
    organisation: FeedOrganisationIn
    factors: list[FeedFactorCountIn] = Field(max_length=20000)


class FeedIn(Schema):
    instance: str = Field(max_length=50)
    items: list[FeedItemIn] = Field(max_length=1000)
    aggregates: list[FeedAggregatesIn] = Field(default_factory=list, max_length=100)


class FeedResultOut(Schema):
    public_id: str
    result: str  # stored, updated, withdrawn, unchanged, or refused (with a reason)
    reason: str = ""


class FeedOut(Schema):
    instance: str
    results: list[FeedResultOut]
    aggregates: int = 0  # how many organisations' coded aggregates were taken


class DetailOut(Schema):
    detail: str


def _refuse(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def hub_only_signed(run):
    """Before the body is parsed: 404 unless this is the hub; 413 for a body over
    GOODCATCH_HUB_FEED_MAX_BYTES; 401/403 unless a registered, unrevoked key signed it just now."""

    @functools.wraps(run)
    def checked(request: HttpRequest, *args, **kwargs):
        if not hub.is_hub():
            return _refuse(404, "Not Found")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.GOODCATCH_HUB_FEED_MAX_BYTES:
            return _refuse(413, f"A feed body takes at most {settings.GOODCATCH_HUB_FEED_MAX_BYTES} bytes "
                                "(GOODCATCH_HUB_FEED_MAX_BYTES); send smaller batches")
        try:
            request.hub_sender = hub.check_signed(method=request.method, path=request.path, headers=request.headers,
                                                  body=request.body)
        except RequestDataTooBig:  # no length was given, and the body ran past the limit while read
            return _refuse(413, f"A feed body takes at most {settings.GOODCATCH_HUB_FEED_MAX_BYTES} bytes")
        except hub.FeedRefused as refused:
            return _refuse(refused.status, refused.message)
        return run(request, *args, **kwargs)

    return checked


_ERRORS = {
    401: {"description": "Not signed, signed by a key this hub does not know, a signature that does not match, "
                         "or a timestamp more than GOODCATCH_HUB_CLOCK_SKEW_SECONDS from the hub's clock"},
    403: {"description": "Signed by a key the hub has revoked (the refusal is audited)"},
    404: {"description": "This instance is not a hub (GOODCATCH_MODE=local)"},
    413: {"description": "The body is larger than GOODCATCH_HUB_FEED_MAX_BYTES"},
}


@router.post("/feed", response={200: FeedOut, 400: DetailOut, 401: DetailOut, 403: DetailOut, 404: DetailOut,
                                413: DetailOut}, auth=None, summary="Receive a sending instance's feed (hub only)",
             openapi_extra={"responses": _ERRORS})
@decorate_view(hub_only_signed)
def hub_feed(request, payload: FeedIn):
    """Store each cleared report once (by its origin and public id), apply withdrawals, and answer
    for each report what was done with it; the sender marks as sent only what is answered for.
    A feed sent again stores nothing new. Coded aggregates, if sent, replace the organisation's."""
    sender = request.hub_sender
    if payload.instance != sender.instance:
        return Status(400, {"detail": "The body names another instance than the signed headers"})
    receipt = hub.receive(sender, [item.dict() for item in payload.items]) if payload.items else hub.FeedReceipt()
    aggregates = hub.receive_aggregates(sender, [entry.dict() for entry in payload.aggregates])
    return Status(200, {"instance": sender.instance, "results": receipt.results, "aggregates": aggregates})


class LibraryEntryOut(Schema):
    heading: str
    text: str
    count: str = ""


class LibrarySectionOut(Schema):
    heading: str
    entries: list[LibraryEntryOut]


class LibraryItemOut(Schema):
    kind: str  # bulletin, you-said-we-did or vignette
    key: str
    title: str
    summary: str
    organisation: str
    published_at: str  # ISO 8601, with its offset
    period: str = ""
    bulletin_key: str = ""  # a "you said, we did": the bulletin it belongs to
    bulletin_title: str = ""
    sections: list[LibrarySectionOut]


class LibraryOut(Schema):
    items: list[LibraryItemOut]


@router.get("/library", response={200: LibraryOut, 401: DetailOut, 403: DetailOut, 404: DetailOut},
            auth=None, summary="The hub's published learning, for sending instances' libraries (hub only)",
            openapi_extra={"responses": {status: text for status, text in _ERRORS.items() if status != 413}})
@decorate_view(hub_only_signed)
def hub_library_items(request):
    """Every bulletin, "you said, we did" and supervision vignette the hub has published, newest first,
    with its full text as it passed the publishing gate. A sending instance replaces its copy with it."""
    return Status(200, {"items": hub_library.served()})
