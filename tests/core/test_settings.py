"""Settings fail loudly: a missing secret stops start-up outside demo mode, and says which."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

import goodcatch.settings as settings_module

REQUIRED = {"SECRET_KEY": "s" * 50, "GOODCATCH_MASTER_KEY": "m" * 43, "GOODCATCH_RECEIPT_SALT": "r" * 32}


def reload_with(monkeypatch, tmp_path, **env):
    monkeypatch.setenv("GOODCATCH_VAR_DIR", str(tmp_path))
    for name in REQUIRED:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"{name}_FILE", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(settings_module)


@pytest.fixture(autouse=True)
def _restore_settings(monkeypatch):
    yield
    monkeypatch.undo()
    importlib.reload(settings_module)


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_a_missing_secret_stops_start_up_outside_demo_mode(monkeypatch, tmp_path, missing):
    env = {k: v for k, v in REQUIRED.items() if k != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        reload_with(monkeypatch, tmp_path, GOODCATCH_DEMO="false", **env)
    assert not (tmp_path / "master_key").exists()


def test_demo_mode_generates_a_master_key_once_and_keeps_it(monkeypatch, tmp_path):
    first = reload_with(monkeypatch, tmp_path, GOODCATCH_DEMO="true").MASTER_KEY
    second = reload_with(monkeypatch, tmp_path, GOODCATCH_DEMO="true").MASTER_KEY
    assert first == second and len(first) >= 40
    assert (tmp_path / "master_key").stat().st_mode & 0o077 == 0


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    key_file = tmp_path / "master.key"
    key_file.write_text("from-a-file-master-key\n")
    env = {k: v for k, v in REQUIRED.items() if k != "GOODCATCH_MASTER_KEY"}
    loaded = reload_with(monkeypatch, tmp_path, GOODCATCH_DEMO="false", GOODCATCH_MASTER_KEY_FILE=str(key_file), **env)
    assert loaded.MASTER_KEY == "from-a-file-master-key"


def test_a_bad_boolean_is_refused_with_its_name(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        reload_with(monkeypatch, tmp_path, GOODCATCH_DEMO="true", DEBUG="perhaps")


def test_production_settings_are_secure_by_default(monkeypatch, tmp_path):
    loaded = reload_with(monkeypatch, tmp_path, GOODCATCH_DEMO="false", **REQUIRED)
    assert loaded.SESSION_COOKIE_SECURE and loaded.CSRF_COOKIE_SECURE and loaded.SECURE_SSL_REDIRECT
    assert loaded.SECURE_HSTS_SECONDS >= 31536000
    assert loaded.CSRF_COOKIE_AGE is None
    assert loaded.ALLOWED_HOSTS == []
    assert loaded.REQUIRE_TWO_FACTOR
