"""Fixtures shared by sharing's tests."""

from __future__ import annotations

import pytest

from sharing import feed_signing


@pytest.fixture
def sending(tmp_path, settings):
    """This instance sends to a hub: a hub address, an instance name and a signing key of its own."""
    settings.GOODCATCH_HUB_SIGNING_KEY_FILE = str(tmp_path / "hub.pem")
    feed_signing.generate_private_key()
    settings.GOODCATCH_HUB_URL = "https://hub.example.invalid"
    settings.GOODCATCH_INSTANCE_NAME = "north"
