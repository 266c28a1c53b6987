"""Searching the library: words in the title or text, a kind, an organisation; newest first; pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learning.models import Bulletin
from organisations.models import Role
from sharing import library
from tests.factories import member, sign_in
from tests.sharing import factories_library as make

pytestmark = pytest.mark.django_db


def _found(client, **params) -> list[str]:
    response = client.get("/library/", params)
    assert response.status_code == 200
    return [item.title for item in response.context["page"].object_list]


@pytest.fixture
def two_bulletins(organisation, other_organisation):
    make.published_bulletin(organisation, by=make.publisher(organisation), title="Handovers at the weekend",
                            introduction="What we learned about handovers.", action=None)
    make.published_bulletin(other_organisation, by=make.publisher(other_organisation), title="Referrals from schools",
                            introduction="Referrals that sat in a shared inbox over the holidays.", action=None)
    make.share(other_organisation)


def test_search_finds_an_item_by_a_word_of_its_title_or_text(client, organisation, two_bulletins):
    sign_in(client, member(organisation, Role.REPORTER))

    assert _found(client, q="handovers") == ["Handovers at the weekend"]
    assert _found(client, q="INBOX") == ["Referrals from schools"]  # any case, and the text counts
    assert _found(client, q="inbox weekend") == []  # every word must be there


def test_search_treats_operators_and_quotes_as_words(client, organisation, two_bulletins):
    sign_in(client, member(organisation, Role.REPORTER))

    assert _found(client, q='"referrals" OR 1=1 --') == []
    assert _found(client, q='"referrals"') == ["Referrals from schools"]


def test_a_search_that_finds_nothing_says_so(client, organisation, two_bulletins):
    sign_in(client, member(organisation, Role.REPORTER))

    response = client.get("/library/", {"q": "trampoline"})
    assert 'data-testid="library-empty"' in response.content.decode()
    assert "Nothing in the library matches your search" in response.content.decode()


def test_filters_by_organisation_and_by_kind(client, organisation, other_organisation, two_bulletins):
    sign_in(client, member(organisation, Role.REPORTER))

    assert _found(client, source=str(other_organisation.pk)) == ["Referrals from schools"]
    assert _found(client, source=str(organisation.pk)) == ["Handovers at the weekend"]
    assert _found(client, kind="vignette") == []
    page = client.get("/library/").content.decode()
    assert "Elsewhere Council" in page and "Test Borough Council" in page  # the organisation filter's options


def test_an_unknown_filter_value_is_an_error_not_a_leak(client, organisation, two_bulletins):
    sign_in(client, member(organisation, Role.REPORTER))

    response = client.get("/library/", {"source": "999999"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_newest_first_with_pages(client, organisation):
    by = make.publisher(organisation)
    first = make.published_bulletin(organisation, by=by, title="Older bulletin", action=None)
    Bulletin.objects.filter(pk=first.pk).update(published_at=timezone.now() - dt.timedelta(days=30))
    make.published_bulletin(organisation, by=by, title="Newer bulletin", action=None)
    sign_in(client, member(organisation, Role.REPORTER))

    assert _found(client) == ["Newer bulletin", "Older bulletin"]


def test_long_lists_are_paged_and_the_pages_keep_the_search(client, organisation, monkeypatch):
    monkeypatch.setattr(library, "PAGE_SIZE", 1)
    by = make.publisher(organisation)
    first = make.published_bulletin(organisation, by=by, title="Older bulletin", action=None)
    Bulletin.objects.filter(pk=first.pk).update(published_at=timezone.now() - dt.timedelta(days=30))
    make.published_bulletin(organisation, by=by, title="Newer bulletin", action=None)
    sign_in(client, member(organisation, Role.REPORTER))

    page_one = client.get("/library/", {"q": "bulletin"})
    assert [item.title for item in page_one.context["page"].object_list] == ["Newer bulletin"]
    assert "q=bulletin&amp;page=2" in page_one.content.decode()
    assert _found(client, q="bulletin", page="2") == ["Older bulletin"]
