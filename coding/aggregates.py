"""Coding-side counts for dashboards, made by the database (values/annotate), never by loading codings.

Each report counts once, by its first coding: a report coded twice for agreement would otherwise
count twice, and two coders' different answers would both be counted. The same rule as the
factor trends on the coding-quality page (coding.services.factor_trends).
"""

from __future__ import annotations

from django.db.models import Count, Min, QuerySet

from coding import taxonomy
from coding.models import CodedFactor, Coding, Consequence, Likelihood, Use


def _first_codings(organisation, reports: QuerySet | None) -> QuerySet[Coding]:
    """The first coding of each of `reports` (None: all the organisation's), as one uncorrelated
    subquery: a semi-join for the database, not a lookup per coding."""
    codings = Coding.objects.filter(organisation=organisation)
    if reports is not None:
        codings = codings.filter(report__in=reports.order_by().values("pk"))
    firsts = codings.order_by().values("report_id").annotate(first=Min("pk")).values("first")
    return Coding.objects.filter(pk__in=firsts)


def factor_failure_counts(organisation, reports: QuerySet | None) -> list[tuple[str, str, str, int]]:
    """(code key, code name, failure: "active" | "latent" | "", reports) for the contributing factors
    coded on `reports` (a queryset of the organisation's reports; None for all of them, which spares
    the database a join)."""
    rows = (CodedFactor.objects.filter(coding__in=_first_codings(organisation, reports), code__use=Use.FACTOR)
            .order_by().values("code_id", "failure").annotate(n=Count("pk")))  # a code once per coding
    counts = [(row["code_id"], row["failure"], row["n"]) for row in rows]
    names = taxonomy.codes_by_pk(organisation.pk, {code_id for code_id, _failure, _n in counts})
    return [(names[code_id].key, names[code_id].name, failure, n) for code_id, failure, n in counts
            if code_id in names]


def risk_cell_counts(organisation, reports: QuerySet | None) -> list[tuple[int, int, int]]:
    """(consequence, likelihood, reports) on the risk matrix. The consequence is the potential harm,
    as the rating takes it (coding.risk)."""
    rows = (_first_codings(organisation, reports).order_by().values("potential_harm", "likelihood")
            .annotate(n=Count("pk")))
    return [(row["potential_harm"], row["likelihood"], row["n"]) for row in rows]


def consequence_labels() -> dict[int, str]:
    """The consequence scale's words, by value, for a matrix's columns."""
    return {value: str(label) for value, label in Consequence.choices}


def likelihood_labels() -> dict[int, str]:
    return {value: str(label) for value, label in Likelihood.choices}
