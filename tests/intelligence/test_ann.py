"""The approximate (HNSW) index: close to exact search, filtered search, and how it is saved, loaded
and kept current so that nothing confirmed is missed."""

from __future__ import annotations

import numpy as np
import pytest

from intelligence import ann, vectors
from tests.factories import member, readable_report

LETTER = "The hospital discharge letter never reached the social worker, so the follow-up visit was missed."


def _clustered(n: int, seed: int = 3) -> np.ndarray:
    """Unit vectors around a few hundred centres, as report embeddings cluster by theme."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(200, vectors.DIMENSIONS))
    matrix = centres[rng.integers(0, 200, n)] + 0.6 * rng.normal(size=(n, vectors.DIMENSIONS))
    matrix = matrix.astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _graph(ids: np.ndarray, matrix: np.ndarray):
    graph = ann.new_graph()
    graph.add(ids.astype(np.uint64), matrix, threads=1)
    return graph


@pytest.fixture(scope="module")
def small_set():
    matrix = _clustered(5000)
    ids = np.arange(1000, 6000, dtype=np.int64)
    return ids, matrix, _graph(ids, matrix)


def _recall(approximate: list[vectors.Hit], exact: list[vectors.Hit]) -> float:
    return len({h.report_id for h in approximate} & {h.report_id for h in exact}) / max(len(exact), 1)


def test_the_approximate_index_finds_nearly_what_exact_search_finds(small_set):
    ids, matrix, graph = small_set
    index, exact = ann.AnnIndex(graph), vectors.ExactIndex(ids, matrix)
    queries = _clustered(100, seed=9)

    recall = np.mean([_recall(index.search(q, 10), exact.search(q, 10)) for q in queries])

    assert recall >= 0.95
    hit = index.search(matrix[7], 1)[0]
    assert hit.report_id == ids[7] and hit.score == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize("share", [0.01, 0.5])
def test_a_filtered_search_returns_only_allowed_ids_and_the_nearest_of_them(small_set, share):
    ids, matrix, graph = small_set
    index, exact = ann.AnnIndex(graph), vectors.ExactIndex(ids, matrix)
    rng = np.random.default_rng(4)
    allowed = np.sort(rng.choice(ids, int(len(ids) * share), replace=False))
    allowed_with_strangers = np.concatenate([allowed, [1, 99_999]])

    recalls = []
    for q in _clustered(30, seed=11):
        hits = index.search(q, 10, allowed=allowed_with_strangers)
        assert len(hits) == 10 and {h.report_id for h in hits} <= set(allowed.tolist())
        recalls.append(_recall(hits, exact.search(q, 10, allowed=allowed)))
    assert np.mean(recalls) >= 0.95


def test_excluded_ids_are_left_out(small_set):
    ids, matrix, graph = small_set
    index = ann.AnnIndex(graph)

    hits = index.search(matrix[0], 5, exclude=[int(ids[0])])

    assert int(ids[0]) not in {h.report_id for h in hits} and len(hits) == 5


def test_vectors_newer_than_the_graph_are_searched_exactly_and_merged(small_set):
    ids, matrix, graph = small_set
    newest = _clustered(3, seed=21)
    index = ann.AnnIndex(graph, vectors.ExactIndex(np.array([9001, 9002, 9003]), newest))

    assert len(index) == len(ids) + 3
    assert index.search(newest[1], 1)[0].report_id == 9002
    assert 9003 in {h.report_id for h in index.search(newest[2], 3, allowed=np.array([9003, 1000]))}
    assert index.search(np.zeros(vectors.DIMENSIONS, dtype=np.float32), 3) == []


@pytest.fixture
def ann_from_two(settings, tmp_path):
    """Organisations of two or more vectors are served by a saved graph, kept in a fresh directory."""
    settings.GOODCATCH_ANN_MIN_VECTORS = 2
    settings.GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS = 0  # as another process sees it: changes at once
    settings.VAR_DIR = tmp_path
    yield
    vectors._indexes.clear()


def test_a_large_organisation_is_searched_through_its_saved_graph_and_misses_nothing_newer(
        ann_from_two, organisation, other_organisation, reviewer):
    letter = readable_report(organisation, LETTER, by=reviewer)
    readable_report(organisation, "A foster carer's mileage claim was paid late.", by=reviewer)
    elsewhere = readable_report(other_organisation, LETTER, by=member(other_organisation, username="elsewhere"))
    query = vectors.embed_texts(["discharge letter from the hospital was not received"])[0]

    # Until the periodic task has saved a graph, the exact index answers.
    assert isinstance(vectors.index_for(organisation.pk), vectors.ExactIndex)
    assert ann.refresh_all() == 1  # the other organisation has one vector: exact
    index = vectors.index_for(organisation.pk)
    assert isinstance(index, ann.AnnIndex) and len(index.graph) == 2
    assert index.search(query, 1)[0].report_id == letter.pk
    assert elsewhere.pk not in {h.report_id for h in index.search(query, 10)}

    # Confirmed after the graph was saved: found at once, through the exact search beside the graph.
    newer = readable_report(organisation, "The discharge letter from the hospital was not received by the team.",
                            by=reviewer)
    index = vectors.index_for(organisation.pk)
    assert len(index.recent) == 1
    assert index.search(query, 1)[0].report_id == newer.pk


def test_refreshing_adds_only_what_is_new_and_replaces_the_saved_file(ann_from_two, organisation, reviewer):
    readable_report(organisation, LETTER, by=reviewer)
    readable_report(organisation, "A foster carer's mileage claim was paid late.", by=reviewer)
    first = ann.refresh(organisation.pk)
    assert ann.refresh(organisation.pk) == first  # nothing new: nothing rewritten

    newer = readable_report(organisation, "Two teams each thought the other had visited.", by=reviewer)
    second = ann.refresh(organisation.pk)

    assert (second.count, second.newest) == (3, newer.pk)
    assert second.file != first.file
    assert [path.name for path in ann.directory().glob("*.usearch")] == [second.file]
    assert vectors.index_for(organisation.pk).search(vectors.vector_of(newer.pk), 1)[0].report_id == newer.pk


def test_a_vector_embedded_late_below_the_graphs_newest_id_is_still_found(ann_from_two, organisation, reviewer):
    from intelligence.models import ReportVector

    late = readable_report(organisation, LETTER, by=reviewer)
    readable_report(organisation, "A foster carer's mileage claim was paid late.", by=reviewer)
    readable_report(organisation, "Two teams each thought the other had visited.", by=reviewer)
    kept = ReportVector.objects.get(report_id=late.pk)
    kept.delete()  # as if its task was lost
    ann.refresh(organisation.pk)
    vectors.embed_missing([organisation.pk])  # the sweep embeds it after the graph was saved

    index = vectors.index_for(organisation.pk)

    assert late.pk not in index.graph
    assert index.search(vectors.vector_of(late.pk), 1)[0].report_id == late.pk


def test_at_ann_size_a_process_rechecks_for_new_vectors_only_every_few_seconds(
        ann_from_two, settings, organisation, reviewer):
    """Counting a million vectors costs more than searching them, so a large organisation's index is
    trusted for GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS; a report embedded in this process shows at once."""
    from intelligence.models import ReportVector

    settings.GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS = 60
    readable_report(organisation, LETTER, by=reviewer)
    readable_report(organisation, "A foster carer's mileage claim was paid late.", by=reviewer)
    first = vectors.index_for(organisation.pk)
    kept = ReportVector.objects.filter(organisation_id=organisation.pk).first()
    ReportVector.objects.filter(pk=kept.pk).delete()  # changed by another process: not seen yet
    assert vectors.index_for(organisation.pk) is first

    settings.GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS = 0
    assert len(vectors.index_for(organisation.pk)) == 1

    settings.GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS = 60
    newer = readable_report(organisation, "Two teams each thought the other had visited.", by=reviewer)
    assert newer.pk in {hit.report_id for hit in vectors.index_for(organisation.pk).search(vectors.vector_of(newer.pk), 2)}
