"""Search: keyword (FTS5 or PostgreSQL), semantic and hybrid, in one organisation's confirmed reports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coding import services as coding_services
from intelligence import search
from intelligence.models import SearchDocument
from organisations.services import access_for
from tests.coding.conftest import coding_input
from tests.factories import member, readable_report, report

NASTY_QUERIES = [
    "",
    "   ",
    '"',
    '"unbalanced quote',
    "'",
    "referral\"",
    "NEAR",
    "NEAR(referral inbox, 3)",
    "referral NEAR inbox",
    "*",
    "refer*",
    "-",
    "-referral",
    "referral -inbox",
    "AND",
    "OR",
    "NOT",
    "referral AND OR NOT",
    "what_happened:referral",
    "coded:referral",
    "{what_happened coded}: inbox",
    "^referral",
    "referral + inbox",
    "(referral",
    "referral)",
    "' OR 1=1 --",
    "'; DROP TABLE intelligence_searchdocument; --",
    "\" OR \"\"=\"",
    "referral'); DELETE FROM reporting_report; --",
    "1 UNION SELECT * FROM auth_user",
    "%", "_", "\\", "\\\\'",
    "<script>alert(1)</script>",
    "<mark>inbox</mark>",
    "referral\x00inbox",
    "\x02referral\x03",
    "🙂", "🙂 referral 🙂", "👨‍👩‍👧‍👦",
    "référral inbøx",
    "ﾘﾌｧﾗﾙ",
    "日本語の照会",
    "ـــ",
    "a" * 10_000,
    "referral " * 2_000,
    " ".join(f"word{i}" for i in range(3_000)),
    "referral:inbox:duty",
    "!!!???...,,,;;;",
    "& | ! <-> :* ()",
    "referral & inbox | duty",
    "to_tsquery('x')",
    "\ud800",
]


@pytest.fixture
def inbox(organisation, reviewer):
    return readable_report(organisation, "The referral sat in the shared inbox for two days because the duty worker "
                                         "was covering three teams.", by=reviewer, service_area="children",
                           stage="referral")


@pytest.fixture
def discharge(organisation, reviewer):
    return readable_report(organisation, "The hospital discharge letter never reached the social worker, so nobody "
                                         "visited the older man at home.", by=reviewer, service_area="adults",
                           stage="hospital_discharge", kind="incident")


@pytest.fixture
def foster(organisation, reviewer):
    return readable_report(organisation, "A foster carer was not told about the child's allergy before placement.",
                           by=reviewer, service_area="fostering_adoption", stage="planning")


def code(reviewer, organisation, report_, *factors, **answers):
    """Code a report as a reviewer does; the index follows after the commit, as it would."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        coding_services.record_coding(access_for(reviewer, organisation.slug), report_, coding_input(*factors, **answers),
                                      by=reviewer)


def references(hits):
    return [hit.reference for hit in hits]


# ---- the index follows the reports ------------------------------------------------------------------

def test_a_confirmed_report_is_indexed_with_its_coded_fields_and_an_unconfirmed_one_is_not(organisation, inbox):
    waiting = report(organisation, "A referral waited in the shared inbox.").report

    document = SearchDocument.objects.get(report_id=inbox.pk)
    assert "shared inbox" in document.narrative
    assert "Referral or contact" in document.coded and "Children's social care" in document.coded
    assert not SearchDocument.objects.filter(report_id=waiting.pk).exists()
    assert references(search.search(organisation.pk, "inbox", mode="keyword")) == [inbox.reference]


def test_a_new_coding_puts_its_factor_names_into_the_index(organisation, reviewer, inbox):
    assert search.search(organisation.pk, "fatigue", mode="keyword") == []

    code(reviewer, organisation, inbox, "fatigue")

    assert "Fatigue" in SearchDocument.objects.get(report_id=inbox.pk).coded
    assert references(search.search(organisation.pk, "fatigue", mode="keyword")) == [inbox.reference]


def test_backfill_indexes_what_a_lost_task_missed_and_is_idempotent(organisation, inbox, discharge):
    SearchDocument.objects.all().delete()
    assert search.search(organisation.pk, "inbox", mode="keyword") == []

    assert search.backfill() == 2
    assert search.backfill() == 0
    assert references(search.search(organisation.pk, "inbox", mode="keyword")) == [inbox.reference]
    assert search.backfill(rebuild=True) == 2
    assert references(search.search(organisation.pk, "inbox", mode="keyword")) == [inbox.reference]


def test_missing_ids_are_the_confirmed_reports_without_a_document_in_id_order(organisation, inbox, discharge):
    waiting = report(organisation, "A referral waited in the shared inbox.").report
    assert search.missing_ids(organisation.pk) == []

    SearchDocument.objects.filter(report_id__in=[inbox.pk, discharge.pk]).delete()

    assert search.missing_ids(organisation.pk) == sorted([inbox.pk, discharge.pk])
    assert waiting.pk not in search.missing_ids(organisation.pk)  # not confirmed: nothing to index


def test_a_deleted_report_leaves_the_index(organisation, inbox):
    from reporting.models import Report

    Report.objects.filter(pk=inbox.pk).delete()
    assert search.search(organisation.pk, "inbox", mode="keyword") == []


# ---- keyword search ----------------------------------------------------------------------------------

def test_keyword_search_stems_and_highlights_the_words_found(organisation, inbox, discharge):
    hits = search.search(organisation.pk, "letters discharged", mode="keyword")

    assert references(hits) == [discharge.reference]
    assert "<mark>discharge</mark>" in hits[0].snippet
    assert "<mark>letter</mark>" in hits[0].snippet
    assert hits[0].keyword_rank == 1 and hits[0].semantic_rank is None


def test_every_word_must_match_before_reports_with_only_some_follow(organisation, inbox, discharge, foster):
    hits = search.search(organisation.pk, "hospital letter child", mode="keyword")

    # No report has all three: the one with two of them ranks above the one with one.
    assert references(hits)[:2] == [discharge.reference, foster.reference]
    assert inbox.reference not in references(hits)


def test_a_snippet_escapes_the_report_text_and_marks_only_the_match(organisation, reviewer):
    readable_report(organisation, "The worker wrote <b>urgent</b> & <script>alert('inbox')</script> in the notes.",
                    by=reviewer)

    [hit] = search.search(organisation.pk, "urgent", mode="keyword")

    html = str(hit.snippet)
    assert "<script>" not in html and "<b>" not in html and "<mark>urgent</mark>" in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    if connection.vendor == "sqlite":  # ts_headline drops what looks like a tag; FTS5 keeps it, escaped
        assert "&lt;b&gt;<mark>urgent</mark>&lt;/b&gt;" in html


def test_highlight_markup_is_balanced_whatever_the_engine_returns():
    assert search.highlight_html("a \x02b\x02 c\x03\x03 <i>") == "a <mark>b c</mark> &lt;i&gt;"
    assert search.highlight_html("\x02open") == "<mark>open</mark>"


def test_operators_are_words_not_syntax(organisation, reviewer):
    near = readable_report(organisation, "The manager said NEAR the end of the call that the visit was off.",
                           by=reviewer, kind="concern")
    readable_report(organisation, "The visit to the family was cancelled by the manager.", by=reviewer, kind="concern")

    assert references(search.search(organisation.pk, "NEAR", mode="keyword")) == [near.reference]
    assert search.terms_of('what_happened:"inbox" OR NEAR(a b) -c*') == ["happened", "inbox", "near", "b", "c"]


@pytest.mark.parametrize("query", NASTY_QUERIES)
@pytest.mark.parametrize("mode", search.MODES)
def test_no_query_errors_or_escapes_into_the_engine(organisation, inbox, discharge, query, mode):
    hits = search.search(organisation.pk, query, mode=mode)

    assert all(hit.reference in {inbox.reference, discharge.reference} for hit in hits)
    assert SearchDocument.objects.count() == 2  # nothing dropped or deleted


# ---- tenancy ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", search.MODES)
def test_search_never_leaves_the_organisation_or_reads_unconfirmed_reports(organisation, other_organisation,
                                                                           reviewer, inbox, mode):
    other_reviewer = member(other_organisation, username="elsewhere")
    elsewhere = readable_report(other_organisation, "The referral sat in the shared inbox over a weekend.",
                                by=other_reviewer)
    report(organisation, "Another referral sat in the shared inbox, unchecked.")

    hits = search.search(organisation.pk, "referral inbox", mode=mode)
    theirs = search.search(other_organisation.pk, "referral inbox", mode=mode)

    assert references(hits) == [inbox.reference]
    assert references(theirs) == [elsewhere.reference]


def test_an_empty_organisation_finds_nothing(organisation):
    for mode in search.MODES:
        assert search.search(organisation.pk, "referral", mode=mode) == []


# ---- semantic and hybrid ------------------------------------------------------------------------------

def test_semantic_search_ranks_the_closest_meaning_first(organisation, inbox, discharge, foster):
    hits = search.search(organisation.pk, "nobody was told when he came home from hospital", mode="semantic")

    assert hits[0].reference == discharge.reference
    assert hits[0].semantic_rank == 1 and hits[0].keyword_rank is None
    assert hits[0].score > hits[1].score


def test_rrf_by_hand():
    # a: keyword 1, semantic 3 → 1/61 + 1/63; b: keyword 2 → 1/62; c: semantic 1, keyword 3 → 1/61 + 1/63;
    # d: semantic 2 → 1/62. a and c tie: a's best rank (1) ties c's, so the lower id wins.
    fused = search.fuse([1, 2, 3], [3, 4, 1])
    assert [report_id for report_id, _score in fused] == [1, 3, 2, 4]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 63)
    assert fused[2][1] == pytest.approx(1 / 62)
    assert search.fuse([5, 6], [], k=1) == [(5, 0.5), (6, pytest.approx(1 / 3))]


def test_hybrid_order_is_the_fusion_of_the_keyword_and_semantic_lists(organisation, inbox, discharge, foster):
    query = "the child was not told"
    # Hybrid reads 50 deep in each list, and its keyword list holds only reports with every word.
    keyword = [report_id for report_id, _ in search.keyword_ranked(organisation.pk, search.terms_of(query), 50,
                                                                    any_term=False)]
    semantic = [hit.report_id for hit in search.search(organisation.pk, query, mode="semantic", limit=50)]
    hybrid = search.search(organisation.pk, query, mode="hybrid")

    assert keyword == [foster.pk] and len(semantic) == 3

    expected = {}
    for ranked in (keyword, semantic):
        for rank, report_id in enumerate(ranked, start=1):
            expected[report_id] = expected.get(report_id, 0) + 1 / (60 + rank)
    assert [hit.report_id for hit in hybrid] == [report_id for report_id, _ in search.fuse(keyword, semantic)]
    for hit in hybrid:
        assert hit.score == pytest.approx(expected[hit.report_id])
        assert hit.keyword_rank == (keyword.index(hit.report_id) + 1 if hit.report_id in keyword else None)
        assert hit.semantic_rank == semantic.index(hit.report_id) + 1


def test_limit_is_kept(organisation, reviewer):
    for number in range(12):
        readable_report(organisation, f"Visit number {number} to the family was missed.", by=reviewer)
    assert len(search.search(organisation.pk, "visit missed", mode="hybrid", limit=5)) == 5
    assert len(search.search(organisation.pk, "visit missed", mode="keyword", limit=0)) == 1


# ---- filters ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", search.MODES)
def test_filters_by_kind_service_area_and_stage(organisation, inbox, discharge, foster, mode):
    query = "the worker was not told"

    def found(**filters):
        return set(references(search.search(organisation.pk, query, mode=mode, filters=search.SearchFilters(**filters))))

    assert found(kind="incident") <= {discharge.reference}
    assert found(service_area="fostering_adoption") <= {foster.reference}
    assert found(stage="referral") <= {inbox.reference}
    assert found(service_area="children", kind="incident") == set()


def test_filters_by_factor_risk_and_a_coded_stage(organisation, reviewer, inbox, discharge, foster):
    code(reviewer, organisation, inbox, "fatigue", stage="assessment", potential_harm=5, likelihood=5)
    code(reviewer, organisation, discharge, "workload-caseload", potential_harm=1, likelihood=1)

    def found(**filters):
        return references(search.search(organisation.pk, "worker", mode="keyword",
                                        filters=search.SearchFilters(**filters)))

    assert found(factor="fatigue") == [inbox.reference]
    assert found(risk="extreme") == [inbox.reference]
    assert found(risk="low") == [discharge.reference]
    assert found(stage="assessment") == [inbox.reference]
    assert found(factor="no-such-factor") == []


def test_filters_by_date_and_by_allowed_ids(organisation, inbox, discharge, foster):
    from reporting.models import Report

    Report.objects.filter(pk=inbox.pk).update(submitted_at=timezone.now() - timedelta(days=400))
    today = timezone.localdate()

    def found(**filters):
        return set(references(search.search(organisation.pk, "", filters=search.SearchFilters(**filters), limit=50)))

    assert inbox.reference not in found(date_from=today - timedelta(days=30))
    assert found(date_to=today - timedelta(days=300)) == {inbox.reference}
    assert found(report_ids=[foster.pk]) == {foster.reference}
    assert found(report_ids=Report.objects.filter(pk=discharge.pk).values("pk")) == {discharge.reference}


def test_a_theme_filter_finds_the_theme_s_reports_and_a_merged_theme_finds_where_they_went(
        organisation, other_organisation, inbox, discharge, foster):
    from intelligence.models import ReportTheme, Theme

    def found(theme):
        return set(references(search.search(organisation.pk, "", filters=search.SearchFilters(theme_id=theme.pk), limit=50)))

    month = timezone.localdate().replace(day=1)
    handovers = Theme.objects.create(organisation=organisation, auto_label="Inbox, handover")
    merged = Theme.objects.create(organisation=organisation, auto_label="Discharge", status=Theme.Status.MERGED,
                                  merged_into=handovers)
    for report_ in (inbox, discharge):
        ReportTheme.objects.create(report_id=report_.pk, organisation=organisation, theme=handovers, month=month)
    elsewhere = Theme.objects.create(organisation=other_organisation, auto_label="Inbox")

    assert found(handovers) == {inbox.reference, discharge.reference}
    assert found(merged) == {inbox.reference, discharge.reference}
    assert found(elsewhere) == set()
    assert search.search(organisation.pk, "inbox", filters=search.SearchFilters(theme_id=987654)) == []


def test_filters_without_words_list_the_newest_matching_reports(organisation, inbox, discharge, foster):
    hits = search.search(organisation.pk, "", filters=search.SearchFilters(service_area="adults"))
    assert references(hits) == [discharge.reference]
    assert search.search(organisation.pk, "") == []


def test_the_database_backend_is_the_vendors_own():
    backend = search.keyword_backend()
    expected = search.PostgreSQLKeyword if connection.vendor == "postgresql" else search.SQLiteKeyword
    assert isinstance(backend, expected)


# ---- the page -----------------------------------------------------------------------------------------

def search_page(client, organisation, **params):
    from urllib.parse import urlencode

    return client.get(f"/o/{organisation.slug}/search/?" + urlencode(params, errors="surrogatepass"))


def test_the_page_lists_matches_with_links_to_the_reports_and_keeps_the_search_in_the_url(
        reviewer_client, organisation, inbox, discharge):
    response = search_page(reviewer_client, organisation, q="discharge letter", mode="keyword", service_area="adults")
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="/o/{organisation.slug}/reports/{discharge.reference}/"' in html
    assert inbox.reference not in html
    assert "<mark>discharge</mark>" in html
    assert 'value="discharge letter"' in html and '<option value="adults" selected>' in html
    assert '<option value="keyword" selected>' in html


def test_the_page_explains_an_empty_organisation(reviewer_client, organisation):
    response = search_page(reviewer_client, organisation)
    assert response.status_code == 200
    assert b'data-testid="search-empty-organisation"' in response.content
    assert b"confirmed its de-identification" in response.content

    searched = search_page(reviewer_client, organisation, q="referral")
    assert searched.status_code == 200 and b"0 reports found" in searched.content


def test_no_match_says_so(reviewer_client, organisation, inbox):
    response = search_page(reviewer_client, organisation, q="zebra", mode="keyword")
    assert b'data-testid="search-no-results"' in response.content


def test_the_search_link_is_in_the_navigation_for_those_who_may_read_reports(reviewer_client, organisation):
    response = reviewer_client.get(f"/o/{organisation.slug}/queue/")
    assert f'href="/o/{organisation.slug}/search/"'.encode() in response.content


def test_who_may_use_the_page(client, organisation, other_organisation, manager, inbox):
    from organisations.models import Role
    from tests.factories import sign_in

    assert search_page(sign_in(client, manager), organisation, q="inbox").status_code == 200
    assert search_page(sign_in(client, member(organisation, Role.REPORTER, username="r9")), organisation,
                       q="inbox").status_code == 403
    assert search_page(sign_in(client, member(other_organisation, username="o9")), organisation,
                       q="inbox").status_code == 404


def test_a_bad_date_is_a_form_error_not_a_failure(reviewer_client, organisation, inbox):
    response = search_page(reviewer_client, organisation, q="inbox", date_from="31/02/2026", kind="explosion")
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    later = search_page(reviewer_client, organisation, q="inbox", date_from="2/3/2026", date_to="1/3/2026")
    assert later.status_code == 400 and b"The end date must be the same as or after the start date" in later.content


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_no_query_breaks_the_page(reviewer_client, organisation, inbox, query):
    for mode in search.MODES:
        response = search_page(reviewer_client, organisation, q=query, mode=mode)
        assert response.status_code == 200, (mode, response.content[:300])
        html = response.content.decode()
        assert "<script>alert" not in html
        if "<mark>" in query:
            assert "&lt;mark&gt;inbox&lt;/mark&gt;" in html


def test_bytes_that_are_not_utf8_are_a_query_like_any_other(reviewer_client, organisation, inbox):
    response = reviewer_client.get(f"/o/{organisation.slug}/search/?q=%FF%FEinbox%C0&mode=keyword")
    assert response.status_code == 200


def test_a_word_in_very_many_reports_ranks_only_the_newest_matches(organisation, reviewer, settings):
    settings.GOODCATCH_SEARCH_RANK_WINDOW = 2
    made = [readable_report(organisation, f"Visit {number} to the family was missed.", by=reviewer) for number in range(4)]

    found = references(search.search(organisation.pk, "visit", mode="keyword"))

    assert sorted(found) == sorted(made_report.reference for made_report in made[-2:])


ONE_QUERY = ("SELECT report_id, ts_rank_cd(search_vector, q) AS r FROM ("
             "SELECT d.report_id, d.search_vector, q FROM intelligence_searchdocument d, to_tsquery('english', %s) q "
             "WHERE d.organisation_id = %s AND d.search_vector @@ q{within} ORDER BY d.report_id DESC LIMIT %s) AS newest "
             "ORDER BY r DESC, report_id LIMIT %s")


def test_postgresql_finds_in_steps_exactly_the_newest_matches_one_query_would(organisation, other_organisation,
                                                                              settings, monkeypatch):
    """The walk, the walk taken further and the index (PostgreSQLKeyword) give what the single query
    they replaced gave: the same reports, ranks and order, for words dense, sparse, absent, found only
    in old reports, said together as a phrase, with AND and OR, with and without filters."""
    if connection.vendor != "postgresql":
        pytest.skip("the steps are PostgreSQL's keyword backend")
    import random
    import secrets

    from reporting.choices import DeidStatus, ReportKind
    from reporting.models import Report

    settings.GOODCATCH_SEARCH_RANK_WINDOW = 12
    monkeypatch.setattr(search, "WALK_FIRST", 10)
    monkeypatch.setattr(search, "WALK_MOST", 60)
    rng, now = random.Random(3), timezone.now()
    shares = {"common": 0.9, "frequent": 0.3, "middling": 0.1, "sparse": 0.02}
    documents = []
    for number in range(600):
        home = other_organisation if number % 7 == 0 else organisation
        subject = Report.objects.create(organisation=home, reference=f"GC-KW{number:04d}", kind=rng.choice(ReportKind.values),
                                        receipt_hash=secrets.token_hex(32), deid_status=DeidStatus.CONFIRMED,
                                        submitted_at=now, updated_at=now, what_happened="A visit.")
        words = [word for word, share in shares.items() if rng.random() < share]
        words += ["olden"] if number < 80 and rng.random() < 0.5 else []  # only in old reports
        words += ["return home interview"] if rng.random() < 0.15 else []  # a phrase: its words go together
        words += ["visit"] * rng.randint(1, 3)
        documents.append(SearchDocument(report_id=subject.pk, organisation_id=home.pk, narrative=" ".join(words),
                                        coded=rng.choice(["", "Near miss", "Incident"])))
    SearchDocument.objects.bulk_create(documents)
    backend = search.PostgreSQLKeyword()
    used = []

    def counted(step, name):
        def call(cursor, organisation_id, query, allowed, below, *rest):
            used.append(name if name == "index" or below is None else "walk further")
            return step(cursor, organisation_id, query, allowed, below, *rest)
        return staticmethod(call)

    monkeypatch.setattr(search.PostgreSQLKeyword, "_walk", counted(search.PostgreSQLKeyword._walk, "walk"))
    monkeypatch.setattr(search.PostgreSQLKeyword, "_indexed", counted(search.PostgreSQLKeyword._indexed, "index"))
    kinds = Report.objects.filter(organisation=organisation, kind=ReportKind.INCIDENT).order_by().values("pk")

    def one_query(terms, operator, depth, allowed):
        subquery, params = search._subquery(allowed)
        sql = ONE_QUERY.format(within=f" AND d.report_id IN ({subquery})" if subquery else "")
        with connection.cursor() as cursor:
            cursor.execute(sql, [search._tsquery(terms, "&" if operator == "AND" else "|"), organisation.pk, *params,
                                 search.rank_window(), depth])
            return [(int(report_id), float(rank)) for report_id, rank in cursor.fetchall()]

    queries = [["common"], ["frequent"], ["middling"], ["sparse"], ["olden"], ["zebra"], ["return", "home", "interview"],
               ["common", "middling"], ["sparse", "olden"], ["visit", "incident"]]
    checked = 0
    for terms in queries:
        for operator in ("AND", "OR"):
            for allowed in (None, kinds):
                for depth in (5, 50):
                    expected = one_query(terms, operator, depth, allowed)
                    assert backend.ranked(organisation.pk, terms, operator, depth, allowed) == expected, \
                        (terms, operator, depth, allowed is not None)
                    checked += bool(expected)
    assert checked > 50  # most of them find something
    assert {"walk", "walk further", "index"} <= set(used)  # every step was taken
