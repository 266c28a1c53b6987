"""Shareable copies for synthetic reports (`manage.py seed_reports --share`), so that open data, the
partnership views and the hub's feed have something to work on in a seeded database.

A reviewer clears a real report one at a time, after reading what the sharing pass made of it
(sharing.clearance). Seeding 100,000 synthetic reports cannot afford that, so this writes the copies
in bulk: the synthetic text is already in de-identified form (typed placeholders), so only the
pass's first step runs (exact dates to months, ages to bands, times to parts of the day); the
quarter, the service-area rule (a specialised area kept only from k copies) and the codes are as in
a clearance. The copies have no clearer and are audited as one seeding run by the caller.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Sequence

from django.utils import timezone

from coding import services as coding
from protection.suppression import suppression_k
from reporting import services as reporting
from reporting.choices import NARRATIVE_FIELDS
from sharing import shareable
from sharing.clearance import quarter_of
from sharing.models import SharedReport

CHUNK = 500


def share_seeded(organisation, report_ids: Sequence[int], *, share: float, seed: int) -> int:
    """Make shareable copies of `share` (0 to 1) of these reports, chosen by `seed`; returns how many."""
    chosen = sorted(random.Random(f"share:{seed}").sample(list(report_ids), round(len(report_ids) * share)))
    if not chosen:
        return 0
    areas = Counter(reporting.reports_with_ids(organisation.pk, chosen).values_list("service_area", flat=True))
    k, now, made = suppression_k(), timezone.now(), 0
    for start in range(0, len(chosen), CHUNK):
        copies, chunk = [], chosen[start:start + CHUNK]
        summaries = coding.coded_summaries(chunk)
        for report in reporting.reports_with_ids(organisation.pk, chunk).order_by("pk"):
            area = shareable.generalise_service_area(report.service_area, areas, k=k)[0] if report.service_area else ""
            codes = summaries.get(report.pk)
            copies.append(SharedReport(
                public_id=secrets.token_hex(16), organisation=organisation, source_report_id=report.pk,
                kind=report.kind, service_area=area, stage=report.stage, agencies=list(report.agencies or []),
                period=quarter_of(report), potential_harm=report.potential_harm,
                factor_codes=codes.factor_codes if codes else [], error_types=codes.error_types if codes else [],
                risk_band=codes.risk_band if codes else "", actual_harm=codes.actual_harm if codes else None,
                cleared_at=now,
                **{name: shareable.generalise(getattr(report, name) or "")[0] for name in NARRATIVE_FIELDS}))
        SharedReport.objects.bulk_create(copies)
        made += len(copies)
    return made
