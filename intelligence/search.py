"""Search over an organisation's confirmed reports: keyword, semantic, and the two fused.

Keyword search is the database's own full-text index behind one interface: SQLite FTS5 (BM25) by
default, PostgreSQL full-text search (ts_rank_cd over a GIN-indexed tsvector) in production. It reads
`SearchDocument`s: a report's de-identified narrative and its coded fields as words, rewritten when
the report is confirmed and whenever its coding changes.

A query is never handed to either engine's query language. It is cut into words here, and each word
is quoted as a plain term, so that quotes, operators (AND, NEAR, *, -), column filters and SQL are
only ever words to look for. Every word must match (AND); in keyword mode, when that finds fewer than
asked for, reports matching any of the words follow (in hybrid mode the semantic list brings those).

Semantic search embeds the query with the model that embeds reports (intelligence.vectors). Hybrid
ranking is reciprocal rank fusion (Cormack et al. 2009): score = Σ 1 / (60 + rank) over the two lists.

Every search is scoped to one organisation and to confirmed reports only; the final hits are read back
through `reporting.services` with both conditions, whatever the indexes say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coding import search_fields as coding
from reporting import services as reporting
from reporting.choices import ReportKind, ServiceArea, Stage, short_label

from . import themes, vectors
from .models import SearchDocument

MODES = ("hybrid", "keyword", "semantic")
RRF_K = 60
CANDIDATES = 50          # how deep each list is read before fusing
MAX_LIMIT = 100
MAX_QUERY_CHARS = 1000   # a longer query is cut here: nobody types more, and it bounds the work
MAX_TERMS = 24
MAX_TERM_CHARS = 64
BATCH = 500
WALK_FIRST = 5_000       # PostgreSQL: documents walked newest first before the words' density is known
WALK_MOST = 60_000       # ... and at most walked in all, before the rest comes from the index
_START, _STOP = "\x02", "\x03"  # highlight markers: control characters, which report text never holds
_WORD = re.compile(r"[^\W_]+")
# Words nearly every report holds: alone they find everything and rank nothing. PostgreSQL's english
# configuration drops these (and more) itself; FTS5 has no stop list, so they are dropped here.
_STOP_WORDS = frozenset(
    "a an and are as at be but by for from had has have he her his i if in into is it its me my no not of on "
    "or our she so that the their them then there they this to was we were what when which who will with you".split())


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search. Empty values do not filter. `report_ids` is any set of allowed report ids (a
    queryset of ids or a sequence), such as a theme's reports; `theme_id` is looked up to one."""

    kind: str = ""
    service_area: str = ""
    stage: str = ""
    factor: str = ""          # a contributing factor's key
    risk: str = ""            # a risk band's key (coding.risk.BANDS)
    date_from: date | None = None
    date_to: date | None = None
    theme_id: int | None = None
    report_ids: QuerySet | Sequence[int] | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return any((self.kind, self.service_area, self.stage, self.factor, self.risk, self.date_from, self.date_to,
                    self.theme_id is not None, self.report_ids is not None))


@dataclass(frozen=True)
class SearchHit:
    report_id: int
    reference: str
    snippet: SafeString       # escaped text; only <mark> tags are markup
    score: float              # keyword: BM25 / ts_rank (higher is better); semantic: cosine; hybrid: RRF
    keyword_rank: int | None  # 1-based place in the keyword list, if the report was in it
    semantic_rank: int | None
    kind: str = ""
    submitted_on: date | None = None


# ---- the query --------------------------------------------------------------------------------------

def terms_of(query: str) -> list[str]:
    """The words of a query, lower-cased, each at most once: letters and digits only, so that no
    character of any engine's query syntax survives. Common words are dropped unless nothing else is left."""
    words: list[str] = []
    for match in _WORD.finditer((query or "")[:MAX_QUERY_CHARS]):
        word = match.group().lower()[:MAX_TERM_CHARS]
        if word not in words:
            words.append(word)
    kept = [word for word in words if word not in _STOP_WORDS]
    return (kept or words)[:MAX_TERMS]


def _fts5_query(terms: Sequence[str], operator: str) -> str:
    # Each term is an FTS5 string (double quotes, any inside doubled): never an operator or column.
    return f" {operator} ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _fts5_words(terms: Sequence[str], operator: str) -> str:
    """The words, which may match only the text columns (never the organisation's)."""
    return f"{{narrative coded}} : ({_fts5_query(terms, operator)})"


def _fts5_scoped(organisation_id: int, terms: Sequence[str], operator: str) -> str:
    """The organisation's term AND the words."""
    return f'organisation_id : "{int(organisation_id)}" AND {_fts5_words(terms, operator)}'


def _tsquery(terms: Sequence[str], operator: str) -> str:
    # Each term quoted as a tsquery lexeme; terms hold letters and digits only.
    return f" {operator} ".join("'" + term.replace("'", "''").replace("\\", "") + "'" for term in terms)


# ---- the keyword backends ---------------------------------------------------------------------------

def _subquery(allowed: QuerySet | None) -> tuple[str, list]:
    if allowed is None:
        return "", []
    sql, params = allowed.values("pk").query.sql_with_params()
    return sql, list(params)


class SQLiteKeyword:
    """FTS5, ranked by BM25 with the coded fields weighted twice the narrative. The organisation is also
    a term of its own column: finding the window of newest matches needs no join. The ranking query
    leaves that term out (BM25 counts the reports holding each term of a query, and the organisation's
    is in all of them) and checks the organisation by the document's row, only inside the window."""

    def ranked(self, organisation_id: int, terms: Sequence[str], operator: str, depth: int,
               allowed: QuerySet | None) -> list[tuple[int, float]]:
        subquery, sub_params = _subquery(allowed)
        within = f" AND f.rowid IN ({subquery})" if subquery else ""
        with connection.cursor() as cursor:
            # Walking the matches newest first is cheap (no ranking); it finds where the window starts.
            cursor.execute("SELECT f.rowid FROM intelligence_search_fts f WHERE intelligence_search_fts MATCH %s"  # noqa: S608
                           f"{within} ORDER BY f.rowid DESC LIMIT 1 OFFSET %s",
                           [_fts5_scoped(organisation_id, terms, operator), *sub_params, rank_window()])
            oldest = cursor.fetchone()
            # Only placeholders and the compiler's own SQL for the filters go into the text; values are parameters.
            cursor.execute("SELECT f.rowid, bm25(intelligence_search_fts, 1.0, 2.0, 0.0) AS r "  # noqa: S608
                           "FROM intelligence_search_fts f JOIN intelligence_searchdocument d ON d.report_id = f.rowid "
                           "WHERE intelligence_search_fts MATCH %s AND d.organisation_id = %s"
                           + (" AND f.rowid > %s" if oldest else "") + within + " ORDER BY r, f.rowid LIMIT %s",
                           [_fts5_words(terms, operator), organisation_id, *([oldest[0]] if oldest else []),
                            *sub_params, depth])
            return [(int(report_id), -float(rank)) for report_id, rank in cursor.fetchall()]

    def snippets(self, terms: Sequence[str], ids: Sequence[int]) -> dict[int, str]:
        if not ids or not terms:
            return {}
        # One report at a time: FTS5 seeks straight to a rowid, where a list of them would make it
        # walk every report matching any term.
        sql = ("SELECT snippet(intelligence_search_fts, -1, %s, %s, '…', 24) FROM intelligence_search_fts "
               "WHERE intelligence_search_fts MATCH %s AND rowid = %s")
        query, found = _fts5_words(terms, "OR"), {}
        with connection.cursor() as cursor:
            for report_id in ids:
                cursor.execute(sql, [_START, _STOP, query, report_id])
                row = cursor.fetchone()
                if row is not None:
                    found[report_id] = row[0]
        return found


class PostgreSQLKeyword:
    """PostgreSQL full-text search with the english configuration, ranked by ts_rank_cd over the newest
    `rank_window()` matches.

    Those matches are found in up to three steps, the newest documents first. In one query PostgreSQL
    would choose between walking the documents newest first (quick for a word in many of them) and
    reading every match through the GIN index to sort them (quick for a rare one) by how many it
    expects to match; for words that go together, as a phrase's do, it multiplies their shares as if
    they did not and expects a fiftieth of the truth, then reads 65,000 matches through the index for
    2,000 (0.2 s with the table in memory, 1.3 s from disk at a million documents). So:

    1. the newest WALK_FIRST documents are walked, whatever the planner expects, which gives how
       densely the words match among recent reports;
    2. if the window is not full and that density says the rest are within WALK_MOST documents,
       the walk goes on that far (half as far again as the density says);
    3. whatever is still missing comes from the index, below the documents walked: by then the words
       are rare among recent reports, which is what the index is quick for.

    Each step takes the newest matches of its own range of documents, so the window is exactly the
    newest matches, as one query would give."""

    def ranked(self, organisation_id: int, terms: Sequence[str], operator: str, depth: int,
               allowed: QuerySet | None) -> list[tuple[int, float]]:
        query, window = _tsquery(terms, "&" if operator == "AND" else "|"), rank_window()
        with connection.cursor() as cursor:
            found, lowest, walked = self._walk(cursor, organisation_id, query, allowed, None, WALK_FIRST, window)
            more_below = walked == WALK_FIRST
            if len(found) < window and more_below and found:
                need = window - len(found)
                reach = need * walked / len(found)  # documents that should hold the rest, at this density
                if reach <= WALK_MOST:
                    documents = min(WALK_MOST, math.ceil(1.5 * reach))
                    more, lowest_walked, walked = self._walk(cursor, organisation_id, query, allowed, lowest,
                                                             documents, need)
                    found += more
                    more_below = walked == documents
                    lowest = lowest_walked if lowest_walked is not None else lowest
            if len(found) < window and more_below:
                found += self._indexed(cursor, organisation_id, query, allowed, lowest, window - len(found))
        ranked = sorted(((int(report_id), float(rank)) for report_id, rank in found), key=lambda hit: (-hit[1], hit[0]))
        return ranked[:depth]

    @staticmethod
    def _walk(cursor, organisation_id: int, query: str, allowed: QuerySet | None, below: int | None, documents: int,
              wanted: int) -> tuple[list[tuple[int, float]], int | None, int]:
        """The newest `wanted` matches among the organisation's `documents` newest documents (below the
        id `below`), with the lowest id walked and how many were. The documents are a materialised CTE, so
        the index cannot be used instead of the walk, and the walk stops after `documents`."""
        subquery, sub_params = _subquery(allowed)
        # Only placeholders and the compiler's own SQL for the filters go into the text; values are parameters.
        sql = ("WITH recent AS MATERIALIZED (SELECT report_id, search_vector FROM intelligence_searchdocument "  # noqa: S608
               "WHERE organisation_id = %s" + (" AND report_id < %s" if below is not None else "")
               + " ORDER BY report_id DESC LIMIT %s), "
               "hits AS (SELECT report_id, search_vector, q FROM recent, to_tsquery('english', %s) q "
               "WHERE search_vector @@ q" + (f" AND report_id IN ({subquery})" if subquery else "")
               + " ORDER BY report_id DESC LIMIT %s) "
               "SELECT report_id, ts_rank_cd(search_vector, q), 0 FROM hits "
               "UNION ALL SELECT MIN(report_id), NULL, COUNT(*) FROM recent")
        cursor.execute(sql, [organisation_id, *([below] if below is not None else []), documents, query, *sub_params,
                             wanted])
        rows = cursor.fetchall()
        [(lowest, _no_rank, walked)] = [row for row in rows if row[1] is None]
        return [(report_id, rank) for report_id, rank, _zero in rows if rank is not None], lowest, walked

    @staticmethod
    def _indexed(cursor, organisation_id: int, query: str, allowed: QuerySet | None, below: int | None,
                 wanted: int) -> list[tuple[int, float]]:
        """The newest `wanted` matches below the id `below`, as the planner finds them (the GIN index)."""
        subquery, sub_params = _subquery(allowed)
        sql = ("SELECT report_id, ts_rank_cd(search_vector, q) FROM ("  # noqa: S608
               "SELECT d.report_id, d.search_vector, q FROM intelligence_searchdocument d, to_tsquery('english', %s) q "
               "WHERE d.organisation_id = %s" + (" AND d.report_id < %s" if below is not None else "")
               + " AND d.search_vector @@ q" + (f" AND d.report_id IN ({subquery})" if subquery else "")
               + " ORDER BY d.report_id DESC LIMIT %s) AS newest")
        cursor.execute(sql, [query, organisation_id, *([below] if below is not None else []), *sub_params, wanted])
        return cursor.fetchall()

    def snippets(self, terms: Sequence[str], ids: Sequence[int]) -> dict[int, str]:
        if not ids or not terms:
            return {}
        options = f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
        sql = ("SELECT d.report_id, ts_headline('english', d.narrative || E'\\n' || d.coded, q, %s) "
               "FROM intelligence_searchdocument d, to_tsquery('english', %s) q WHERE d.report_id = ANY(%s) "
               "AND d.search_vector @@ q")
        with connection.cursor() as cursor:
            cursor.execute(sql, [options, _tsquery(terms, "|"), list(ids)])
            return {int(report_id): text for report_id, text in cursor.fetchall()}


def rank_window() -> int:
    """How many matches, newest first, keyword search ranks. A word in most reports matches tens of
    thousands, and ranking them all costs more than the rest of a search together; the newest
    2,000 of them hold what a reviewer is after, and a rarer word or a filter narrows the matches."""
    return int(getattr(settings, "GOODCATCH_SEARCH_RANK_WINDOW", 2000))


def keyword_backend() -> SQLiteKeyword | PostgreSQLKeyword:
    if connection.vendor == "postgresql":
        return PostgreSQLKeyword()
    if connection.vendor == "sqlite":
        return SQLiteKeyword()
    raise NotImplementedError(f"Keyword search needs SQLite or PostgreSQL, not {connection.vendor}")


# ---- filters ----------------------------------------------------------------------------------------

def report_ids_in_theme(organisation_id: int, theme_id: int):
    """The ids of a theme's reports, as a query that stays in SQL (a merged theme's id finds the theme
    it went into)."""
    return themes.report_ids_query(organisation_id, theme_id)


def allowed_reports(organisation_id: int, filters: SearchFilters | None) -> QuerySet | None:
    """The organisation's confirmed reports that pass the filters, as a queryset of ids; None for no filters."""
    if not filters:
        return None
    reports = reporting.readable_reports(organisation_id)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.service_area:
        reports = reports.filter(service_area=filters.service_area)
    if filters.stage:  # the stage the reporter gave, or one a coder chose
        reports = reports.filter(Q(stage=filters.stage)
                                 | Q(pk__in=coding.reports_with_coded_stage(organisation_id, filters.stage)))
    if filters.factor:
        reports = reports.filter(pk__in=coding.reports_with_factor(organisation_id, filters.factor))
    if filters.risk:
        reports = reports.filter(pk__in=coding.reports_with_risk_band(organisation_id, filters.risk))
    if filters.date_from:
        reports = reports.filter(submitted_at__date__gte=filters.date_from)
    if filters.date_to:
        reports = reports.filter(submitted_at__date__lte=filters.date_to)
    if filters.theme_id is not None:
        in_theme = report_ids_in_theme(organisation_id, filters.theme_id)
        reports = reports.filter(pk__in=in_theme) if in_theme is not None else reports.none()
    if filters.report_ids is not None:
        ids = filters.report_ids
        reports = reports.filter(pk__in=ids if isinstance(ids, QuerySet) else list(ids))
    return reports.order_by().values("pk")


# ---- searching --------------------------------------------------------------------------------------

def keyword_ranked(organisation_id: int, terms: Sequence[str], depth: int, allowed: QuerySet | None = None, *,
                   any_term: bool = True) -> list[tuple[int, float]]:
    """(report id, score), best first: reports with every term, then (with `any_term`) reports with any
    of them. Hybrid search leaves the partial matches to the semantic list: ranking every report with
    any one common word is the slowest thing keyword search does."""
    if not terms:
        return []
    backend = keyword_backend()
    ranked = backend.ranked(organisation_id, terms, "AND", depth, allowed)
    if any_term and len(ranked) < depth and len(terms) > 1:
        found = {report_id for report_id, _score in ranked}
        ranked += [hit for hit in backend.ranked(organisation_id, terms, "OR", depth, allowed)
                   if hit[0] not in found][:depth - len(ranked)]
    return ranked


def semantic_ranked(organisation_id: int, query: str, depth: int,
                    allowed: QuerySet | None = None) -> list[tuple[int, float]]:
    index = vectors.index_for(organisation_id)
    if not len(index):
        return []
    allowed_ids = None if allowed is None else np.array(sorted(allowed.values_list("pk", flat=True)), dtype=np.int64)
    if allowed_ids is not None and not len(allowed_ids):
        return []
    query_vector = vectors.embed_texts([query[:MAX_QUERY_CHARS]])[0]
    if not np.any(query_vector):
        return []
    return [(hit.report_id, hit.score) for hit in index.search(query_vector, depth, allowed=allowed_ids)]


def fuse(*ranked_lists: Sequence[int], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each id scores Σ 1/(k + rank) over the lists it is in (rank from 1).
    Ties go to the id with the better best rank, then the lower id, so the order is stable."""
    scores: dict[int, float] = {}
    best: dict[int, int] = {}
    for ranked in ranked_lists:
        for rank, report_id in enumerate(ranked, start=1):
            scores[report_id] = scores.get(report_id, 0.0) + 1.0 / (k + rank)
            best[report_id] = min(best.get(report_id, rank), rank)
    return sorted(scores.items(), key=lambda item: (-item[1], best[item[0]], item[0]))


def search(organisation_id: int, q: str, *, mode: str = "hybrid", limit: int = 10,
           filters: SearchFilters | None = None) -> list[SearchHit]:
    """The organisation's confirmed reports that best match `q`, best first. Any string is a valid
    query; with no words in it, the filtered reports come newest first (nothing without filters)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    limit = max(1, min(int(limit), MAX_LIMIT))
    q = (q or "")[:MAX_QUERY_CHARS]
    terms = terms_of(q)
    allowed = allowed_reports(organisation_id, filters)
    if allowed is not None and allowed.query.is_empty():
        return []
    if not terms:
        return _newest(organisation_id, allowed, limit) if allowed is not None else []
    depth = max(limit, CANDIDATES) if mode == "hybrid" else limit
    keyword = keyword_ranked(organisation_id, terms, depth, allowed, any_term=mode == "keyword") \
        if mode != "semantic" else []
    semantic = semantic_ranked(organisation_id, q, depth, allowed) if mode != "keyword" else []
    keyword_rank = {report_id: rank for rank, (report_id, _score) in enumerate(keyword, start=1)}
    semantic_rank = {report_id: rank for rank, (report_id, _score) in enumerate(semantic, start=1)}
    if mode == "keyword":
        scored = keyword
    elif mode == "semantic":
        scored = semantic
    else:
        scored = fuse([report_id for report_id, _score in keyword], [report_id for report_id, _score in semantic])
    return _hits(organisation_id, terms, scored[:limit], keyword_rank, semantic_rank)


def _newest(organisation_id: int, allowed: QuerySet, limit: int) -> list[SearchHit]:
    ids = list(reporting.readable_reports(organisation_id).filter(pk__in=allowed)
               .order_by("-submitted_at", "-pk").values_list("pk", flat=True)[:limit])
    return _hits(organisation_id, [], [(report_id, 0.0) for report_id in ids], {}, {})


def _hits(organisation_id: int, terms: Sequence[str], scored: Sequence[tuple[int, float]],
          keyword_rank: dict[int, int], semantic_rank: dict[int, int]) -> list[SearchHit]:
    ids = [report_id for report_id, _score in scored]
    # The last word on tenancy and readability: only the organisation's confirmed reports come back.
    reports = {report.pk: report for report in reporting.reports_with_ids(organisation_id, ids)
               .only("pk", "reference", "kind", "submitted_at", "deid_status", "confidentiality")
               if reporting.is_readable(report)}
    highlighted = keyword_backend().snippets(terms, [report_id for report_id in ids if report_id in reports])
    plain = dict(SearchDocument.objects.filter(report_id__in=[i for i in ids if i in reports and i not in highlighted])
                 .values_list("report_id", "narrative"))
    hits = []
    for report_id, score in scored:
        report = reports.get(report_id)
        if report is None:
            continue
        snippet = highlight_html(highlighted[report_id]) if report_id in highlighted else \
            _leading_words(plain.get(report_id, ""))
        hits.append(SearchHit(report_id=report_id, reference=report.reference, snippet=snippet, score=score,
                              keyword_rank=keyword_rank.get(report_id), semantic_rank=semantic_rank.get(report_id),
                              kind=short_label(report.get_kind_display()),
                              submitted_on=timezone.localdate(report.submitted_at)))
    return hits


def highlight_html(marked: str) -> SafeString:
    """Engine output with highlight markers → escaped HTML whose only tags are balanced <mark>s."""
    parts, open_mark = [], False
    for piece in re.split(f"([{_START}{_STOP}])", marked):
        if piece == _START:
            if not open_mark:
                parts.append("<mark>")
                open_mark = True
        elif piece == _STOP:
            if open_mark:
                parts.append("</mark>")
                open_mark = False
        else:
            parts.append(escape(piece))
    if open_mark:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped above; only <mark> is added)


def _leading_words(text: str, words: int = 30) -> SafeString:
    split = text.split()
    return escape(" ".join(split[:words]) + (" …" if len(split) > words else ""))


# ---- keeping the index ------------------------------------------------------------------------------

def _coded_text(report, factors: list[str], coded_stages: list[str]) -> str:
    """The coded fields as words people search for, in the service's own language."""
    with translation.override("en"):
        words = [short_label(ReportKind(report.kind).label) if report.kind in ReportKind.values else ""]
        if report.service_area in ServiceArea.values:
            words.append(str(ServiceArea(report.service_area).label))
        for stage in [report.stage, *coded_stages]:
            if stage in Stage.values and str(Stage(stage).label) not in words:
                words.append(str(Stage(stage).label))
        words.extend(factors)
    return ". ".join(word for word in words if word)


def index_reports(organisation_id: int, report_ids: Iterable[int]) -> int:
    """(Re)write the search documents of these reports of one organisation; a report that is not (or no
    longer) confirmed loses its document. Returns how many documents were written."""
    ids = sorted(set(report_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        reports = [report for report in reporting.reports_with_ids(organisation_id, batch) if reporting.is_readable(report)]
        coded = coding.coded_fields([report.pk for report in reports])
        rows = [SearchDocument(report_id=report.pk, organisation_id=organisation_id,
                               narrative=reporting.readable_text(report),
                               coded=_coded_text(report, *coded.get(report.pk, ([], []))))
                for report in reports]
        with transaction.atomic():
            SearchDocument.objects.filter(organisation_id=organisation_id, report_id__in=batch).delete()
            SearchDocument.objects.bulk_create(rows)
        written += len(rows)
    return written


def missing_ids(organisation_id: int) -> list[int]:
    """Confirmed reports with no search document. NOT EXISTS, not NOT IN: PostgreSQL cannot run NOT IN
    over a subquery as an anti-join, and once it knows there are a million documents (more than
    work_mem holds as a hash) it checks each report against the whole list: hours at a million."""
    indexed = SearchDocument.objects.filter(organisation_id=organisation_id, report_id=OuterRef("pk"))
    return list(reporting.readable_reports(organisation_id).filter(~Exists(indexed)).order_by("pk")
                .values_list("pk", flat=True))


def backfill(organisation_ids: Iterable[int] | None = None, *, rebuild: bool = False) -> int:
    """Index every confirmed report that has no search document (every one, with `rebuild`): after
    this part was installed, or after a lost task. Returns how many documents were written."""
    if organisation_ids is None:
        organisation_ids = reporting.organisation_ids_with_readable_reports()
    written = 0
    for organisation_id in organisation_ids:
        ids = (list(reporting.readable_reports(organisation_id).order_by("pk").values_list("pk", flat=True))
               if rebuild else missing_ids(organisation_id))
        written += index_reports(organisation_id, ids)
    if written > BATCH:
        optimise()
    return written


def optimise() -> None:
    """Merge the FTS5 index's segments after a large load (PostgreSQL's GIN index needs nothing)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO intelligence_search_fts(intelligence_search_fts) VALUES ('optimize')")
