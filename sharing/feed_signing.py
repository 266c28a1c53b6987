"""How a feed request is signed and checked: Ed25519, a key per sending instance.

The signature covers the method, the path, a timestamp and the SHA-256 of the body, so a captured
request cannot be pointed at another path, changed, or replayed after the clock window
(settings.GOODCATCH_HUB_CLOCK_SKEW_SECONDS). A replay inside the window is harmless: the hub stores
each report once. The sender's private key lives in a file only it reads; the hub keeps public keys.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

INSTANCE_HEADER = "X-GoodCatch-Instance"
KEY_ID_HEADER = "X-GoodCatch-Key-Id"
TIMESTAMP_HEADER = "X-GoodCatch-Timestamp"
SIGNATURE_HEADER = "X-GoodCatch-Signature"
_VERSION = "goodcatch-feed-v1"


class BadPublicKey(ValueError):
    """The text given is not a base64 Ed25519 public key."""


def message(method: str, path: str, timestamp: str, body: bytes) -> bytes:
    """What is signed: one line each, so no field can run into the next."""
    return "\n".join([_VERSION, method.upper(), path, timestamp, hashlib.sha256(body).hexdigest()]).encode()


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:32]


def public_key_text(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def parse_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise BadPublicKey("The public key is not base64 text") from None
    if len(raw) != 32:
        raise BadPublicKey(f"An Ed25519 public key is 32 bytes; this one is {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def key_file() -> Path:
    return Path(settings.GOODCATCH_HUB_SIGNING_KEY_FILE)


def load_private_key(path: Path | None = None) -> Ed25519PrivateKey | None:
    """This instance's signing key, or None when it has none (it then sends nothing)."""
    path = path or key_file()
    if not path.exists():
        return None
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def generate_private_key(path: Path | None = None) -> Ed25519PrivateKey:
    """Make a new key and write it readable by this user only; the caller decides about an old one."""
    path = path or key_file()
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    temporary.replace(path)
    return key


@dataclass(frozen=True)
class SignedHeaders:
    instance: str
    key_id: str
    timestamp: str
    signature: str

    def as_dict(self) -> dict[str, str]:
        return {INSTANCE_HEADER: self.instance, KEY_ID_HEADER: self.key_id, TIMESTAMP_HEADER: self.timestamp,
                SIGNATURE_HEADER: self.signature}


def sign(key: Ed25519PrivateKey, *, instance: str, method: str, path: str, timestamp: int, body: bytes) -> SignedHeaders:
    signature = key.sign(message(method, path, str(timestamp), body))
    return SignedHeaders(instance, key_id(key.public_key()), str(timestamp), base64.b64encode(signature).decode())


def verify(public_key: Ed25519PublicKey, signature: str, *, method: str, path: str, timestamp: str, body: bytes) -> bool:
    try:
        raw = base64.b64decode(signature, validate=True)
        public_key.verify(raw, message(method, path, timestamp, body))
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
