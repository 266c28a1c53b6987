import subprocess
import sys
from pathlib import Path

import pytest

from organisations.models import Role
from tests.factories import OrganisationFactory, member, sign_in


def pytest_configure(config):
    """Welsh pages need compiled catalogues; `make test` compiles them too, a bare pytest run here."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "compile_messages.py"
    subprocess.run([sys.executable, str(script), "--quiet"], check=True)  # noqa: S603 - our own script


@pytest.fixture(autouse=True)
def _no_outgoing_network(monkeypatch):
    """Tests never reach the network: any connection outside this machine fails loudly."""
    import socket

    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
            raise RuntimeError(f"Tests must not reach the network (tried {address!r})")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in Welsh leaves Welsh active in the thread (LocaleMiddleware does not switch back);
    the next test would then read Welsh labels where it expects English."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit and lockout counts live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is right for real passwords and far too slow for hundreds of test users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="demo-test", name="Test Borough Council")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(slug="elsewhere", name="Elsewhere Council")


@pytest.fixture
def reviewer(organisation):
    return member(organisation, Role.REVIEWER, username="reviewer1")


@pytest.fixture
def reporter_user(organisation):
    return member(organisation, Role.REPORTER, username="reporter1", first_name="Robin", last_name="Reporter")


@pytest.fixture
def manager(organisation):
    return member(organisation, Role.MANAGER, username="manager1")


@pytest.fixture
def reviewer_client(client, reviewer):
    return sign_in(client, reviewer)
