"""Fixtures for the browser journeys: Debian's Chromium, driven by Playwright's sync API,
against pytest-django's live server, at a phone's size.

- ``browser`` (module: shared by the tests of one file): one headless Chromium from
  /usr/bin/chromium (``GOODCATCH_CHROMIUM`` to change). Playwright never downloads a browser.
- ``page``: a fresh browser context per test (no cookies or storage carried over), 390x844,
  mobile, touch, with ``base_url`` set to the live server, so ``page.goto("/healthz")`` works.
- ``base_url``: the live server's address.
- ``world``: an organisation with a member in every role and demo-like reports (several, with
  long words and long addresses, so tables and text must wrap); ``pages_by_role(world)`` lists
  every page under the role that reaches it, for the walks over every page; ``sign_in`` signs a
  page in as one of the members.

Every test under tests/browser is marked ``browser`` (``pytest -m "not browser"`` skips them).

Using ``page`` (or ``live_server``) gives the test a transactional database, as pytest-django
does for its live server: the server thread sees what the test writes, and every table is
emptied after the test. On SQLite the test database is in memory and pytest-django hands the
very same connection to the server thread; on PostgreSQL both use their own connections to the
same test database. Either way, data made in a test is visible to the pages it opens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from justculture import services as justculture
from organisations.models import Role
from organisations.services import access_for
from protection import breakglass
from protection.models import TermRule
from reporting import services as reporting
from reporting.deidentification import confirm_redaction
from reporting.models import Message
from reporting.services import open_report
from tests.factories import PASSWORD, OrganisationFactory, member, report

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

# Belt and braces: nothing here may fetch a browser build.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = os.environ.get("GOODCATCH_CHROMIUM", "/usr/bin/chromium")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
HERE = Path(__file__).resolve().parent
# Long enough for a slow CI machine, short enough that a broken page fails in seconds.
TIMEOUT_MS = int(os.environ.get("GOODCATCH_BROWSER_TIMEOUT_MS", "10000"))


def chromium_args() -> list[str]:
    args = [
        "--disable-gpu",
        "--disable-dev-shm-usage",
        # The machine's network is closed: no background fetches, updates or sync to wait on.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--no-sandbox")  # Chromium's sandbox refuses to run as root
    return args


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def _playwright() -> Iterator[Playwright]:
    """Playwright, started and stopped around each test module of this folder.

    Playwright's sync API keeps an asyncio event loop running in the test thread for as long
    as it is started, and Django refuses ORM calls from a thread with a running loop
    (SynchronousOnlyOperation), database setup and flushes included. So Playwright lives
    only while a browser module's tests run (the "package" scope would not do: tests/ has no
    __init__.py, so it lasts the whole session and breaks every later test that touches the
    database), and meanwhile DJANGO_ALLOW_ASYNC_UNSAFE tells Django that this test code is
    plain synchronous code. Starting Playwright and Chromium costs about a second a module.
    """
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture(scope="module")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
    yield browser
    browser.close()


class _NoStaticHandler:
    """Leaves /static/ to WhiteNoise, which serves the collected, content-hashed files."""

    def __new__(cls, application):
        return application


@pytest.fixture(scope="session")
def live_server(request) -> Iterator:
    """pytest-django's live server, but serving static files as production does.

    pytest-django serves /static/ through Django's finders, which know `app.css` but not the
    hashed `app.3f2a1c.css` that the manifest storage puts in pages, so pages would lose their
    CSS and JavaScript. (`make test` runs collectstatic before pytest.)
    """
    from unittest import mock

    from pytest_django.live_server_helper import LiveServer

    with mock.patch("django.contrib.staticfiles.handlers.StaticFilesHandler", _NoStaticHandler):
        server = LiveServer(request.config.getvalue("liveserver") or "localhost")
    yield server
    server.stop()


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


# Words that do not break: a compound, an address and an e-mail-style username. Real reports
# carry them, and a page that reflows must wrap them rather than grow wider than a phone.
LONG_WORD = "interprofessionalsafeguardingcommunicationbreakdown"
LONG_ADDRESS = "https://intranet.pages.gov.uk/children/procedures/section-47-enquiries/strategy-discussions"
LONG_USERNAME = "firstname.middlename.lastname@pages-borough-council.gov.uk"


@pytest.fixture
def world(transactional_db, settings):
    """One organisation as the demo shows it: a member in every role, several reports of every
    kind (read, awaiting the check, confidential), messages, a break-glass request and an
    assessment."""
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    organisation = OrganisationFactory(slug="pages", name="Pages Metropolitan Borough Council")
    users = {role: member(organisation, role, username=f"pages-{role}") for role in Role.values}
    reviewer = users[Role.REVIEWER]
    readable = report(
        organisation, f"The handover note went to the wrong team; nobody picked it up. It was a classic "
                      f"{LONG_WORD}, and the procedure at {LONG_ADDRESS} was never read.",
        potential_harm=3, service_area="children", stage="transfer",
        potential_harm_text=f"A child could have been left without a visit for weeks: {LONG_WORD}.",
        how_noticed="The duty manager saw the note in the wrong tray on Monday.",
        what_would_help=f"One shared inbox for handovers, linked from {LONG_ADDRESS}.").report
    confirm_redaction(readable, by=reviewer)
    reporting.post_message(readable, f"Thank you. Which team had the note? We are looking at the {LONG_WORD}.",
                           author_kind=Message.Author.REVIEWER, reviewer=reviewer)
    reporting.post_message(readable, f"The adults team. The link was {LONG_ADDRESS}.",
                           author_kind=Message.Author.REPORTER)
    for text, fields in [
        (f"The strategy discussion minutes went to {LONG_ADDRESS} instead of the case file.",
         {"kind": "incident", "potential_harm": 4, "service_area": "children", "stage": "strategy"}),
        (f"Supervision was cancelled three times; a {LONG_WORD} followed.",
         {"kind": "concern", "potential_harm": 2, "service_area": "adults", "stage": "review"}),
        ("The new duty rota meant every referral was read the same day.",
         {"kind": "good_practice", "potential_harm": 1, "service_area": "early_help", "stage": "referral"}),
        ("The discharge went ahead before the care package was arranged.",
         {"kind": "near_miss", "potential_harm": 5, "service_area": "adults", "stage": "hospital_discharge"}),
    ]:
        confirm_redaction(report(organisation, text, **fields).report, by=reviewer)
    draft = report(organisation, f"Mum Elin Hughes was not told about the conference: {LONG_WORD}.",
                   potential_harm_text="She could have missed it.").report
    confidential = report(organisation, "I forgot to log the call.", reporter=users[Role.REPORTER],
                          confidentiality="confidential").report
    request = breakglass.request_access(organisation.pk, reporting.subject_for(confidential), kind="identity",
                                        purpose="follow_up", reason="To follow up through the system, as asked.",
                                        requester=reviewer)
    assessment = justculture.record_assessment(
        access_for(reviewer, organisation.slug), readable, by=reviewer,
        action="The handover note was sent to the wrong team.",
        answers=justculture.Answers(deliberate_harm="no", health="no", protocol_agreed="yes", protocol_workable="no",
                                    protocol_departed="no", substitution_peers="yes", substitution_training="no",
                                    substitution_supervision="no", mitigating="yes"),
        outcome="system_learning", rationale="The team list in the system was out of date.")
    # Someone with a long username reads reports, so the audit log and members list carry it.
    long_named = member(organisation, Role.REVIEWER, username=LONG_USERNAME)
    for subject in (readable, draft):
        open_report(access_for(long_named, organisation.slug), subject.reference, viewer=long_named)
    # Words reviewers taught the engine, one of them long, for the learned-terms pages.
    term = TermRule.objects.create(organisation_id=organisation.pk, term=LONG_WORD, kind=TermRule.Kind.ALLOW,
                                   created_by_id=long_named.pk)
    TermRule.objects.create(organisation_id=organisation.pk, term="Elin Hughes", kind=TermRule.Kind.DENY)
    return {"org": organisation.slug, "users": users, "readable": readable.reference, "draft": draft.reference,
            "confidential": confidential.reference, "request": request.pk, "assessment": assessment.pk,
            "term": term.pk}


def pages_by_role(world: dict) -> dict:
    """Every page a person can reach, under the role that reaches it (None: not signed in)."""
    org, readable = world["org"], world["readable"]
    return {
        None: ["/", "/promise/", f"/r/{org}/", f"/r/{org}/easy/", f"/r/{org}/easy/questions/", "/receipt/", "/sign-in/"],
        Role.REPORTER: [f"/o/{org}/report/"],
        Role.REVIEWER: [
            f"/o/{org}/queue/", f"/o/{org}/overview/", f"/o/{org}/reports/{readable}/",
            f"/o/{org}/reports/{world['draft']}/", f"/o/{org}/reports/{world['draft']}/redaction/",
            f"/o/{org}/reports/{world['confidential']}/identity/", f"/o/{org}/break-glass/{world['request']}/",
            f"/o/{org}/reports/{readable}/just-culture/", f"/o/{org}/reports/{readable}/just-culture/new/",
            f"/o/{org}/reports/{readable}/just-culture/{world['assessment']}/", "/account/api-tokens/",
        ],
        Role.CUSTODIAN: [f"/o/{org}/break-glass/", f"/o/{org}/break-glass/{world['request']}/",
                         f"/o/{org}/just-culture/referrals/"],
        Role.MANAGER: [f"/o/{org}/queue/", f"/o/{org}/overview/", f"/o/{org}/dashboard/", f"/o/{org}/search/",
                       f"/o/{org}/search/?q=referral+inbox&mode=keyword", f"/o/{org}/themes/", f"/o/{org}/alerts/"],
        Role.ADMIN: [f"/o/{org}/audit/", f"/o/{org}/members/", f"/o/{org}/staff-headcount/", f"/o/{org}/duty-phone-number/",
                     f"/o/{org}/learned-terms/",
                     f"/o/{org}/learned-terms/{world['term']}/remove/"],
    }


def sign_in(page: Page, username: str) -> None:
    """Sign in through the form, as a person would, starting from a fresh set of cookies."""
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
