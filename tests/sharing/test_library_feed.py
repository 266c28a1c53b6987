"""The library's Atom feed: valid Atom, the same items as the page, and only for a signed-in member."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from organisations.models import Role
from tests.factories import member, sign_in
from tests.sharing import factories_library as make

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, **params) -> ET.Element:
    response = client.get("/library/feed.atom", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "no-store" in response["Cache-Control"]
    return ET.fromstring(response.content)  # noqa: S314 - our own server's feed, in a test


@pytest.fixture
def shared(organisation, other_organisation):
    make.published_bulletin(organisation, by=make.publisher(organisation), title="Handovers at the weekend")
    make.published_bulletin(other_organisation, by=make.publisher(other_organisation), title="Referrals from schools",
                            introduction="Referrals that waited over the holidays.", action=None)
    make.share(organisation)


def test_the_feed_is_valid_atom_and_lists_what_the_page_lists(client, other_organisation, shared):
    sign_in(client, member(other_organisation, Role.REPORTER))

    feed = _feed(client)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{required}").text or "").strip(), required
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/library/")
    page = client.get("/library/").context["page"].object_list
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [f"http://testserver{i.url}" for i in page]
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert any(t.startswith("Handovers at the weekend (Learning bulletin, Test Borough Council)") for t in titles)
    assert any("You said, we did" in t for t in titles)
    assert any(t.startswith("Referrals from schools") for t in titles)


def test_the_feed_follows_the_search(client, other_organisation, shared):
    sign_in(client, member(other_organisation, Role.REPORTER))

    entries = _feed(client, q="handovers", kind="bulletin").findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text.split(" (")[0] for e in entries] == ["Handovers at the weekend"]
    assert 'href="/library/feed.atom?q=handovers&amp;kind=bulletin"' in client.get(
        "/library/", {"q": "handovers", "kind": "bulletin"}).content.decode()


def test_the_feed_drops_an_organisation_that_stops_sharing(client, organisation, other_organisation, shared):
    sign_in(client, member(other_organisation, Role.REPORTER))
    make.stop_sharing(organisation)

    titles = [e.find(f"{ATOM}title").text for e in _feed(client).findall(f"{ATOM}entry")]
    assert titles and all("Test Borough Council" not in t for t in titles)


def test_the_feed_needs_a_signed_in_member(client, shared):
    response = client.get("/library/feed.atom")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert b"<feed" not in response.content
