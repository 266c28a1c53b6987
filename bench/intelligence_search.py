"""Search speed: p50 and p95 of keyword, semantic top-10 and hybrid search over ~200 realistic queries.

    DATABASE_URL=... .venv/bin/python bench/intelligence_search.py --organisation SLUG
        [--seed-own N] [--queries 200] [--limit 10] [--repeat 1] [--output bench/results/intelligence.json]

It measures the database it is pointed at (DATABASE_URL, as the application reads it), in one
organisation that is already seeded (`manage.py seed_reports --organisation SLUG --count N`). With
`--seed-own N` it first tops the organisation up to N confirmed reports itself (creating the
organisation if needed): quick synthetic rows written with bulk_create, then indexed and embedded
through the product's own functions (intelligence.search.backfill, intelligence.vectors.embed_reports);
with `--composed-vectors` their vectors are composed from their phrases' (see composed_vectors),
which is how 1,000,000 on PostgreSQL is seeded in minutes:

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_search .venv/bin/python \
        bench/intelligence_search.py --organisation bench --seed-own 1000000 --composed-vectors

Each search is timed end to end through `intelligence.search.search`, as the page and the API call it
(query parsing, the full-text or vector search, fusion, snippets, and the tenancy check on the hits),
after one untimed warm-up pass that loads the embedding model and the organisation's vector index.
Figures are merged into the JSON file under "search" (read, modify, write: other benches keep theirs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")
os.environ.setdefault("GOODCATCH_DEMO", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from intelligence import search, vectors  # noqa: E402

OUTPUT = ROOT / "bench" / "results" / "intelligence.json"
TARGET_P95_MS = 100.0

# ---- quick synthetic reports (until seed_reports exists, or to top an organisation up) ---------------

WHO = ["the duty social worker", "a newly qualified social worker", "the team manager", "the health visitor",
       "the school's designated safeguarding lead", "a foster carer", "the residential keyworker", "the agency worker",
       "the out-of-hours team", "the independent reviewing officer", "a personal adviser", "the MASH screener",
       "the hospital discharge coordinator", "the GP surgery", "a police officer", "the care home manager",
       "the family support worker", "the early help practitioner", "the CAMHS clinician", "the housing officer"]
WHAT = ["a referral sat in the shared inbox for {n} days", "the strategy discussion went ahead without health",
        "the child protection plan was not shared with the school", "the discharge letter never reached the team",
        "a home visit was cancelled and not rebooked", "the case was closed while a referral was still open",
        "the wrong family received the core group minutes", "a medication chart was not updated after a change",
        "the missing-from-care episode was not reported to police", "the transfer between teams took {n} weeks",
        "a safeguarding enquiry was opened on the wrong adult", "nobody followed up the school's attendance concern",
        "the interpreter was not booked for the initial assessment", "the chronology left out a domestic abuse incident",
        "the section 47 enquiry started {n} days late", "the placement plan did not mention the child's allergy",
        "contact was arranged at an address the mother had fled", "the care leaver was not told about the housing panel",
        "the return home interview was never offered", "the paediatric assessment was booked for the wrong child",
        "an older man was discharged with no package of care", "the carer's assessment was lost in the system",
        "the threshold decision was recorded without a manager's sign-off", "a duplicate record hid an earlier referral"]
WHY = ["the caseload was over {n} families", "the electronic record had two records for the child",
       "the handover note was not read", "there was no cover for annual leave", "the form went to a generic mailbox",
       "the agencies used different thresholds", "supervision had not happened for {n} weeks",
       "the system did not flag the open plan", "the team was short of {n} workers",
       "the information-sharing agreement with health was unclear", "the worker was new and not yet trained",
       "the phone line to the hospital was not answered", "the manager was covering two teams"]
NOTICED = ["A colleague spotted it in supervision.", "The school rang to ask why nobody had visited.",
           "It came up at the core group meeting.", "The audit of open cases found it.",
           "The family's advocate raised it.", "The reviewing officer noticed the gap before the review.",
           "The police called to check the plan.", "It was found when the case was transferred."]
HARM = ["The child could have been left at home with the risk for longer.", "The adult could have been without care overnight.",
        "A young person could have gone missing again without anyone searching.", "The family could have lost trust in the service.",
        "The child could have been given food they are allergic to.", "Evidence for court could have been incomplete."]
HELP = ["A daily check of the shared inbox by a named person.", "An alert on the record when a plan is open.",
        "A single contact in the hospital for discharges.", "Protected time for supervision.",
        "Clear thresholds agreed with health and police.", "A checklist for transfers between teams."]
KINDS = ["near_miss"] * 5 + ["incident"] * 3 + ["concern"] * 2 + ["good_practice"]
AREAS = ["children", "early_help", "fostering_adoption", "residential", "leaving_care", "adults", "mental_health", "other"]
STAGES = ["referral", "assessment", "section_47", "strategy", "cp_conference", "planning", "intervention", "review",
          "transfer", "closure", "safeguarding_enquiry", "hospital_discharge", "other"]


def synthetic_report(rng: random.Random, parts: list[str] | None = None) -> dict:
    """One report's fields; `parts`, when given, receives the phrases it was built from (their
    templates, unfilled), for --composed-vectors."""
    chosen: list[str] = []

    def pick(options: list[str]) -> str:
        choice = rng.choice(options)
        chosen.append(choice)
        return choice

    def fill(text: str) -> str:
        return text.format(n=rng.randint(2, 30))

    what = f"{pick(WHO).capitalize()} found that {fill(pick(WHAT))}, because {fill(pick(WHY))}."
    if rng.random() < 0.5:
        what += f" Earlier, {pick(WHO)} had noted that {fill(pick(WHAT))}."
    fields = {"what_happened": what, "how_noticed": pick(NOTICED), "potential_harm_text": pick(HARM),
              "what_would_help": pick(HELP) if rng.random() < 0.7 else "", "kind": rng.choice(KINDS),
              "service_area": rng.choice(AREAS), "stage": rng.choice(STAGES), "potential_harm": rng.randint(0, 5)}
    if parts is not None:
        parts.extend(chosen)
    return fields


def composed_vectors(all_parts: list[list[str]]) -> np.ndarray:
    """Each report's vector made from its phrases' vectors, each embedded once by the product's model:
    the word-weighted mean, normalised. The model is static (a text's vector is the weighted mean of
    its tokens'), so this stands close to embedding the whole text (bench/intelligence_ann.py measures
    how close) at a tiny fraction of the time: a million reports in minutes instead of an hour."""
    phrases = sorted({phrase for parts in all_parts for phrase in parts})
    embedded = dict(zip(phrases, vectors.embed_texts([p.format(n=7) for p in phrases]), strict=True))
    weights = {phrase: len(phrase.split()) for phrase in phrases}
    out = np.zeros((len(all_parts), vectors.DIMENSIONS), dtype=np.float32)
    for row, parts in enumerate(all_parts):
        for phrase in parts:
            out[row] += embedded[phrase] * weights[phrase]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def seed_own(slug: str, count: int, seed: int = 11, *, composed: bool = False) -> None:
    """Top the organisation up to `count` confirmed reports, then index and embed what is missing
    (composed: vectors made from the phrases' vectors, see composed_vectors)."""
    from intelligence.models import ReportVector
    from organisations.models import Organisation
    from reporting.models import Report

    organisation, _created = Organisation.objects.get_or_create(slug=slug, defaults={"name": f"{slug.title()} (bench)"})
    have = Report.objects.filter(organisation=organisation, deid_status="confirmed").count()
    rng = random.Random(seed + have)
    start = datetime.now(UTC) - timedelta(days=3 * 365)
    todo = max(0, count - have)
    print(f"seeding {todo} reports into {slug} ({have} there already)", file=sys.stderr)
    for offset in range(0, todo, 5000):
        rows, all_parts = [], []
        for _ in range(min(5000, todo - offset)):
            all_parts.append([])
            fields = synthetic_report(rng, all_parts[-1])
            day = start + timedelta(days=rng.randint(0, 3 * 365))
            day = day.replace(hour=0, minute=0, second=0, microsecond=0)
            rows.append(Report(organisation=organisation, reference="GB-" + secrets.token_hex(6).upper(),
                               receipt_hash=secrets.token_hex(32), deid_status="confirmed", deid_confirmed_at=day,
                               status="received", submitted_at=day, updated_at=day, is_demo=True, **fields))
        Report.objects.bulk_create(rows, batch_size=1000)
        if composed:
            ReportVector.objects.bulk_create(
                [ReportVector(report_id=report.pk, organisation_id=organisation.pk, model=vectors.EMBEDDING_MODEL,
                              vector=vectors.to_bytes(vector))
                 for report, vector in zip(rows, composed_vectors(all_parts), strict=True)], batch_size=1000)
        if offset % 100_000 == 0:
            print(f"  {offset + len(rows):,}/{todo:,}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    indexed = search.backfill([organisation.pk])
    print(f"indexed {indexed} search documents in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    started = time.perf_counter()
    embedded = vectors.embed_reports(organisation.pk, vectors.missing_ids(organisation.pk))
    print(f"embedded {embedded} reports in {time.perf_counter() - started:.1f}s", file=sys.stderr)


# ---- the queries ------------------------------------------------------------------------------------

QUERY_WORDS = ["referral", "shared inbox", "strategy discussion", "discharge letter", "home visit", "core group minutes",
               "medication", "missing from care", "transfer between teams", "safeguarding enquiry", "school attendance",
               "interpreter", "chronology", "domestic abuse", "section 47", "allergy", "placement plan", "contact",
               "care leaver", "housing", "return home interview", "paediatric", "package of care", "carer's assessment",
               "threshold", "duplicate record", "caseload", "handover", "annual leave", "supervision", "hospital",
               "police", "health visitor", "foster carer", "agency worker", "out of hours", "manager sign-off",
               "information sharing", "wrong family", "court"]
QUESTIONS = ["referral not picked up for days", "nobody told the school about the plan",
             "older man sent home from hospital without care", "child's allergy missing from the placement plan",
             "meeting held without health present", "worker had too many cases", "minutes sent to the wrong family",
             "young person went missing and police were not told", "case closed too early", "new worker not trained",
             "two records for the same child", "no interpreter at the assessment", "supervision kept being cancelled",
             "handover between teams went wrong", "the plan was not shared with other agencies"]


def realistic_queries(count: int, seed: int = 5) -> list[str]:
    """Short keyword queries, pairs of them, and natural-language questions, as reviewers type them."""
    rng = random.Random(seed)
    queries = list(QUERY_WORDS) + list(QUESTIONS)
    while len(queries) < count:
        roll = rng.random()
        if roll < 0.5:
            queries.append(" ".join(rng.sample(QUERY_WORDS, 2)))
        elif roll < 0.8:
            queries.append(rng.choice(QUESTIONS) + " " + rng.choice(QUERY_WORDS))
        else:
            queries.append(rng.choice(QUERY_WORDS).split()[0])
    rng.shuffle(queries)
    return queries[:count]


# ---- timing -----------------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def time_mode(organisation_id: int, queries: list[str], mode: str, limit: int, repeat: int) -> dict:
    times, cpu, found = [], [], 0
    for _ in range(repeat):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            hits = search.search(organisation_id, query, mode=mode, limit=limit)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            found += bool(hits)
    # CPU time of this process (SQLite runs inside it): what a search costs when it need not wait its
    # turn for a CPU. On a busy machine the wall-clock figures are mostly waiting.
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 0.95), 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2), "cpu_p95_ms": round(percentile(cpu, 0.95), 2),
            "max_ms": round(max(times), 2), "mean_ms": round(statistics.fmean(times), 2), "searches": len(times),
            "with_results": round(found / len(times), 3)}


def merge_into(path: Path, key: str, figures: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        data = {}
    data[key] = figures
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisation", required=True, metavar="SLUG")
    parser.add_argument("--seed-own", type=int, default=0, metavar="N",
                        help="first top the organisation up to N confirmed reports (quick synthetic rows)")
    parser.add_argument("--composed-vectors", action="store_true",
                        help="with --seed-own: compose the new reports' vectors from their phrases' (minutes, not hours, at 1M)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1, help="time each query this many times")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    from organisations.services import get_organisation
    from reporting import services as reporting

    if args.seed_own:
        seed_own(args.organisation, args.seed_own, composed=args.composed_vectors)
        if connection.vendor == "postgresql":
            started = time.perf_counter()
            with connection.cursor() as cursor:  # fresh statistics, as a real hub's autovacuum would give
                cursor.execute("ANALYZE")
            print(f"analysed in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    organisation = get_organisation(args.organisation)
    if organisation is None:
        sys.exit(f"No organisation {args.organisation!r}: seed it first (manage.py seed_reports, or --seed-own N)")
    reports = reporting.readable_reports(organisation.pk).count()
    missing = len(search.missing_ids(organisation.pk))
    if missing:
        print(f"indexing {missing} confirmed reports without a search document", file=sys.stderr)
        search.backfill([organisation.pk])
    unembedded = vectors.missing_ids(organisation.pk)
    if unembedded:
        print(f"embedding {len(unembedded)} confirmed reports without a vector", file=sys.stderr)
        vectors.embed_reports(organisation.pk, unembedded)
    if reports >= vectors.ann_min_vectors():
        from intelligence import ann

        started = time.perf_counter()
        ann.refresh(organisation.pk)  # as the periodic task does for an organisation this large
        vectors.forget_index(organisation.pk)
        print(f"built the ANN index in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    load_before = os.getloadavg()[0]
    queries = realistic_queries(args.queries)
    for query in queries:  # warm-up: the model, the vector index, the database's caches
        search.search(organisation.pk, query, mode="hybrid", limit=args.limit)
    results = {mode: time_mode(organisation.pk, queries, mode, args.limit, args.repeat)
               for mode in ("keyword", "semantic", "hybrid")}

    database = connection.vendor
    load = round(max(load_before, os.getloadavg()[0]), 1)
    print(f"\nSearch over {reports:,} confirmed reports on {database} ({len(queries)} queries, top {args.limit}; "
          f"load average {load} on {os.cpu_count()} CPUs: other work on the machine slows every figure)")
    print(f"{'mode':<10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'CPU p50':>10}{'CPU p95':>10}{'found':>8}")
    for mode, figures in results.items():
        print(f"{mode:<10}{figures['p50_ms']:>10.1f}{figures['p95_ms']:>10.1f}{figures['max_ms']:>10.1f}"
              f"{figures['cpu_p50_ms']:>10.1f}{figures['cpu_p95_ms']:>10.1f}{figures['with_results']:>8.0%}")
    worst = max(figures["p95_ms"] for figures in results.values())
    verdict = "met" if worst <= TARGET_P95_MS else "missed"
    print(f"target p95 <= {TARGET_P95_MS:.0f} ms at 100k on SQLite: {verdict} here (worst p95 {worst:.1f} ms)")

    runs = {}
    try:
        runs = json.loads(args.output.read_text(encoding="utf-8")).get("search", {}).get("runs", {})
    except (FileNotFoundError, json.JSONDecodeError, AttributeError):
        runs = {}
    runs[f"{database}-{reports}"] = {
        "database": database, "reports": reports, "queries": len(queries), "limit": args.limit,
        "repeat": args.repeat, "cpus": os.cpu_count(), "load_average": load,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "modes": results, "target_p95_ms": TARGET_P95_MS,
    }
    merge_into(args.output, "search", {"runs": runs, "latest": f"{database}-{reports}"})
    print(f"figures merged into {args.output} under 'search'")


if __name__ == "__main__":
    main()
