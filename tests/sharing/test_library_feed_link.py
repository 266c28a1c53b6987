"""A personal feed link, for feed readers that cannot sign in: shown once, stored as a hash, revocable,
and never more than its owner may read."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from organisations.models import Membership, Role
from protection.models import AuditEntry
from sharing.models import LibraryFeedToken
from tests.factories import member, sign_in
from tests.sharing import factories_library as make

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _make_link(client) -> str:
    response = client.post("/library/feed/", {"do": "create"})
    assert response.status_code == 200
    found = re.search(r'value="http://testserver(/library/feed/[^"]+\.atom)"', response.content.decode())
    assert found, "the new link is shown"
    return found.group(1)


def _titles(response) -> list[str]:
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's feed, in a test
    assert root.tag == f"{ATOM}feed"
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def reader(client, organisation, other_organisation):
    make.published_bulletin(organisation, by=make.publisher(organisation), title="Handovers at the weekend")
    make.share(organisation)
    user = member(other_organisation, Role.REPORTER)
    sign_in(client, user)
    return user


def test_a_feed_reader_without_a_session_reads_the_library_by_the_link(client, reader):
    link = _make_link(client)
    client.logout()

    titles = _titles(client.get(link))
    assert any(t.startswith("Handovers at the weekend") for t in titles)
    assert LibraryFeedToken.objects.get(user=reader).last_used_at is not None


def test_only_the_hash_is_kept_and_the_link_is_shown_once(client, reader):
    link = _make_link(client)
    token = link.rsplit("/", 1)[1].removesuffix(".atom")
    row = LibraryFeedToken.objects.get(user=reader)
    assert token not in (row.token_hash, row.prefix) and len(row.token_hash) == 64
    assert token not in client.get("/library/feed/").content.decode()
    assert AuditEntry.objects.filter(action="library.feed_token_create", actor_id=reader.pk).exists()


def test_a_stopped_or_replaced_link_no_longer_works(client, reader):
    first = _make_link(client)
    second = _make_link(client)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200

    client.post("/library/feed/", {"do": "revoke"})
    assert client.get(second).status_code == 404
    assert AuditEntry.objects.filter(action="library.feed_token_revoke", actor_id=reader.pk).exists()


def test_a_link_shows_nothing_once_its_owner_is_no_longer_a_member(client, reader):
    link = _make_link(client)
    Membership.objects.filter(user=reader).delete()

    assert client.get(link).status_code == 404


def test_a_link_follows_what_its_owner_may_read_now(client, organisation, reader):
    link = _make_link(client)
    make.stop_sharing(organisation)

    assert _titles(client.get(link)) == []


def test_a_made_up_link_is_not_found(client, reader):
    client.logout()
    assert client.get("/library/feed/gcl_not-a-real-token.atom").status_code == 404
    assert client.get("/library/feed/anything.atom").status_code == 404


def test_making_a_link_needs_a_signed_in_member(client):
    response = client.post("/library/feed/", {"do": "create"})
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert not LibraryFeedToken.objects.exists()
