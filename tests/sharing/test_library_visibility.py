"""Who reads what in the library of learning: their own organisation's published learning always,
another organisation's only while it shares, drafts and withdrawn bulletins never, and nothing at all
for someone who is not a member of an organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning import bulletins as learning_bulletins
from organisations.models import Role
from tests.factories import UserFactory, member, sign_in
from tests.sharing import factories_library as make

pytestmark = pytest.mark.django_db

LIBRARY = "/library/"


def _titles(client) -> list[str]:
    response = client.get(LIBRARY)
    assert response.status_code == 200
    return [item.title for item in response.context["page"].object_list]


def _bulletin_url(bulletin) -> str:
    return reverse("sharing:library-item", kwargs={"kind": "bulletin", "key": str(bulletin.pk)})


def test_a_sharing_organisations_published_bulletin_is_in_another_organisations_library(client, organisation,
                                                                                         other_organisation):
    bulletin = make.published_bulletin(organisation, by=make.publisher(organisation), title="Handovers in March")
    make.share(organisation)
    sign_in(client, member(other_organisation, Role.REPORTER))

    assert "Handovers in March" in _titles(client)
    page = client.get(_bulletin_url(bulletin))
    assert page.status_code == 200
    assert "Test Borough Council" in page.content.decode()
    assert "What we learned about handovers in March." in page.content.decode()


def test_another_organisations_learning_is_hidden_before_it_shares_and_after_it_stops(client, organisation,
                                                                                    other_organisation):
    bulletin = make.published_bulletin(organisation, by=make.publisher(organisation), title="Handovers in March")
    sign_in(client, member(other_organisation, Role.REPORTER))

    assert _titles(client) == []
    assert client.get(_bulletin_url(bulletin)).status_code == 404

    make.share(organisation)
    assert "Handovers in March" in _titles(client)

    make.stop_sharing(organisation)
    assert _titles(client) == []
    assert client.get(_bulletin_url(bulletin)).status_code == 404


def test_members_read_their_own_organisations_learning_without_sharing_it(client, organisation):
    make.published_bulletin(organisation, by=make.publisher(organisation), title="Handovers in March")
    sign_in(client, member(organisation, Role.REPORTER))

    assert "Handovers in March" in _titles(client)


def test_you_said_we_did_is_an_item_of_its_own(client, organisation):
    bulletin = make.published_bulletin(organisation, by=make.publisher(organisation),
                                       action="Handover sheets now list every visit due in the next 24 hours.")
    sign_in(client, member(organisation, Role.REPORTER))

    response = client.get(LIBRARY, {"kind": "you-said-we-did"})
    items = response.context["page"].object_list
    assert [item.kind for item in items] == ["you-said-we-did"]
    page = client.get(reverse("sharing:library-item", kwargs={"kind": "you-said-we-did", "key": f"{bulletin.pk}-1"}))
    assert page.status_code == 200
    assert "Handover sheets now list every visit due in the next 24 hours." in page.content.decode()
    assert f'href="/library/bulletin/{bulletin.pk}/">Learning bulletin: March 2026</a>' in page.content.decode()


def test_drafts_and_withdrawn_bulletins_never_appear(client, organisation, other_organisation):
    by = make.publisher(organisation)
    draft = make.draft_bulletin(organisation, by=by, title="Draft bulletin: not for anyone yet")
    withdrawn = make.published_bulletin(organisation, by=by, title="Withdrawn bulletin", action=None)
    learning_bulletins.withdraw(withdrawn, by=by)
    make.share(organisation)

    for reader in (member(organisation, Role.ADMIN), member(other_organisation, Role.ADMIN)):
        sign_in(client, reader)
        assert _titles(client) == []
        assert "Draft bulletin" not in client.get(LIBRARY, {"q": "draft"}).content.decode()
        assert client.get(_bulletin_url(draft)).status_code == 404
        assert client.get(_bulletin_url(withdrawn)).status_code == 404


def test_someone_in_no_organisation_is_refused(client, organisation):
    make.published_bulletin(organisation, by=make.publisher(organisation))
    make.share(organisation)
    sign_in(client, UserFactory())

    assert client.get(LIBRARY).status_code == 403
    assert client.get(reverse("sharing:library-feed")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, organisation):
    bulletin = make.published_bulletin(organisation, by=make.publisher(organisation))
    make.share(organisation)

    for url in (LIBRARY, _bulletin_url(bulletin), reverse("sharing:library-feed")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), url


def test_the_navigation_offers_the_library_to_signed_in_staff(client, organisation):
    sign_in(client, member(organisation, Role.REPORTER))

    page = client.get(reverse("reporting:my-reports")).content.decode()
    assert 'href="/library/"' in page and "Library of learning" in page
