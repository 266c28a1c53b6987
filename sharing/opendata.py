"""Open data: what anyone may download about near misses in social care, and nothing that could name anyone.

`export_open_data` writes three things from cleared, not withdrawn shared reports (docs/open-data.md):

* **Aggregates**, one tidy CSV per dimension (region band, sector, service area, kind, stage, risk band,
  contributing factor): quarter × value counts with the quarter totals, the value totals and the
  grand total. Each file is built as ONE table through `protection.suppression.suppress_table`, so
  primary ("<5") and secondary ("[c]") suppression hold for the file. The report-count files share
  their quarter totals and grand total; a quarter whose total any of them would have to hide is left
  out of all of them, so no file publishes a number another file hides.
* **Reports**, a record-level file of cleared narratives and their codes, like ASRS's public database,
  k-anonymous (k ≥ 5) over its quasi-identifiers (`QUASI_IDENTIFIERS`), generalised by Datafly
  (`k_anonymise`): full-domain generalisation one attribute and one level at a time, then the few
  records still in too small a class are left out.
* **datapackage.json**, a Frictionless Data package with the data dictionary, validated by the
  `frictionless` library.

Everything is written to a temporary folder first and checked there (`check_export`) from the written
files alone: every published number is 0, at least k, or marked; no hidden number can be worked out from
its row or column; every record class holds at least k records; no public id and no exact date appears
anywhere; the package is valid. Only then are the files moved into place. A failed check is a bug or a
violation, never "too little data": too little data gives empty, valid files.
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from organisations.services import get_organisation, organisations_with_ids
from protection.suppression import COMPLEMENT_MARK, Breakdown, Table, suppress_breakdown, suppress_table, suppression_k
from sharing.models import SharedReport

MIN_K = 5  # the k for the record-level file; a deployment's larger suppression k is used for both
ALL = "all"  # the total row or column of an aggregate, and a fully generalised quasi-identifier
NOT_RECORDED = "not_recorded"
NOT_CODED = "not_coded"
REPORTS_FILE = "reports.csv"
PACKAGE_FILE = "datapackage.json"
NARRATIVE_FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}

_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# An exact date: 2026-03-14, 14/03/2026, 14.3.26, "14 March", "March 14th". Month and year alone are fine.
EXACT_DATE = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*\d{{3}})",
    re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{6,}")


class OpenDataError(Exception):
    """The export cannot be written: a published number or record class would break suppression or
    k-anonymity, the package is invalid, or the scope does not exist. The message names the cell."""

    def __init__(self, problems: Sequence[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


# What is read ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One cleared report as open data sees it: no id, no date, no organisation; its region band and
    sector instead. Categories are normalised to lower-case keys ("" becomes "not_recorded")."""

    period: str
    region_band: str
    sector: str
    service_area: str
    kind: str
    stage: str
    agencies: tuple[str, ...]
    potential_harm: int
    risk_band: str
    factor_codes: tuple[str, ...]
    narratives: tuple[str, str, str, str]


@dataclass
class Scope:
    records: list[Record]
    public_ids: set[str]  # never written; the check looks for them in every file
    description: str
    organisation_id: int | None = None


def _key(value: object) -> str:
    text = re.sub(r"[^a-z0-9]+", "_", str(value or "").strip().lower()).strip("_")
    return text or NOT_RECORDED


def _period(value: str) -> str:
    return value if _PERIOD.match(value or "") else NOT_RECORDED


def read_scope(*, organisation_slug: str | None = None, hub: bool = False) -> Scope:
    """The shared reports to publish: one organisation's, every one on this instance (`hub`: the hub
    keeps received reports as shared reports with `origin` set), or by default those cleared by this
    instance's own organisations. Withdrawn copies never."""
    rows = SharedReport.objects.filter(withdrawn_at__isnull=True)
    organisation_id = None
    if organisation_slug:
        organisation = get_organisation(organisation_slug)
        if organisation is None:
            raise OpenDataError(f"no organisation with the slug {organisation_slug!r}")
        organisation_id = organisation.pk
        rows = rows.filter(organisation_id=organisation.pk)
        description = f"the cleared reports of one organisation ({organisation_slug})"
    elif hub:
        description = "every cleared report held by the national hub, from every sending instance"
    else:
        rows = rows.filter(origin="")
        description = "the cleared reports of every organisation on this instance"
    columns = ("public_id", "organisation_id", "period", "service_area", "kind", "stage", "agencies",
               "potential_harm", "risk_band", "factor_codes", *NARRATIVE_FIELDS)
    raw = list(rows.order_by("pk").values_list(*columns))
    places = {o.pk: (o.region, o.sector) for o in organisations_with_ids({row[1] for row in raw})}
    scope = Scope([], set(), description, organisation_id)
    for (public_id, org_id, period, service_area, kind, stage, agencies, harm, risk, factors, *texts) in raw:
        scope.public_ids.add(public_id)
        region, sector = places.get(org_id, ("", ""))
        scope.records.append(Record(
            period=_period(period), region_band=_key(region), sector=_key(sector), service_area=_key(service_area),
            kind=_key(kind), stage=_key(stage), agencies=tuple(sorted({_key(a) for a in agencies or []})),
            potential_harm=int(harm or 0), risk_band=_key(risk),
            factor_codes=tuple(sorted({_key(f) for f in factors or []})),
            narratives=tuple(str(t or "") for t in texts)))  # type: ignore[arg-type]
    return scope


# Aggregates -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    name: str  # the CSV column
    values_of: Callable[[Record], Iterable[str]]
    count: str  # "reports", or "mentions" when a report counts once under each of its values
    description: str

    @property
    def file(self) -> str:
        return f"aggregates_by_{self.name}.csv"


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("region_band", lambda r: [r.region_band], "reports",
              "the region band of the organisation that cleared the report: England's ITL1 regions and the "
              "UK's other nations"),
    Dimension("sector", lambda r: [r.sector], "reports", "the kind of agency that cleared the report"),
    Dimension("service_area", lambda r: [r.service_area], "reports",
              "the service area (a rare one already generalised when the report was cleared)"),
    Dimension("kind", lambda r: [r.kind], "reports", "near miss, incident, good practice or concern"),
    Dimension("stage", lambda r: [r.stage], "reports", "the stage of the work where it happened"),
    Dimension("risk_band", lambda r: [r.risk_band], "reports", "the risk band reviewers gave it"),
    Dimension("contributing_factor", lambda r: r.factor_codes or (NOT_CODED,), "mentions",
              "a contributing factor reviewers coded, as the taxonomy's stable key; a report with several "
              "factors counts once under each, so totals count mentions, not reports"),
)
# These files share their quarter totals and grand total (the number of reports).
SHARED_MARGINS = tuple(d.file for d in DIMENSIONS if d.count == "reports")


def _value_order(values: Iterable[str]) -> list[str]:
    return sorted(set(values), key=lambda v: (v in (NOT_RECORDED, NOT_CODED), v))


def _table(records: Sequence[Record], dimension: Dimension, k: int) -> Table:
    counts: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        for value in dimension.values_of(record):
            counts[record.period][value] += 1
    periods = sorted({r.period for r in records})
    columns = _value_order(v for r in records for v in dimension.values_of(r))
    return suppress_table({p: dict(c) for p, c in counts.items()}, rows=periods, columns=columns, k=k)


def _breakdown(records: Sequence[Record], dimension: Dimension, k: int) -> Breakdown:
    counts: Counter = Counter(v for r in records for v in dimension.values_of(r))
    return suppress_breakdown([(v, counts[v]) for v in _value_order(counts)], k=k)


@dataclass
class Aggregates:
    tables: dict[str, Table | Breakdown]  # by file name; a Breakdown where quarters could not be shown
    left_out_periods: list[str] = field(default_factory=list)

    @property
    def without_quarters(self) -> list[str]:
        return [name for name, table in self.tables.items() if isinstance(table, Breakdown)]


def _hides_a_total(table: Table | Breakdown) -> bool:
    if isinstance(table, Breakdown):
        return table.total is None or table.total.suppressed
    return table.total.suppressed or any(row.total.suppressed for row in table.rows)


def build_aggregates(records: Sequence[Record], k: int) -> Aggregates:
    """One suppressed table per dimension, quarters × values with every total.

    The report-count files share their quarter totals and grand total (the number of reports), so no
    file may hide one that another shows. Hence: a quarter with fewer than k reports is left out of
    every file; a file whose table would hide a quarter total (too many small cells) is published
    over all quarters together instead (values × one total, `suppress_breakdown`); and if even that
    hides its total, every quarter is left out. The contributing-factor file counts mentions: its
    totals are its own, so it keeps its quarters whatever its table hides."""
    per_period = Counter(r.period for r in records)
    left_out = {p for p, n in per_period.items() if n < k}
    while True:
        kept = [r for r in records if r.period not in left_out]
        tables: dict[str, Table | Breakdown] = {}
        for dimension in DIMENSIONS:
            table: Table | Breakdown = _table(kept, dimension, k)
            if dimension.file in SHARED_MARGINS and _hides_a_total(table):
                table = _breakdown(kept, dimension, k)
            tables[dimension.file] = table
        if not any(_hides_a_total(tables[name]) for name in SHARED_MARGINS) or not kept:
            return Aggregates(tables, sorted(left_out))
        left_out |= set(per_period)


def aggregate_rows(table: Table | Breakdown) -> list[list[str]]:
    """Tidy rows: period, value, count; "all" marks the totals."""
    if isinstance(table, Breakdown):
        total = table.total.display if table.total is not None else "0"
        return [*([ALL, str(item.label), item.count.display] for item in table.items), [ALL, ALL, total]]
    out = []
    for row in table.rows:
        out += [[str(row.label), str(column), cell.display] for column, cell in zip(table.columns, row.cells, strict=True)]
        out.append([str(row.label), ALL, row.total.display])
    out += [[ALL, str(column), cell.display] for column, cell in zip(table.columns, table.column_totals, strict=True)]
    out.append([ALL, ALL, table.total.display])
    return out


# The record-level file: k-anonymity by Datafly ----------------------------------------------------------

_NATIONS = {"wales": "wales", "scotland": "scotland", "northern_ireland": "northern_ireland", NOT_RECORDED: NOT_RECORDED}
_CHILDREN = {"children", "early_help", "fostering_adoption", "residential", "leaving_care", "children_and_families"}
_ADULTS = {"adults", "mental_health", "adults_and_mental_health"}
_STAGE_GROUPS = {
    "enquiry_and_assessment": {"referral", "assessment", "section_47", "strategy", "safeguarding_enquiry"},
    "planning_and_review": {"cp_conference", "planning", "review"},
    "intervention_and_transition": {"intervention", "transfer", "closure", "hospital_discharge"},
}


def _year(period: str) -> str:
    return period[:4] if _PERIOD.match(period) else period


def _nation(region: str) -> str:
    return _NATIONS.get(region, "england")


def _broad_service_area(area: str) -> str:
    if area in _CHILDREN:
        return "children_and_families"
    if area in _ADULTS:
        return "adults_and_mental_health"
    return area if area == NOT_RECORDED else "other"


def _broad_stage(stage: str) -> str:
    for group, stages in _STAGE_GROUPS.items():
        if stage in stages:
            return group
    return stage if stage == NOT_RECORDED else "other"


def _everything(_: str) -> str:
    return ALL


# Each quasi-identifier's generalisation hierarchy, most detailed first; the last level is "all".
HIERARCHIES: dict[str, tuple[Callable[[str], str], ...]] = {
    "period": (str, _year, _everything),
    "region_band": (str, _nation, _everything),
    "service_area": (str, _broad_service_area, _everything),
    "kind": (str, _everything),
    "stage": (str, _broad_stage, _everything),
}
QUASI_IDENTIFIERS = tuple(HIERARCHIES)
# Which quasi-identifier to generalise when two would help equally: detail that matters least first.
GENERALISE_FIRST = ("stage", "region_band", "period", "service_area", "kind")
_TOGETHER = "all values together"
LEVEL_NAMES = {"period": ("quarter", "year", _TOGETHER), "region_band": ("region", "nation", _TOGETHER),
               "service_area": ("service area", "broad service area", _TOGETHER), "kind": ("kind", _TOGETHER),
               "stage": ("stage", "broad stage", _TOGETHER)}
# Datafly leaves out the records still in too small a class once at most this share of them (and at
# least k records) remain; until then it generalises.
SUPPRESSION_SHARE = 0.05


@dataclass
class Anonymised:
    records: list[Record]  # the published ones, with generalised quasi-identifiers
    levels: dict[str, int]
    left_out: int


def _generalise(record: Record, levels: dict[str, int]) -> Record:
    values = {qi: HIERARCHIES[qi][levels[qi]](getattr(record, qi)) for qi in QUASI_IDENTIFIERS}
    return replace(record, **values)


def _class_of(record: Record) -> tuple[str, ...]:
    return tuple(getattr(record, qi) for qi in QUASI_IDENTIFIERS)


def _generalise_class(values: tuple[str, ...], levels: dict[str, int]) -> tuple[str, ...]:
    return tuple(HIERARCHIES[qi][levels[qi]](v) for qi, v in zip(QUASI_IDENTIFIERS, values, strict=True))


def _records_in_small_classes(classes: Counter, levels: dict[str, int], k: int) -> int:
    sizes: Counter = Counter()
    for values, n in classes.items():
        sizes[_generalise_class(values, levels)] += n
    return sum(n for n in sizes.values() if n < k)


def k_anonymise(records: Sequence[Record], k: int) -> Anonymised:
    """Greedy full-domain generalisation in the manner of Datafly (Sweeney 1997), deterministic. Start
    with every quasi-identifier at its most detailed level. While more records sit in classes smaller
    than k than may be left out (max(k, SUPPRESSION_SHARE of them)), generalise by one level the
    quasi-identifier whose generalisation leaves the fewest records in too-small classes (Datafly takes
    the one with the most distinct values, which throws away more; ties go to the first in
    GENERALISE_FIRST). Once within the limit, or with everything at "all", leave out every record
    still in a class smaller than k. Every published class then holds at least k records; fewer than k
    records in all gives an empty file."""
    levels = dict.fromkeys(QUASI_IDENTIFIERS, 0)
    limit = max(k, int(SUPPRESSION_SHARE * len(records)))
    classes = Counter(_class_of(r) for r in records)  # the search works on distinct classes, not records
    while True:
        movable = [qi for qi in GENERALISE_FIRST if levels[qi] < len(HIERARCHIES[qi]) - 1]
        if _records_in_small_classes(classes, levels, k) <= limit or not movable:
            generalised = [_generalise(r, levels) for r in records]
            sizes = Counter(_class_of(r) for r in generalised)
            kept = [r for r in generalised if sizes[_class_of(r)] >= k]
            return Anonymised(kept, levels, len(records) - len(kept))
        chosen = min(movable, key=lambda qi: _records_in_small_classes(classes, {**levels, qi: levels[qi] + 1}, k))
        levels[chosen] += 1


REPORT_COLUMNS = ("row_id", *QUASI_IDENTIFIERS, "agencies", "potential_harm", "risk_band", "factor_codes",
                  *NARRATIVE_FIELDS)


def report_rows(records: Sequence[Record]) -> list[list[str]]:
    """Rows in the order of their class, shuffled within it, numbered afresh: the row id says nothing
    about the report, its order of clearance or its public id, and differs from one export to the next."""
    shuffled = list(records)
    secrets.SystemRandom().shuffle(shuffled)
    shuffled.sort(key=_class_of)
    return [[f"R{n:06d}", *_class_of(r), ";".join(r.agencies), str(r.potential_harm), r.risk_band,
             ";".join(r.factor_codes), *r.narratives] for n, r in enumerate(shuffled, start=1)]


def holds_exact_date(record: Record) -> bool:
    return any(EXACT_DATE.search(text) for text in record.narratives)


# The data package ---------------------------------------------------------------------------------------


def _field(name: str, type_: str, description: str, **constraints) -> dict:
    return {"name": name, "type": type_, "description": description, "constraints": constraints}


_KEY = r"^[a-z0-9_]+$"
_PERIOD_OR_YEAR = r"^(\d{4}(-Q[1-4])?|all|not_recorded)$"
_LIST = r"^([a-z0-9_]+(;[a-z0-9_]+)*)?$"


def _aggregate_schema(dimension: Dimension, k: int) -> dict:
    return {
        "fields": [
            _field("period", "string", "The quarter, as YYYY-Qn; \"all\" on the rows that total every quarter.",
                   required=True, pattern=r"^(\d{4}-Q[1-4]|all|not_recorded)$"),
            _field(dimension.name, "string", f"{dimension.description[0].upper()}{dimension.description[1:]}. "
                   "\"all\" on the rows that total every value; \"not_recorded\" where it was not given"
                   + ("; \"not_coded\" for reports with no factor coded" if dimension.count == "mentions" else "")
                   + ".", required=True, pattern=_KEY),
            _field(dimension.count, "integer",
                   f"How many {'mentions' if dimension.count == 'mentions' else 'cleared reports'}. "
                   f"Suppressed counts are missing values: \"<{k}\" is 1 to {k - 1}; \"{COMPLEMENT_MARK}\" is "
                   f"hidden so that a \"<{k}\" count cannot be worked out from the totals. Zeros are real zeros.",
                   minimum=0),
        ],
        "missingValues": [f"<{k}", COMPLEMENT_MARK],
        "primaryKey": ["period", dimension.name],
    }


def _reports_schema(k: int) -> dict:
    qi = f"A quasi-identifier: with the others, every combination in this file is shared by at least {k} rows."
    return {
        "fields": [
            _field("row_id", "string", "A row number for this export only: not a report's id, and different in "
                   "every export.", required=True, unique=True, pattern=r"^R\d{6,}$"),
            _field("period", "string", "When it happened or was reported: a quarter (YYYY-Qn), or the year (YYYY), "
                   f"or \"all\" where that was needed for k-anonymity. {qi}", required=True, pattern=_PERIOD_OR_YEAR),
            _field("region_band", "string", "The region band of the organisation that cleared it (England's ITL1 "
                   f"regions, Wales, Scotland, Northern Ireland), or its nation, or \"all\". {qi}",
                   required=True, pattern=_KEY),
            _field("service_area", "string", "The service area, or the broad one (children_and_families, "
                   f"adults_and_mental_health, other), or \"all\". {qi}", required=True, pattern=_KEY),
            _field("kind", "string", f"near_miss, incident, good_practice or concern, or \"all\". {qi}",
                   required=True, pattern=_KEY),
            _field("stage", "string", "The stage of the work, or the broad one (enquiry_and_assessment, "
                   f"planning_and_review, intervention_and_transition, other), or \"all\". {qi}",
                   required=True, pattern=_KEY),
            _field("agencies", "string", "Other agencies involved, as keys separated by \";\" (empty: none named).",
                   required=False, pattern=_LIST),
            _field("potential_harm", "integer", "How bad it could have been: 0 not sure, 1 no harm likely, 2 low, "
                   "3 moderate, 4 severe, 5 catastrophic.", required=True, minimum=0, maximum=5),
            _field("risk_band", "string", "The risk band reviewers gave it (\"not_recorded\" if none).",
                   required=True, pattern=_KEY),
            _field("factor_codes", "string", "The contributing factors reviewers coded, as the taxonomy's stable "
                   "keys separated by \";\" (docs/taxonomy.md).", required=False, pattern=_LIST),
            _field("what_happened", "string", "What happened, in the words cleared for sharing.", required=False),
            _field("potential_harm_text", "string", "What could have happened, as cleared.", required=False),
            _field("how_noticed", "string", "How it was noticed, as cleared.", required=False),
            _field("what_would_help", "string", "What would help, as cleared.", required=False),
        ],
        "primaryKey": ["row_id"],
    }


def _resource(name: str, path: str, title: str, description: str, schema: dict) -> dict:
    return {"name": name, "path": path, "title": title, "description": description, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def package_descriptor(scope: Scope, aggregates: Aggregates, anonymised: Anonymised, k: int, *,
                       left_out_dates: int = 0) -> dict:
    left_out = (f" Quarters left out because too few reports would have been published: "
                f"{', '.join(aggregates.left_out_periods)}." if aggregates.left_out_periods else "")
    resources = [
        _resource(d.file[:-4].replace("_", "-"), d.file, f"Cleared reports by quarter and {d.name.replace('_', ' ')}",
                  f"Counts of {d.count} by quarter and {d.name.replace('_', ' ')}, with totals, from {scope.description}. "
                  f"One table with small-number suppression (\"<{k}\") and secondary suppression "
                  f"(\"{COMPLEMENT_MARK}\")." + left_out
                  + (" Published over all quarters together (period \"all\" only): by quarter, too many of its "
                     "numbers would have had to be hidden." if d.file in aggregates.without_quarters else ""),
                  _aggregate_schema(d, k))
        for d in DIMENSIONS]
    levels = "; ".join(f"{qi}: {LEVEL_NAMES[qi][anonymised.levels[qi]]}" for qi in QUASI_IDENTIFIERS)
    resources.append(_resource(
        "reports", REPORTS_FILE, "Cleared reports",
        f"One row per cleared report from {scope.description}: its narrative as cleared for sharing and its codes. "
        f"{k}-anonymous over {', '.join(QUASI_IDENTIFIERS)}, published here at these levels: {levels}. "
        f"{anonymised.left_out} report(s) left out because their combination was shared by fewer than {k}"
        + (f"; {left_out_dates} more because their text still held an exact date." if left_out_dates else "."),
        _reports_schema(k)))
    return {
        "name": "goodcatch-open-data",
        "title": "Good Catch: near misses in social care, open data",
        "description": "Counts and de-identified narratives of near misses, incidents, concerns and good practice "
                       "in social care, cleared for sharing by reviewers. No report ids, no dates, no organisations. "
                       "See docs/open-data.md.",
        "licenses": [LICENCE],
        "keywords": ["social care", "near miss", "safeguarding", "patient safety", "just culture"],
        "resources": resources,
    }


def validate_package(folder: Path) -> list[str]:
    """The `frictionless` library's verdict on the package and every file in it, as problems."""
    import frictionless  # imported here: only the export needs it, and it is slow to import

    report = frictionless.validate(str(folder / PACKAGE_FILE))
    if report.valid:
        return []
    problems = [f"{PACKAGE_FILE}: {error.message}" for error in report.errors]
    problems += [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    return problems[:20] or [f"{PACKAGE_FILE}: not a valid data package"]


# The check, on the written files alone -------------------------------------------------------------------


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return (rows[0], rows[1:]) if rows else ([], [])


def _bounds(display: str, k: int, withheld: bool) -> tuple[float, float] | None:
    """What a reader knows of a number from its mark; None for a published number."""
    if display == f"<{k}":
        return (1, k - 1)
    if display == COMPLEMENT_MARK:
        return (1, float("inf")) if withheld else (k, float("inf"))
    return None


def check_aggregate(name: str, rows: Sequence[Sequence[str]], k: int) -> list[str]:
    """Problems with one published aggregate file: a number from 1 to k-1 shown; an unknown mark; or a
    hidden number that its row or column and total pin to a single value. (This is the line-by-line
    part of what `protection.suppression` guarantees for the whole table: a necessary check, run on
    what was written.)"""
    problems: list[str] = []
    cells: dict[tuple[str, str], str] = {}
    for row in rows:
        if len(row) != 3:
            problems.append(f"{name}: a row with {len(row)} columns, not 3")
            continue
        period, value, display = row
        cells[(period, value)] = display
        if display in (f"<{k}", COMPLEMENT_MARK):
            continue
        if not display.isdigit():
            problems.append(f"{name}: {period} × {value} is {display!r}, neither a count nor a suppression mark")
        elif 0 < int(display) < k:
            problems.append(f"{name}: {period} × {value} is {display}, below {k}")
    if problems:
        return problems
    withheld = not any(d.isdigit() and int(d) > 0 for d in cells.values())
    periods = sorted({p for p, _ in cells if p != ALL})
    values = sorted({v for _, v in cells if v != ALL})
    lines = [([(p, v) for v in values], (p, ALL)) for p in periods]
    lines += [([(p, v) for p in periods], (ALL, v)) for v in values]
    lines.append(([(p, ALL) for p in periods], (ALL, ALL)))
    lines.append(([(ALL, v) for v in values], (ALL, ALL)))
    for members, total in lines:
        if not members:
            continue  # a file published over all quarters together: its value totals stand alone
        problems += _check_line(name, [(m, 1) for m in members] + [(total, -1)], cells, k, withheld)
    return problems


def _check_line(name: str, terms: list[tuple[tuple[str, str], int]], cells: dict[tuple[str, str], str], k: int,
                withheld: bool) -> list[str]:
    """The terms of a line (cells +1, total -1) sum to zero. Each hidden term must keep two values."""
    known, unknown = 0, []
    for key, sign in terms:
        display = cells.get(key, "0")
        bounds = _bounds(display, k, withheld)
        if bounds is None:
            known += sign * int(display)
        else:
            unknown.append((key, sign, bounds))
    problems = []
    if not unknown:
        if known != 0:
            problems.append(f"{name}: the total {terms[-1][0][0]} × {terms[-1][0][1]} does not add up")
        return problems
    for i, (key, sign, (lo, hi)) in enumerate(unknown):
        rest_lo = sum(s * (lo_ if s > 0 else hi_) for j, (_, s, (lo_, hi_)) in enumerate(unknown) if j != i)
        rest_hi = sum(s * (hi_ if s > 0 else lo_) for j, (_, s, (lo_, hi_)) in enumerate(unknown) if j != i)
        # sign * x = -(known + rest)
        a, b = -(known + rest_hi), -(known + rest_lo)
        x_lo, x_hi = (a, b) if sign > 0 else (-b, -a)
        low, high = max(lo, x_lo), min(hi, x_hi)
        if high - low < 1:
            problems.append(f"{name}: {key[0]} × {key[1]} can be worked out from its row or column and the totals")
    return problems


def check_shared_margins(folder: Path) -> list[str]:
    """Every report-count file publishes the same quarter totals and grand total, all of them shown."""
    problems, seen = [], {}
    for name in SHARED_MARGINS:
        _, rows = _read_csv(folder / name)
        for period, value, display in (r for r in rows if len(r) == 3):
            if value != ALL:
                continue
            if not display.isdigit():
                problems.append(f"{name}: the total for {period} is hidden ({display}), which another file would give away")
            elif period in seen and seen[period][1] != display:
                problems.append(f"{name}: the total for {period} is {display} but {seen[period][0]} shows {seen[period][1]}")
            seen.setdefault(period, (name, display))
    return problems


def check_reports(rows: Sequence[Sequence[str]], header: Sequence[str], k: int) -> list[str]:
    """Every class of rows sharing their quasi-identifiers holds at least k rows; no exact date."""
    problems = []
    if tuple(header) != REPORT_COLUMNS:
        return [f"{REPORTS_FILE}: the columns are {list(header)}, not {list(REPORT_COLUMNS)}"]
    positions = [REPORT_COLUMNS.index(qi) for qi in QUASI_IDENTIFIERS]
    sizes = Counter(tuple(row[i] for i in positions) for row in rows)
    for values, size in sorted(sizes.items()):
        if size < k:
            described = ", ".join(f"{qi}={v}" for qi, v in zip(QUASI_IDENTIFIERS, values, strict=True))
            problems.append(f"{REPORTS_FILE}: the class {described} has {size} record(s), below {k}")
    for row in rows:
        for column, text in zip(REPORT_COLUMNS, row, strict=False):
            if EXACT_DATE.search(text):
                problems.append(f"{REPORTS_FILE}: row {row[0]} {column} holds an exact date")
    return problems


def check_export(folder: Path, k: int, *, public_ids: set[str]) -> list[str]:
    """Everything `export_open_data` promises, checked on the files in `folder` as written."""
    problems: list[str] = []
    for dimension in DIMENSIONS:
        path = folder / dimension.file
        if not path.exists():
            problems.append(f"{dimension.file}: missing")
            continue
        header, rows = _read_csv(path)
        if header != ["period", dimension.name, dimension.count]:
            problems.append(f"{dimension.file}: the columns are {header}")
        problems += check_aggregate(dimension.file, rows, k)
    if not problems:
        problems += check_shared_margins(folder)
    header, rows = _read_csv(folder / REPORTS_FILE)
    problems += check_reports(rows, header, k)
    for path in sorted(folder.iterdir()):
        text = path.read_text(encoding="utf-8")
        if public_ids.intersection(_TOKEN.findall(text)):
            problems.append(f"{path.name}: holds a shared report's public id")
        if path.suffix == ".json" and EXACT_DATE.search(text):
            problems.append(f"{path.name}: holds an exact date")
    if not problems:
        problems += validate_package(folder)
    return problems


# The export --------------------------------------------------------------------------------------------


@dataclass
class ExportSummary:
    folder: Path
    files: list[str]
    reports_in_scope: int
    records_published: int
    records_left_out: int
    left_out_with_dates: int
    left_out_periods: list[str]
    levels: dict[str, int]
    organisation_id: int | None


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def export_open_data(output: str | os.PathLike, *, organisation_slug: str | None = None, hub: bool = False,
                     k: int | None = None) -> ExportSummary:
    """Write the open data for the scope into `output`, or raise OpenDataError and write nothing."""
    k = max(MIN_K, suppression_k()) if k is None else k
    scope = read_scope(organisation_slug=organisation_slug, hub=hub)
    with_dates = [r for r in scope.records if holds_exact_date(r)]
    aggregates = build_aggregates(scope.records, k)
    anonymised = k_anonymise([r for r in scope.records if not holds_exact_date(r)], k)

    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for dimension in DIMENSIONS:
            _write_csv(work / dimension.file, ["period", dimension.name, dimension.count],
                       aggregate_rows(aggregates.tables[dimension.file]))
        _write_csv(work / REPORTS_FILE, REPORT_COLUMNS, report_rows(anonymised.records))
        descriptor = package_descriptor(scope, aggregates, anonymised, k, left_out_dates=len(with_dates))
        (work / PACKAGE_FILE).write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        problems = check_export(work, k, public_ids=scope.public_ids)
        if problems:
            raise OpenDataError(problems)
        target.mkdir(exist_ok=True)
        files = sorted(p.name for p in work.iterdir())
        for name in files:
            os.replace(work / name, target / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ExportSummary(target, files, len(scope.records), len(anonymised.records), anonymised.left_out,
                         len(with_dates), aggregates.left_out_periods, anonymised.levels,
                         scope.organisation_id)
