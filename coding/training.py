"""Training an organisation's own suggester on its codings, and keeping each version with its
evaluation. Runs in a background task (coding.tasks); nothing here is called from a page."""

from __future__ import annotations

import logging

from django.conf import settings

from protection.audit import audit
from reporting import services as reporting

from . import taxonomy, texts
from .models import CoderModelVersion, Coding, Use

logger = logging.getLogger(__name__)
KEEP_MODELS = 5  # newest versions whose model is kept; older ones keep their evaluation only


def training_set(organisation) -> tuple[list[str], list[list[str]]]:
    """One example per coded report: its de-identified text and the factors of its first coding (the
    one made before anyone else's could be seen)."""
    first: dict[int, Coding] = {}
    for coding in (Coding.objects.filter(organisation=organisation).prefetch_related("factors__code")
                   .order_by("coded_at", "pk")):
        first.setdefault(coding.report_id, coding)
    reports = {r.pk: r for r in reporting.reports_for_organisation(organisation).filter(pk__in=list(first))}
    texts_, labels = [], []
    for report_id, coding in first.items():
        report = reports.get(report_id)
        text = texts.report_text(report) if report is not None else ""
        if text:
            texts_.append(text)
            labels.append(sorted(factor.code.key for factor in coding.factors.all()))
    return texts_, labels


def code_texts(organisation):
    import semantic

    return [semantic.CodeText(code.key, texts.code_text(code)) for code in taxonomy.choosable(organisation, Use.FACTOR)]


def train_for(organisation) -> CoderModelVersion | None:
    """Train and store a new version, or None while too few reports are coded to learn from."""
    import semantic

    texts_, labels = training_set(organisation)
    if len(texts_) < settings.GOODCATCH_CODER_MIN_REPORTS:
        return None
    # The precision (0.85) a first suggestion must have had for a report to get any; 0: always suggest.
    abstain_below = settings.GOODCATCH_CODER_ABSTAIN_BELOW
    options = {"target_precision": abstain_below, "abstain": True} if abstain_below else {"abstain": False}
    model = semantic.train_coder(texts_, labels, codes=code_texts(organisation), min_count=5, **options)
    version = CoderModelVersion.objects.create(
        organisation=organisation, kind=str(model.kind), blob=model.to_bytes(), evaluation=dict(model.evaluation),
        labels=list(model.labels), trained_on=len(texts_))
    audit("coding.model_trained", actor="system", organisation_id=organisation.pk,
          detail={"version": version.pk, "kind": version.kind, "trained_on": version.trained_on})
    logger.info("Trained suggester version %s for organisation %s on %s reports", version.pk, organisation.pk,
                version.trained_on)
    _drop_old_models(organisation)
    return version


def _drop_old_models(organisation) -> None:
    """Only the newest version makes suggestions; older ones keep their evaluation (the quality page's
    history) but not their model, which is megabytes each and retrained every few codings."""
    newest = CoderModelVersion.objects.filter(organisation=organisation).order_by("-created_at", "-pk")
    keep = list(newest.values_list("pk", flat=True)[:KEEP_MODELS])
    newest.exclude(pk__in=keep).exclude(blob=b"").update(blob=b"")
