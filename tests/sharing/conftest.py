"""Fixtures shared by sharing's tests."""

from __future__ import annotations

import pytest

from sharing import feed_signing
from tests.sharing.factories_hub import LiveHub


@pytest.fixture
def sending(tmp_path, settings):
    """This instance sends to a hub: a hub address, an instance name and a signing key of its own."""
    settings.GOODCATCH_HUB_SIGNING_KEY_FILE = str(tmp_path / "hub.pem")
    feed_signing.generate_private_key()
    settings.GOODCATCH_HUB_URL = "https://hub.example.invalid"
    settings.GOODCATCH_INSTANCE_NAME = "north"


@pytest.fixture
def hub_mode(settings):
    """This instance is the national hub (GOODCATCH_MODE=hub)."""
    settings.GOODCATCH_MODE = "hub"


@pytest.fixture(scope="session")
def hub_template(tmp_path_factory):
    """A migrated hub database, made once and copied for each test that runs a live hub."""
    directory = tmp_path_factory.mktemp("hub-template")
    LiveHub.manage(directory, directory / "hub.sqlite3", "migrate", "-v0")
    return directory / "hub.sqlite3"


@pytest.fixture
def live_hub(tmp_path, hub_template):
    """A second, live instance in hub mode (not started: call `start()`), on a database of its own."""
    (tmp_path / "hub").mkdir()
    hub = LiveHub(tmp_path / "hub", hub_template)
    yield hub
    hub.stop()


@pytest.fixture
def sender(tmp_path, settings, live_hub):
    """This instance, pointed at the live hub, with a key the hub has registered."""
    key_file = tmp_path / "sender" / "hub_signing_key.pem"
    key = feed_signing.generate_private_key(key_file)
    settings.GOODCATCH_HUB_SIGNING_KEY_FILE = str(key_file)
    settings.GOODCATCH_HUB_URL = live_hub.url
    settings.GOODCATCH_INSTANCE_NAME = "north"
    live_hub.register("north", key)
    return key
