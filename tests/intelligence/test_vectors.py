"""Report embeddings: computed on confirmation, kept per organisation, searched nearest first."""

from __future__ import annotations

import numpy as np

from intelligence import vectors
from intelligence.models import ReportVector
from tests.factories import member, readable_report, report


def test_a_confirmed_report_is_embedded_and_an_unconfirmed_one_is_not(organisation, reviewer):
    confirmed = readable_report(organisation, "The child's GP letter was never scanned onto the case file.", by=reviewer)
    waiting = report(organisation, "A referral waited in the shared inbox.").report

    stored = ReportVector.objects.get(report_id=confirmed.pk)
    assert stored.model == vectors.EMBEDDING_MODEL
    assert abs(np.linalg.norm(vectors.from_bytes(stored.vector)) - 1) < 1e-4
    assert not ReportVector.objects.filter(report_id=waiting.pk).exists()


def test_nearest_reports_come_first_and_stay_in_their_organisation(organisation, other_organisation, reviewer):
    other_reviewer = member(other_organisation, username="elsewhere")
    letter = readable_report(organisation, "The hospital discharge letter never reached the social worker.", by=reviewer)
    readable_report(organisation, "A foster carer's mileage claim was paid late.", by=reviewer)
    elsewhere = readable_report(other_organisation, "The discharge letter from hospital never reached us.", by=other_reviewer)

    query = vectors.embed_texts(["discharge letter from the hospital was not received"])[0]
    hits = vectors.index_for(organisation.pk).search(query, 5)

    assert hits[0].report_id == letter.pk
    assert elsewhere.pk not in {hit.report_id for hit in hits}
    assert hits[0].score > hits[1].score


def test_the_sweep_embeds_what_a_lost_task_missed(organisation, reviewer):
    confirmed = readable_report(organisation, "Two teams each thought the other had visited.", by=reviewer)
    ReportVector.objects.all().delete()

    assert vectors.missing_ids(organisation.pk) == [confirmed.pk]
    assert vectors.embed_missing() == 1
    assert vectors.missing_ids(organisation.pk) == []


def test_allowed_and_excluded_ids_narrow_an_exact_search():
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(50, vectors.DIMENSIONS)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = np.arange(100, 150)
    index = vectors.ExactIndex(ids, matrix)

    assert [hit.report_id for hit in index.search(matrix[3], 1)] == [103]
    assert 103 not in [hit.report_id for hit in index.search(matrix[3], 3, exclude=[103])]
    allowed = np.array([110, 120, 999])
    assert {hit.report_id for hit in index.search(matrix[3], 10, allowed=allowed)} == {110, 120}
