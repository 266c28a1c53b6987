"""Coding-side counts for dashboards, made by the database (values/annotate), never by loading codings.

Each report counts once, by its first coding: a report coded twice for agreement would otherwise
count twice, and two coders' different answers would both be counted. The same rule as the
factor trends on the coding-quality page (coding.services.factor_trends).
"""

from __future__ import annotations

from django.db.models import Count, Exists, Max, Min, OuterRef, QuerySet

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


def factor_code_counts(organisation, reports: QuerySet | None) -> list[tuple[int, str, int]]:
    """(code id, failure: "active" | "latent" | "", reports) for the contributing factors coded on
    `reports` (a queryset of the organisation's reports; None for all of them, which spares the
    database a join)."""
    rows = (CodedFactor.objects.filter(coding__in=_first_codings(organisation, reports), code__use=Use.FACTOR)
            .order_by().values("code_id", "failure").annotate(n=Count("pk")))  # a code once per coding
    return [(row["code_id"], row["failure"], row["n"]) for row in rows]


def factor_names(organisation, counts: list[tuple[int, str, int]]) -> list[tuple[str, str, str, int]]:
    """(code key, code name, failure, reports) for (code id, failure, reports)."""
    names = taxonomy.codes_by_pk(organisation.pk, {code_id for code_id, _failure, _n in counts})
    return [(names[code_id].key, names[code_id].name, failure, n) for code_id, failure, n in counts
            if code_id in names]


def factor_failure_counts(organisation, reports: QuerySet | None) -> list[tuple[str, str, str, int]]:
    """(code key, code name, failure: "active" | "latent" | "", reports) for the contributing factors
    coded on `reports` (None: all the organisation's)."""
    return factor_names(organisation, factor_code_counts(organisation, reports))


def risk_cell_counts(organisation, reports: QuerySet | None) -> list[tuple[int, int, int]]:
    """(consequence, likelihood, reports) on the risk matrix. The consequence is the potential harm,
    as the rating takes it (coding.risk)."""
    rows = (_first_codings(organisation, reports).order_by().values("potential_harm", "likelihood")
            .annotate(n=Count("pk")))
    return [(row["potential_harm"], row["likelihood"], row["n"]) for row in rows]


def latest_coding_id(organisation) -> int:
    """The organisation's largest coding id so far (0 when none): where a rollup has counted up to."""
    return Coding.objects.filter(organisation=organisation).aggregate(m=Max("pk"))["m"] or 0


def first_codings_by_month(organisation, reports: QuerySet, *, by: tuple[str, ...] = (), after: int = 0,
                           up_to: int | None = None) -> tuple[list[tuple], list[tuple]]:
    """The first codings of `reports` whose ids are in (after, up_to], counted by the month the
    report was sent and the report fields `by`: factors as (month, *by values, code id, failure, n)
    and risk cells as (month, *by values, consequence, likelihood, n).

    For rollups (intelligence.rollups): counted in slices of ids, each report still counts once, by
    its first coding (no coding of the same report with a smaller id), so the slices add up to the
    figures factor_code_counts and risk_cell_counts give."""
    from reporting import services as reporting

    codings = Coding.objects.filter(organisation=organisation, pk__gt=after,
                                    report__in=reports.order_by().values("pk"))
    if up_to is not None:
        codings = codings.filter(pk__lte=up_to)
    earlier = Coding.objects.filter(report=OuterRef("report"), pk__lt=OuterRef("pk"))
    firsts = codings.filter(~Exists(earlier))
    report_fields = [f"report__{name}" for name in by]
    # The months span only the reports with such codings: a slice of new codings stays a small query.
    coded = reports.filter(pk__in=firsts.values("report_id"))
    bucket, months = reporting.month_buckets(coded, field="report__submitted_at")
    if not months:
        return [], []
    risk_rows = (firsts.order_by().annotate(month=bucket)
                 .values("month", *report_fields, "potential_harm", "likelihood").annotate(n=Count("pk")))
    factor_bucket, _months = reporting.month_buckets(coded, field="coding__report__submitted_at")
    factor_rows = (CodedFactor.objects.filter(coding__in=firsts.values("pk"), code__use=Use.FACTOR).order_by()
                   .annotate(month=factor_bucket)
                   .values("month", *[f"coding__{f}" for f in report_fields], "code_id", "failure")
                   .annotate(n=Count("pk")))
    factors = [(months[row["month"]], *[row[f"coding__{f}"] for f in report_fields], row["code_id"], row["failure"],
                row["n"]) for row in factor_rows]
    risks = [(months[row["month"]], *[row[f] for f in report_fields], row["potential_harm"], row["likelihood"],
              row["n"]) for row in risk_rows]
    return factors, risks


def consequence_labels() -> dict[int, str]:
    """The consequence scale's words, by value, for a matrix's columns."""
    return {value: str(label) for value, label in Consequence.choices}


def likelihood_labels() -> dict[int, str]:
    return {value: str(label) for value, label in Likelihood.choices}
