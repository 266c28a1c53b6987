"""Walk every URL of the project as every role, an outsider and an anonymous visitor, and compare
what happens with the permission table in organisations/permissions.py.

A URL added without an entry here fails the first test, so nothing escapes the walk.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLResolver, get_resolver, reverse

from organisations import permissions as perm
from organisations.models import Role
from protection import breakglass
from protection.models import AccessRequest, TermRule
from reporting.models import Report
from reporting.subjects import subject_for
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db

PUBLIC = "public"
SIGNED_IN = "signed_in"
API = "api"  # token-authenticated or public API routes, covered by tests/api

# url name -> (what it needs, HTTP methods to try)
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "core:promise": (PUBLIC, ("get",)),
    "core:healthz": (PUBLIC, ("get",)),
    "reporting:home": (PUBLIC, ("get",)),
    "reporting:report-form": (PUBLIC, ("get", "post")),
    "reporting:easy-start": (PUBLIC, ("get",)),
    "reporting:easy-questions": (PUBLIC, ("get", "post")),
    "reporting:receipt": (PUBLIC, ("get", "post")),
    "reporting:receipt-reply": (PUBLIC, ("post",)),
    "reporting:staff-report-form": (perm.SUBMIT_AS_STAFF, ("get", "post")),
    "reporting:my-reports": (SIGNED_IN, ("get",)),  # only the user's own: tests/reporting/test_my_reports.py
    "organisations:sign-in": (PUBLIC, ("get",)),
    "organisations:sign-out": (PUBLIC, ("post",)),
    "organisations:two-factor": (SIGNED_IN, ("get",)),
    "organisations:two-factor-setup": (SIGNED_IN, ("get",)),
    "organisations:api-tokens": (SIGNED_IN, ("get",)),  # and USE_API in some organisation: tests/api
    "organisations:audit-log": (perm.VIEW_AUDIT, ("get",)),
    "organisations:members": (perm.MANAGE_MEMBERS, ("get", "post")),
    "organisations:staff-headcount": (perm.MANAGE_MEMBERS, ("get", "post")),
    "organisations:feedback-target": (perm.MANAGE_MEMBERS, ("get", "post")),
    "organisations:duty-phone-number": (perm.MANAGE_MEMBERS, ("get", "post")),
    "organisations:learned-terms": (perm.MANAGE_LEARNED_TERMS, ("get",)),
    "organisations:learned-term-remove": (perm.MANAGE_LEARNED_TERMS, ("get", "post")),
    "triage:home": (SIGNED_IN, ("get",)),
    "triage:queue": (perm.VIEW_QUEUE, ("get",)),
    "triage:overview": (perm.VIEW_AGGREGATES, ("get",)),
    "triage:report": (perm.VIEW_REPORT, ("get",)),
    "triage:transition": (perm.TRIAGE_REPORT, ("post",)),
    "triage:message": (perm.MESSAGE_REPORTER, ("post",)),
    "triage:close": (perm.TRIAGE_REPORT, ("get", "post")),
    "triage:redaction": (perm.CONFIRM_DEID, ("get",)),
    "triage:break-glass": (perm.REQUEST_BREAK_GLASS, ("get", "post")),
    "triage:break-glass-list": (perm.APPROVE_BREAK_GLASS, ("get",)),
    # Custodians, and the reviewer who asked; anyone else in the organisation gets 404.
    "triage:break-glass-detail": ("break_glass_detail", ("get",)),
    "justculture:list": (perm.JUST_CULTURE, ("get",)),
    "justculture:new": (perm.JUST_CULTURE, ("get", "post")),
    "justculture:detail": (perm.JUST_CULTURE, ("get",)),
    "justculture:decision": (perm.APPROVE_REFERRAL, ("post",)),
    "justculture:referrals": (perm.APPROVE_REFERRAL, ("get",)),
    "coding:report": (perm.CODE_REPORT, ("get", "post")),
    "coding:unblind": (perm.CODE_REPORT, ("post",)),
    "coding:worklist": (perm.CODE_REPORT, ("get",)),
    "coding:risk-preview": (perm.CODE_REPORT, ("get",)),
    "coding:quality": (perm.VIEW_AGGREGATES, ("get",)),
    "coding:codes": (perm.MANAGE_TAXONOMY, ("get",)),
    "coding:code-new": (perm.MANAGE_TAXONOMY, ("get", "post")),
    "coding:code-edit": (perm.MANAGE_TAXONOMY, ("get", "post")),
    "coding:code-retire": (perm.MANAGE_TAXONOMY, ("post",)),
    "coding:risk-matrix": (perm.MANAGE_TAXONOMY, ("get", "post")),
    "intelligence:alerts": (perm.VIEW_AGGREGATES, ("get",)),
    "intelligence:themes": (perm.VIEW_REPORT, ("get",)),
    "intelligence:theme": (perm.VIEW_REPORT, ("get",)),
    "intelligence:theme-rename": (perm.CODE_REPORT, ("post",)),
    "intelligence:theme-merge": (perm.CODE_REPORT, ("post",)),
    "intelligence:theme-split": (perm.CODE_REPORT, ("post",)),
    "intelligence:dashboard": (perm.VIEW_AGGREGATES, ("get",)),
    "intelligence:dashboard-csv": (perm.VIEW_AGGREGATES, ("get",)),
    "intelligence:event-link": (perm.TRIAGE_REPORT, ("post",)),
    "intelligence:event-unlink": (perm.TRIAGE_REPORT, ("post",)),
    "intelligence:search": (perm.VIEW_REPORT, ("get",)),
    "learning:actions": (perm.MANAGE_ACTIONS, ("get",)),
    "learning:action-overview": (perm.MANAGE_ACTIONS, ("get",)),
    "learning:action-new": (perm.MANAGE_ACTIONS, ("get", "post")),
    "learning:action": (perm.MANAGE_ACTIONS, ("get",)),
    "learning:action-edit": (perm.MANAGE_ACTIONS, ("get", "post")),
    "learning:action-move": (perm.MANAGE_ACTIONS, ("post",)),
    "learning:action-link": (perm.MANAGE_ACTIONS, ("post",)),
    "learning:action-unlink": (perm.MANAGE_ACTIONS, ("post",)),
    "learning:action-strength": (perm.MANAGE_ACTIONS, ("post",)),
    "learning:action-review": (perm.MANAGE_ACTIONS, ("post",)),
    "learning:action-verify": (perm.MANAGE_ACTIONS, ("post",)),
    "learning:reviews": (perm.VIEW_REPORT, ("get",)),
    "learning:review-new": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "learning:review": (perm.VIEW_REPORT, ("get",)),
    "learning:review-edit": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "learning:review-reports": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "learning:review-unlink": (perm.RUN_LEARNING_REVIEW, ("post",)),
    "learning:review-status": (perm.RUN_LEARNING_REVIEW, ("post",)),
    "learning:review-new-version": (perm.RUN_LEARNING_REVIEW, ("post",)),
    "learning:review-accept": (perm.RUN_LEARNING_REVIEW, ("post",)),
    "learning:review-part-add": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "learning:review-part-edit": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "learning:review-part-remove": (perm.RUN_LEARNING_REVIEW, ("post",)),
    "learning:supervision-review": (perm.VIEW_REPORT, ("get",)),
    "learning:supervision-review-text": (perm.VIEW_REPORT, ("get",)),
    "learning:supervision-report": (perm.VIEW_REPORT, ("get",)),
    "learning:supervision-report-text": (perm.VIEW_REPORT, ("get",)),
    "learning:bulletins": (perm.READ_LEARNING, ("get",)),
    "learning:bulletin": (perm.READ_LEARNING, ("get",)),
    "learning:bulletin-pdf": (perm.READ_LEARNING, ("get",)),
    "learning:bulletin-new": (perm.PUBLISH_BULLETIN, ("get", "post")),
    "learning:bulletin-edit": (perm.PUBLISH_BULLETIN, ("get", "post")),
    "learning:bulletin-check": (perm.PUBLISH_BULLETIN, ("get",)),
    "learning:bulletin-publish": (perm.PUBLISH_BULLETIN, ("post",)),
    "learning:bulletin-withdraw": (perm.PUBLISH_BULLETIN, ("post",)),
    "culture:waves": (perm.MANAGE_SURVEY, ("get", "post")),
    "culture:wave": (perm.MANAGE_SURVEY, ("get",)),
    "culture:wave-invitations": (perm.MANAGE_SURVEY, ("post",)),
    "culture:wave-close": (perm.MANAGE_SURVEY, ("post",)),
    "culture:results": (perm.VIEW_CULTURE_RESULTS, ("get",)),
    "culture:survey": (PUBLIC, ("get", "post")),  # a survey link: tests/culture
    "culture:thanks": (PUBLIC, ("get",)),
    "equality:results": (perm.VIEW_EQUALITY, ("get",)),  # and equality leads: tests/equality/test_who_sees_what.py
    "equality:settings": (perm.MANAGE_MEMBERS, ("get", "post")),
    "equality:my-profile": (perm.SUBMIT_AS_STAFF, ("get", "post")),  # only the member's own
    "equality:delete-profile": (perm.SUBMIT_AS_STAFF, ("get", "post")),
    "sharing:partnerships": (perm.VIEW_PARTNERSHIP, ("get",)),
    "sharing:partnership-join": (perm.MANAGE_SHARING, ("post",)),
    "sharing:partnership-leave": (perm.MANAGE_SHARING, ("get", "post")),
    # Not under /o/<slug>/: the walk's organisation has joined the partnership, so its members answer as the
    # table says and the outsider gets 404 (tests/sharing/test_partnerships_access.py covers the rest).
    "sharing:partnership": (perm.VIEW_PARTNERSHIP, ("get",)),
    "sharing:agreements": (perm.READ_SHARED, ("get",)),
    "sharing:agreement-new": (perm.MANAGE_SHARING, ("get", "post")),
    "sharing:agreement": (perm.READ_SHARED, ("get",)),
    "sharing:agreement-accept": (perm.MANAGE_SHARING, ("post",)),
    "sharing:agreement-decline": (perm.MANAGE_SHARING, ("post",)),
    "sharing:agreement-end": (perm.MANAGE_SHARING, ("post",)),
    "sharing:agreement-report": (perm.READ_SHARED, ("get",)),  # the owner's view of what partners said
    "sharing:proposed-action-answer": (perm.MANAGE_ACTIONS, ("get", "post")),
    "sharing:perspective-to-review": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "sharing:partner-reports": (perm.READ_SHARED, ("get",)),  # an active agreement: tests/sharing for the rest
    "sharing:partner-report": (perm.READ_SHARED, ("get",)),
    "sharing:partner-perspective": (perm.READ_SHARED, ("post",)),
    "sharing:partner-propose-action": (perm.READ_SHARED, ("post",)),
    "sharing:clear": (perm.CLEAR_FOR_SHARING, ("get", "post")),
    "sharing:cleared": (perm.CLEAR_FOR_SHARING, ("get", "post")),
    # Any member of any organisation; tests/sharing/test_library_*.py checks who sees which items.
    "sharing:library": (SIGNED_IN, ("get",)),
    "sharing:library-feed": (SIGNED_IN, ("get",)),
    "sharing:library-feed-link": (SIGNED_IN, ("get", "post")),
    # A feed reader's personal link, authenticated by its token: tests/sharing/test_library_feed_link.py
    "sharing:library-token-feed": (API, ()),
    "sharing:library-item": (SIGNED_IN, ("get",)),
    "sharing:library-settings": (perm.MANAGE_SHARING, ("get", "post")),
    "sharing:library-vignettes": (perm.RUN_LEARNING_REVIEW, ("get", "post")),
    "api:openapi-json": (API, ()),
    "api:openapi-view": (API, ()),
    "api:submit": (API, ()),
    "api:list_reports": (API, ()),
    "api:search_reports": (API, ()),
    "api:hub_feed": (API, ()),  # the national hub's signed feed: tests/sharing/test_hub_*.py
    "api:hub_library_items": (API, ()),  # the hub's published learning, signed: tests/sharing/test_hub_library.py
    "api:api-root": (API, ()),
}

ROLES = [Role.REPORTER, Role.REVIEWER, Role.CUSTODIAN, Role.MANAGER, Role.ADMIN]


def _routes(patterns, namespace=None, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace if namespace is None else f"{namespace}:{pattern.namespace}"
            yield from _routes(pattern.url_patterns, inner if pattern.namespace else namespace,
                               prefix + str(pattern.pattern))
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


PATTERNS = dict(_routes(get_resolver().url_patterns))


def test_every_url_is_in_the_walk():
    names = set(PATTERNS)
    assert names - set(EXPECTED) == set(), "declare these URLs' permissions in EXPECTED"
    assert set(EXPECTED) - names == set(), "these URLs no longer exist"


@pytest.fixture
def world(organisation, other_organisation):
    users = {role: member(organisation, role, username=f"walk-{role}") for role in ROLES}
    outsider = member(other_organisation, Role.ADMIN, username="walk-outsider")
    subject = report(organisation, "The review was booked for the wrong week.", confidentiality="anonymous").report
    # A confidential report, so that there is an identity to ask for.
    confidential = report(organisation, "I missed the handover.", reporter=users[Role.REPORTER],
                          confidentiality="confidential").report
    request = breakglass.request_access(organisation.pk, subject_for(confidential), kind="identity",
                                        purpose=AccessRequest.Purpose.FOLLOW_UP,
                                        reason="To follow up through the system.", requester=users[Role.REVIEWER])
    from justculture import services as justculture
    from organisations.services import access_for

    assessment = justculture.record_assessment(
        access_for(users[Role.REVIEWER], organisation.slug), subject, by=users[Role.REVIEWER],
        action="Booked the review for the wrong week.",
        answers=justculture.Answers(deliberate_harm="no", health="no", protocol_agreed="no", protocol_workable="unsure",
                                    protocol_departed="no", substitution_peers="yes", substitution_training="no",
                                    substitution_supervision="no", mitigating="yes"),
        outcome="system_learning", rationale="A slip under a heavy caseload.")
    # A word a reviewer taught the engine, for the learned-terms pages.
    term = TermRule.objects.create(organisation_id=organisation.pk, term="Polglase", kind=TermRule.Kind.DENY)
    from coding import taxonomy

    code = taxonomy.codes_of(organisation).get(key="fatigue")
    from intelligence.models import Theme

    theme = Theme.objects.create(organisation=organisation, auto_label="Handover, Friday")
    from learning import actions as learning_actions

    learning_actions.create_action(access_for(users[Role.MANAGER], organisation.slug), learning_actions.ActionInput(
        description="Handover sheet for Friday discharges.", level="tool_or_system"), by=users[Role.MANAGER])
    return {"users": users, "outsider": outsider, "report": subject, "confidential": confidential,
            "request": request, "assessment": assessment, "term": term, "code": code, "theme": theme}


def _url(name: str, world, organisation) -> str:
    values = {"org_slug": organisation.slug, "reference": world["report"].reference, "pk": world["request"].pk,
              "assessment_id": world["assessment"].pk, "term_id": world["term"].pk, "code_id": world["code"].pk,
              "theme_id": world["theme"].pk}
    values["action_id"] = _an_action_id(organisation)
    if "review_id" in PATTERNS[name]:  # a learning review with an episode to open (tests/learning/factories_reviews.py)
        from tests.learning.factories_reviews import walk_review

        values.update(walk_review(organisation, world["users"][Role.REVIEWER]))
    if "<int:bulletin_id>" in PATTERNS[name]:  # a published bulletin, which every member may read
        values["bulletin_id"] = _published_bulletin(organisation, world).pk
    if "wave_id" in PATTERNS[name] or name == "culture:survey":  # an open survey wave and one of its links
        from tests.culture.factories import open_wave_with_link

        values.update(open_wave_with_link(organisation))
    if "partnership_slug" in PATTERNS[name]:  # a partnership the organisation has joined
        from tests.sharing.factories_partnerships import walk_partnership

        values["partnership_slug"] = walk_partnership(organisation).slug
    if re.search(r"<int:(agreement|proposal|perspective)_id>", PATTERNS[name]):
        # two agencies under an agreement (tests/sharing/factories_agreements.py)
        from tests.sharing.factories_agreements import walk_values

        values.update(walk_values(organisation, name))
    if name == "sharing:library-item":  # checked for its items in tests/sharing/test_library_pages.py
        values.update({"kind": "bulletin", "key": "1"})
    if name == "triage:break-glass":
        values["reference"] = world["confidential"].reference
    params = re.findall(r"<(?:\w+:)?(\w+)>", PATTERNS[name])
    return reverse(name, kwargs={param: values[param] for param in params})


def _an_action_id(organisation) -> int:
    from learning import actions as learning_actions

    return learning_actions.actions_of(organisation.pk).values_list("pk", flat=True).first()


def _published_bulletin(organisation, world):
    from tests.learning.factories_bulletins import published

    return published(organisation, by=world["users"][Role.REVIEWER])


def _allowed(needs: str, role: str | None) -> bool:
    if needs == "break_glass_detail":
        return role is not None and (perm.role_has(role, perm.APPROVE_BREAK_GLASS) or role == Role.REVIEWER)
    return role is not None and perm.role_has(role, needs)


def _call(client, method: str, url: str):
    return client.get(url) if method == "get" else client.post(url, {})


def _is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("name", sorted(n for n, (needs, _) in EXPECTED.items() if needs != API))
def test_each_url_answers_each_role_as_the_table_says(client, organisation, world, name, settings):
    settings.REQUIRE_TWO_FACTOR = True
    needs, methods = EXPECTED[name]
    url = _url(name, world, organisation)
    for method in methods:
        client.logout()
        anonymous = _call(client, method, url)
        if needs == PUBLIC:
            assert anonymous.status_code in (200, 302, 400), (name, method, anonymous.status_code)
            assert not _is_sign_in_redirect(anonymous), name
        else:
            assert _is_sign_in_redirect(anonymous), (name, method, anonymous.status_code)
        if needs in (PUBLIC, SIGNED_IN):
            continue
        sign_in(client, world["outsider"])
        assert _call(client, method, url).status_code == 404, (name, method, "outsider")
        for role in ROLES:
            sign_in(client, world["users"][role])
            response = _call(client, method, url)
            if _allowed(needs, role):
                assert response.status_code in (200, 302, 400), (name, method, role, response.status_code)
                assert not _is_sign_in_redirect(response), (name, method, role)
            else:
                # The detail page hides other people's requests (404) from those who may see reports at all.
                expected = 404 if needs == "break_glass_detail" and perm.role_has(role, perm.VIEW_REPORT) else 403
                assert response.status_code == expected, (name, method, role, response.status_code)


def test_a_role_that_needs_two_factor_is_stopped_without_it(client, organisation, world, settings):
    settings.REQUIRE_TWO_FACTOR = True
    for role in ROLES:
        client.logout()
        client.force_login(world["users"][role])
        response = client.get(reverse("triage:queue", kwargs={"org_slug": organisation.slug}))
        if role in perm.TWO_FACTOR_ROLES:
            assert response.status_code == 302 and "/two-factor/" in response["Location"], role
        elif perm.role_has(role, perm.VIEW_QUEUE):
            assert response.status_code == 200, role


def test_the_table_keeps_a_managers_promise():
    """A manager sees aggregates and de-identified text only, never an identity or an original."""
    for forbidden in (perm.CONFIRM_DEID, perm.REQUEST_BREAK_GLASS, perm.APPROVE_BREAK_GLASS, perm.VIEW_AUDIT,
                      perm.MANAGE_LEARNED_TERMS):
        assert not perm.role_has(Role.MANAGER, forbidden)
    assert Report  # the walk above uses real reports
