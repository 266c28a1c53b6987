"""Codings for synthetic reports, written in bulk (`manage.py seed_reports`).

A reviewer's coding goes through `services.record_coding`, one report at a time, with its checks and
its audit entry. Seeding 100,000 or 1,000,000 synthetic reports cannot afford that, so this writes the
same rows in bulk: the codes are still the organisation's own live leaves, each factor records the
version it was coded with, and the risk rating comes from the organisation's matrix, as in
`record_coding`. The seeding command audits the run as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from . import risk, taxonomy
from .models import CodedFactor, CodeVersion, Coding, Use
from .services import matrix_for


@dataclass(frozen=True)
class SeedCoding:
    """One coding of one synthetic report: factor keys with "active", "latent" or "" each."""

    report_id: int
    factors: dict[str, str]
    stage: str
    actual_harm: int
    potential_harm: int
    likelihood: int
    coded_at: datetime
    error_type: str = ""


@dataclass
class Vocabulary:
    """The organisation's live codes, looked up once per seeding run."""

    factors: list[str]
    error_types: list[str]
    _codes: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (use, key) -> (code pk, version pk)
    _bands: list[list[str]] = field(default_factory=list)


def vocabulary(organisation) -> Vocabulary:
    """The keys a coder can choose now in this organisation (copying the default taxonomy the first time)."""
    codes: dict[tuple[str, str], tuple[int, int]] = {}
    keys: dict[str, list[str]] = {Use.FACTOR: [], Use.ERROR_TYPE: []}
    for use in keys:
        chosen = taxonomy.choosable(organisation, use)
        # The version row of each code's current wording.
        current = {(v.code_id, v.number): v.pk for v in CodeVersion.objects.filter(code__in=chosen)}
        for code in chosen:
            codes[(use, code.key)] = (code.pk, current[(code.pk, code.version)])
            keys[use].append(code.key)
    return Vocabulary(keys[Use.FACTOR], keys[Use.ERROR_TYPE], codes, matrix_for(organisation))


@contextmanager
def _keeping_coded_at() -> Iterator[None]:
    """`coded_at` is set on insert (auto_now_add); synthetic codings carry their own past times."""
    field_ = Coding._meta.get_field("coded_at")
    before = field_.auto_now_add
    field_.auto_now_add = False
    try:
        yield
    finally:
        field_.auto_now_add = before


def bulk_code(organisation, vocabulary_: Vocabulary, codings: Sequence[SeedCoding], *, coder) -> int:
    """Insert these codings and their factors (call inside the caller's transaction). Unknown keys are
    an error: a synthetic coding uses only codes a reviewer could choose. Returns how many were written."""
    rows: list[Coding] = []
    for item in codings:
        rated = risk.rate(item.potential_harm, item.likelihood, vocabulary_._bands)
        error_type = vocabulary_._codes[(Use.ERROR_TYPE, item.error_type)] if item.error_type else (None, None)
        rows.append(Coding(
            organisation_id=organisation.pk, report_id=item.report_id, coder=coder, blind=True,
            error_type_id=error_type[0], error_type_version_id=error_type[1], stage=item.stage,
            actual_harm=item.actual_harm, potential_harm=item.potential_harm, likelihood=item.likelihood,
            risk_score=rated.score, risk_band=rated.band.key, coded_at=item.coded_at))
    with _keeping_coded_at():
        Coding.objects.bulk_create(rows)
    factors = []
    for row, item in zip(rows, codings, strict=True):
        if row.pk is None:
            raise RuntimeError("The database did not return the ids of the new codings.")
        for key, failure in item.factors.items():
            code_id, version_id = vocabulary_._codes[(Use.FACTOR, key)]
            factors.append(CodedFactor(coding_id=row.pk, code_id=code_id, code_version_id=version_id, failure=failure))
    CodedFactor.objects.bulk_create(factors)
    return len(rows)
