"""A feed is signed with the sending instance's Ed25519 key and checked against the key the hub holds."""

from __future__ import annotations

import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from sharing import feed_signing as signing
from sharing import hub
from sharing.models import HubSenderKey


def test_a_signature_verifies_only_for_the_same_method_path_time_and_body():
    key = Ed25519PrivateKey.generate()
    signed = signing.sign(key, instance="north", method="POST", path="/api/v1/hub/feed", timestamp=1700000000,
                          body=b'{"items":[]}')
    public = signing.parse_public_key(signing.public_key_text(key.public_key()))
    check = {"method": "POST", "path": "/api/v1/hub/feed", "timestamp": "1700000000", "body": b'{"items":[]}'}
    assert signing.verify(public, signed.signature, **check)
    assert not signing.verify(public, signed.signature, **{**check, "body": b'{"items":[{}]}'})
    assert not signing.verify(public, signed.signature, **{**check, "path": "/api/v1/hub/other"})
    assert not signing.verify(public, signed.signature, **{**check, "timestamp": "1700000001"})
    assert not signing.verify(public, "not base64!", **check)
    other = Ed25519PrivateKey.generate().public_key()
    assert not signing.verify(other, signed.signature, **check)
    assert signed.key_id == signing.key_id(key.public_key()) and len(signed.key_id) == 32


def test_hub_keys_generate_writes_a_private_key_only_its_owner_reads_and_prints_the_public_key(tmp_path, settings,
                                                                                              capsys):
    settings.GOODCATCH_HUB_SIGNING_KEY_FILE = str(tmp_path / "keys" / "hub.pem")
    settings.GOODCATCH_INSTANCE_NAME = "north"
    call_command("hub_keys", "generate")
    out = capsys.readouterr().out
    key = signing.load_private_key()
    public = signing.public_key_text(key.public_key())
    assert f"public key: {public}" in out
    assert f"manage.py hub_senders add --name north --public-key {public}" in out
    assert stat.S_IMODE(os.stat(tmp_path / "keys" / "hub.pem").st_mode) == 0o600
    assert "PRIVATE KEY" not in out

    with pytest.raises(CommandError, match="already exists"):
        call_command("hub_keys", "generate")
    call_command("hub_keys", "show")
    assert public in capsys.readouterr().out
    call_command("hub_keys", "generate", "--replace")
    assert signing.public_key_text(signing.load_private_key().public_key()) != public


def test_the_hub_operator_adds_lists_and_revokes_senders(db, capsys):
    first, second = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    call_command("hub_senders", "add", "--name", "north", "--public-key", signing.public_key_text(first.public_key()))
    call_command("hub_senders", "add", "--name", "north", "--public-key", signing.public_key_text(second.public_key()))
    with pytest.raises(CommandError, match="already registered"):
        call_command("hub_senders", "add", "--name", "south", "--public-key",
                     signing.public_key_text(first.public_key()))
    with pytest.raises(CommandError, match="32 bytes"):
        call_command("hub_senders", "add", "--name", "south", "--public-key", "c2hvcnQ=")
    with pytest.raises(CommandError, match="instance name"):
        call_command("hub_senders", "add", "--name", "North Council", "--public-key",
                     signing.public_key_text(Ed25519PrivateKey.generate().public_key()))

    call_command("hub_senders", "revoke", "--key-id", signing.key_id(first.public_key()))
    capsys.readouterr()
    call_command("hub_senders", "list")
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2
    assert sum("revoked" in line for line in listed) == 1 and sum("current" in line for line in listed) == 1

    call_command("hub_senders", "revoke", "--name", "north")
    assert HubSenderKey.objects.filter(revoked_at__isnull=True).count() == 0
    with pytest.raises(CommandError, match="nothing was revoked"):
        call_command("hub_senders", "revoke", "--name", "north")
    assert [k.instance for k in hub.senders()] == ["north", "north"]
