"""GET /api/v1/search: a reviewer's token searches their organisation's confirmed reports."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from organisations.models import Role
from organisations.services import create_api_token
from protection.models import AuditEntry
from tests.factories import member, readable_report, report
from tests.intelligence.test_search import NASTY_QUERIES


def get(client, token, **params):
    return client.get("/api/v1/search?" + urlencode(params, errors="surrogatepass"), HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def token(reviewer):
    return create_api_token(reviewer, "search tests")


@pytest.fixture
def inbox(organisation, reviewer):
    return readable_report(organisation, "The referral sat in the shared inbox for two days.", by=reviewer)


def test_the_search_returns_references_highlighted_snippets_and_scores(client, organisation, token, inbox):
    body = get(client, token, q="inbox", mode="keyword").json()

    assert body["organisation"] == organisation.slug and body["mode"] == "keyword" and body["count"] == 1
    [hit] = body["results"]
    assert hit["reference"] == inbox.reference
    assert "<mark>inbox</mark>" in hit["snippet"]
    assert hit["score"] > 0 and hit["keyword_rank"] == 1 and hit["semantic_rank"] is None


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "semantic"])
def test_each_mode_stays_in_the_tokens_organisation(client, organisation, other_organisation, token, inbox, mode):
    elsewhere_reviewer = member(other_organisation, username="elsewhere")
    readable_report(other_organisation, "The referral sat in the shared inbox over a weekend.", by=elsewhere_reviewer)
    report(organisation, "Another referral sat in the shared inbox, unchecked.")

    body = get(client, token, q="referral inbox", mode=mode, limit=10).json()

    assert [hit["reference"] for hit in body["results"]] == [inbox.reference]


def test_a_search_is_audited_without_its_words(client, organisation, reviewer, token, inbox):
    get(client, token, q="inbox Jane Smith", mode="hybrid")

    entry = AuditEntry.objects.filter(action="export.api_search").get()
    assert entry.actor_id == reviewer.pk and entry.organisation_id == organisation.pk
    assert entry.detail["results"] == 1 and entry.detail["mode"] == "hybrid"
    assert "Smith" not in str(entry.detail)


def test_a_user_in_several_organisations_names_one(client, organisation, other_organisation, reviewer, token, inbox):
    from organisations.services import add_member

    add_member(other_organisation, reviewer, Role.REVIEWER)

    ambiguous = get(client, token, q="inbox")
    assert ambiguous.status_code == 400
    assert "organisation=SLUG" in ambiguous.json()["detail"] and other_organisation.slug in ambiguous.json()["detail"]
    named = get(client, token, q="inbox", organisation=organisation.slug).json()
    assert [hit["reference"] for hit in named["results"]] == [inbox.reference]
    assert get(client, token, q="inbox", organisation=other_organisation.slug).json()["results"] == []
    assert get(client, token, q="inbox", organisation="nowhere").status_code == 404


def test_who_may_search(client, organisation, other_organisation, inbox):
    reporter = member(organisation, Role.REPORTER, username="reporter9")
    manager = member(organisation, Role.MANAGER, username="manager9")

    assert client.get("/api/v1/search?q=inbox").status_code == 401
    assert get(client, "gc_wrong", q="inbox").status_code == 401
    assert get(client, create_api_token(reporter, "x"), q="inbox").status_code == 403
    assert get(client, create_api_token(reporter, "x"), q="inbox", organisation=organisation.slug).status_code == 403
    assert get(client, create_api_token(manager, "x"), q="inbox").json()["count"] == 1
    outsider = member(other_organisation, username="outsider")
    assert get(client, create_api_token(outsider, "x"), q="inbox", organisation=organisation.slug).status_code == 404


def test_mode_and_limit_are_checked(client, token, organisation, reviewer):
    for number in range(4):
        readable_report(organisation, f"Visit {number} to the family was missed.", by=reviewer)
    assert get(client, token, q="visit", mode="fuzzy").status_code == 422
    assert get(client, token, q="visit", limit="lots").status_code == 422
    assert get(client, token, q="visit", mode="keyword", limit=2).json()["count"] == 2
    assert get(client, token, q="visit", mode="keyword", limit=0).json()["count"] == 1
    assert get(client, token, q="visit", mode="keyword", limit=10_000).json()["count"] == 4


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_no_query_breaks_the_api(client, token, inbox, query):
    for mode in ("hybrid", "keyword", "semantic"):
        response = get(client, token, q=query, mode=mode)
        assert response.status_code == 200, (mode, response.content[:300])
        assert all(hit["reference"] == inbox.reference for hit in response.json()["results"])
