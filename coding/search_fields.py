"""What search needs of a report's coding, as plain queries: its factor names and stages for the
keyword index, the report ids behind a factor or a risk band for filters, and a hook that tells search
when a coding (or the wording of a code) changes, so that its index follows.

Search lives in `intelligence`, above coding; only coding reads coding's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save

from .models import Code, CodedFactor, Coding, Use
from .risk import BANDS


def coded_fields(report_ids: Iterable[int]) -> dict[int, tuple[list[str], list[str]]]:
    """report id → (names of its contributing factors, stages its coders chose), over every coding of
    it, each name once and in a stable order."""
    ids = list(report_ids)
    found: dict[int, tuple[list[str], list[str]]] = {}
    factors = (CodedFactor.objects.filter(coding__report_id__in=ids).order_by("coding__report_id", "code__position", "code_id")
               .values_list("coding__report_id", "code__name"))
    for report_id, name in factors:
        names = found.setdefault(report_id, ([], []))[0]
        if name not in names:
            names.append(name)
    for report_id, stage in Coding.objects.filter(report_id__in=ids).exclude(stage="").values_list("report_id", "stage"):
        stages = found.setdefault(report_id, ([], []))[1]
        if stage not in stages:
            stages.append(stage)
    return found


def reports_with_factor(organisation_id: int, code_key: str) -> QuerySet:
    """Ids of the organisation's reports that any coder coded with this contributing factor (a subquery)."""
    return (CodedFactor.objects.filter(coding__organisation_id=organisation_id, code__organisation_id=organisation_id,
                                       code__key=code_key)
            .values("coding__report_id"))


def reports_with_risk_band(organisation_id: int, band: str) -> QuerySet:
    """Ids of the organisation's reports that any coder rated in this band (a subquery)."""
    return Coding.objects.filter(organisation_id=organisation_id, risk_band=band).values("report_id")


def reports_with_coded_stage(organisation_id: int, stage: str) -> QuerySet:
    return Coding.objects.filter(organisation_id=organisation_id, stage=stage).values("report_id")


def factor_choices(organisation_id: int) -> list[tuple[str, str]]:
    """(key, name) of the factors the organisation's coders have used, for a filter's options. Never
    copies the default taxonomy into an organisation just to list it."""
    used = CodedFactor.objects.filter(coding__organisation_id=organisation_id).values("code_id")
    return list(Code.objects.filter(organisation_id=organisation_id, use=Use.FACTOR, pk__in=used)
                .order_by("name", "pk").values_list("key", "name"))


def risk_band_choices() -> list[tuple[str, str]]:
    return [(band.key, str(band.label)) for band in BANDS.values()]


def on_coding_changed(callback: Callable[[int, list[int]], None], *, dispatch_uid: str) -> None:
    """Call `callback(organisation_id, report_ids)` after the commit that saved a coding of those
    reports, or that reworded a code they were coded with."""

    def coding_saved(sender, instance: Coding, created: bool, **kwargs) -> None:
        organisation_id, report_id = instance.organisation_id, instance.report_id
        # After commit: the coding's factors are saved in the same transaction, after the coding.
        transaction.on_commit(lambda: callback(organisation_id, [report_id]))

    def code_saved(sender, instance: Code, created: bool, **kwargs) -> None:
        if created or instance.organisation_id is None:
            return
        organisation_id, code_id = instance.organisation_id, instance.pk

        def reindex() -> None:
            ids = sorted(set(CodedFactor.objects.filter(code_id=code_id).values_list("coding__report_id", flat=True)))
            if ids:
                callback(organisation_id, ids)

        transaction.on_commit(reindex)

    post_save.connect(coding_saved, sender=Coding, weak=False, dispatch_uid=f"{dispatch_uid}-coding")
    post_save.connect(code_saved, sender=Code, weak=False, dispatch_uid=f"{dispatch_uid}-code")
