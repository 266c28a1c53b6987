"""Keys, registered senders and signed feed requests for the hub's tests."""

from __future__ import annotations

import json
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sharing import feed_signing as signing
from sharing import hub

FEED = "/api/v1/hub/feed"


def registered_sender(instance: str = "north") -> Ed25519PrivateKey:
    """A new key, registered at the hub (this database) for `instance`."""
    key = Ed25519PrivateKey.generate()
    hub.add_sender(instance, signing.public_key_text(key.public_key()))
    return key


def feed_item(public_id: str = "a1b2c3d4e5f60718", *, slug: str = "north-council", withdrawn: bool = False,
              **fields) -> dict:
    values = {"public_id": public_id, "withdrawn": withdrawn,
              "organisation": {"slug": slug, "name": "North Borough Council", "region": "north_west",
                               "sector": "social_care"},
              "kind": "near_miss", "service_area": "children", "stage": "referral", "agencies": ["health"],
              "period": "2026-Q3", "potential_harm": 3,
              "what_happened": "A referral from the school sat in the shared inbox for three days during leave.",
              "potential_harm_text": "", "how_noticed": "", "what_would_help": "A second person on the inbox.",
              "factor_codes": ["workload"], "error_types": [], "risk_band": "moderate", "actual_harm": None,
              "themes": ["Inbox cover"]}
    values.update(fields)
    return values


def body_of(items: list[dict], instance: str = "north") -> bytes:
    return json.dumps({"instance": instance, "items": items}).encode()


def signed_headers(key: Ed25519PrivateKey, body: bytes, *, instance: str = "north", path: str = FEED,
                   timestamp: int | None = None) -> dict[str, str]:
    return signing.sign(key, instance=instance, method="POST", path=path,
                        timestamp=int(time.time()) if timestamp is None else timestamp, body=body).as_dict()


def post_feed(client, key: Ed25519PrivateKey, items: list[dict], *, instance: str = "north",
              timestamp: int | None = None, body: bytes | None = None):
    body = body_of(items, instance) if body is None else body
    return client.post(FEED, data=body, content_type="application/json",
                       headers=signed_headers(key, body, instance=instance, timestamp=timestamp))
