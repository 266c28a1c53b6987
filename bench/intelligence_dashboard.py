"""Dashboard render time: p50 and p95 of GET /o/SLUG/dashboard/ (and its CSV), through Django's test
client against an already seeded database (DATABASE_URL; SQLite by default).

    # seeded by `manage.py seed_reports --organisation SLUG --count N`, or by this script's own
    # bulk seeding (reports, first codings with factors, reviewers' first messages):
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/intelligence_dashboard.py \\
        --organisation bench --seed-own 100000 --runs 30

Each run renders the whole page as a manager: every aggregate query, small-number suppression,
the Vega-Lite specs and the template. Runs with a filter (one type, one year) are timed too, and
one whose dates cut months in part (those months are counted live). The first run is a warm-up
and not counted.

Counts come from the monthly rollups (intelligence.rollups) unless --no-rollups: --refresh folds
everything into them first (timed), --after-marks N then adds N reports (with codings and replies)
that the rollups have not counted, as between two runs of the refresh task. Figures go under "dashboard" in
bench/results/intelligence.json (read, changed and written back, so other parts' keys stay).
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

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "intelligence.json"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")
os.environ.setdefault("GOODCATCH_DEMO", "true")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def seed_own(slug: str, count: int, seed: int) -> int:
    """Bulk rows until the organisation has `count` reports: the counted fields only (kind, area,
    stage, dates over three years), a first coding with factors and risk for 40% of them and a
    reviewer's first message for 30%. Narratives are not needed to time aggregates."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from coding import risk, taxonomy
    from coding.models import CodedFactor, CodeVersion, Coding, Use
    from organisations.models import Membership, Organisation, Role
    from reporting.choices import DeidStatus, MessageAuthor, ReportKind, ServiceArea, Stage
    from reporting.models import Message, Report

    organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": f"{slug.title()} Council",
                                                                              "staff_headcount": 2500})
    have = Report.objects.filter(organisation=organisation).count()
    if have >= count:
        return have
    rng = random.Random(seed + have)
    user, _ = get_user_model().objects.get_or_create(username=f"{slug}-bench-reviewer")
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": Role.REVIEWER})
    codes = [c for c in taxonomy.codes_of(organisation) if c.use == Use.FACTOR and not c.children.exists()]
    versions = {v.code_id: v for v in CodeVersion.objects.filter(code__in=codes)}
    kinds = [ReportKind.NEAR_MISS] * 5 + [ReportKind.INCIDENT] * 3 + [ReportKind.CONCERN] * 2 + [ReportKind.GOOD_PRACTICE]
    areas, stages = ServiceArea.values, Stage.values
    weights = [1 / (i + 1) for i in range(len(codes))]  # a few factors common, most rare
    now = datetime.now(UTC)
    batch = 5000
    made = have
    started = time.perf_counter()
    while made < count:
        n = min(batch, count - made)
        with transaction.atomic():
            reports = Report.objects.bulk_create([
                Report(organisation=organisation, reference=f"B{secrets.token_hex(8).upper()}", kind=rng.choice(kinds),
                       service_area=rng.choice(areas), stage=rng.choice(stages), potential_harm=rng.randint(0, 5),
                       receipt_hash=secrets.token_hex(32), deid_status=DeidStatus.CONFIRMED,
                       submitted_at=(now - timedelta(days=rng.randint(0, 3 * 365))).replace(hour=0, minute=0, second=0,
                                                                                            microsecond=0),
                       updated_at=now)
                for _ in range(n)])
            coded = [r for r in reports if rng.random() < 0.4]
            codings = []
            for subject in coded:
                consequence, likelihood = rng.randint(1, 5), rng.randint(1, 5)
                rating = risk.rate(consequence, likelihood)
                codings.append(Coding(organisation=organisation, report=subject, coder=user, actual_harm=1,
                                      potential_harm=consequence, likelihood=likelihood, risk_score=rating.score,
                                      risk_band=rating.band.key))
            codings = Coding.objects.bulk_create(codings)
            factors = []
            for coding in codings:
                for chosen in set(rng.choices(codes, weights=weights, k=rng.randint(1, 3))):
                    factors.append(CodedFactor(coding=coding, code=chosen, code_version=versions[chosen.pk],
                                               failure=rng.choice(["active", "latent", ""])))
            CodedFactor.objects.bulk_create(factors)
            Message.objects.bulk_create([
                Message(report=r, author_kind=MessageAuthor.REVIEWER, reviewer=user, body="Thank you for this report.",
                        created_at=r.submitted_at + timedelta(days=rng.expovariate(1 / 6), hours=9))
                for r in reports if rng.random() < 0.3])
        made += n
        print(f"  seeded {made:,}/{count:,} reports ({time.perf_counter() - started:.0f} s)", flush=True)
    return made


def measure(slug: str, runs: int, modes: list[str]) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisations.models import Membership, Organisation, Role
    from reporting.models import Report

    setup_test_environment()  # the test client's host, "testserver", is allowed
    organisation = Organisation.objects.get(slug=slug)
    reports = Report.objects.filter(organisation=organisation).count()
    user, _ = get_user_model().objects.get_or_create(username=f"{slug}-bench-manager")
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": Role.MANAGER})
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    year = datetime.now(UTC).year
    views = {
        "page": f"/o/{slug}/dashboard/",
        "page_filtered": f"/o/{slug}/dashboard/?kind=near_miss&date_from={year - 1}-01-01&date_to={year - 1}-12-31",
        "page_part_months": f"/o/{slug}/dashboard/?service_area=children&date_from={year - 1}-01-15"
                            f"&date_to={year - 1}-06-20",
        "csv": f"/o/{slug}/dashboard.csv",
    }
    out: dict = {"reports": reports, "runs": runs}
    # "cold": every render counts afresh (GOODCATCH_DASHBOARD_CACHE_SECONDS=0), the cost of the SQL
    # aggregates; "warm": the built figures are reused, as they are for GOODCATCH_DASHBOARD_CACHE_SECONDS.
    for mode, seconds in (("cold", 0), ("warm", 300)):
        if mode not in modes:
            continue
        settings.GOODCATCH_DASHBOARD_CACHE_SECONDS = seconds
        cache.clear()
        for name, path in views.items():
            timings = []
            for i in range(runs + 1):
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
                if i:  # the first is a warm-up (and, warm, fills the cache)
                    timings.append(elapsed)
            key = f"{name}_{mode}"
            out[key] = {"p50_ms": round(statistics.median(timings), 1), "p95_ms": round(percentile(timings, 95), 1),
                        "max_ms": round(max(timings), 1)}
            print(f"  {key:20} p50 {out[key]['p50_ms']:8.1f} ms   p95 {out[key]['p95_ms']:8.1f} ms", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisation", required=True, help="the slug of an already seeded organisation")
    parser.add_argument("--seed-own", type=int, default=0, metavar="N",
                        help="first bulk-seed the organisation up to N reports (until seed_reports is available)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--label", default="", help="a name for this run in the results (default: database and size)")
    parser.add_argument("--no-rollups", action="store_true", help="count everything live (GOODCATCH_DASHBOARD_ROLLUPS off)")
    parser.add_argument("--refresh", action="store_true", help="fold everything into the rollups first, timed")
    parser.add_argument("--after-marks", type=int, default=0, metavar="N",
                        help="then add N reports the rollups have not counted yet")
    parser.add_argument("--modes", default="cold,warm", help="cold, warm or both (comma-separated)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    if args.seed_own:
        seed_own(args.organisation, args.seed_own, args.seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give in a while
                cursor.execute("ANALYZE")
    from django.conf import settings

    from intelligence import rollups
    from organisations.models import Organisation

    settings.GOODCATCH_DASHBOARD_ROLLUPS = not args.no_rollups
    extra: dict = {"rollups": not args.no_rollups}
    if args.refresh:
        started = time.perf_counter()
        written = rollups.refresh(Organisation.objects.get(slug=args.organisation))
        extra["refresh_s"] = round(time.perf_counter() - started, 1)
        print(f"  rollups refreshed: {written:,} rows written in {extra['refresh_s']} s", flush=True)
    if args.after_marks:
        from reporting.models import Report

        have = Report.objects.filter(organisation__slug=args.organisation).count()
        seed_own(args.organisation, have + args.after_marks, args.seed + 1)
        extra["after_marks"] = args.after_marks
    print(f"Dashboard render, {connection.vendor}, organisation {args.organisation}:", flush=True)
    result = measure(args.organisation, args.runs, args.modes.split(","))
    result.update(extra)
    result["database"] = connection.vendor
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    result["cpus"] = os.cpu_count()
    result["target"] = "p95 <= 500 ms at 1,000,000 reports on PostgreSQL"
    label = args.label or f"{connection.vendor}_{result['reports']}"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data.setdefault("dashboard", {})[label] = result
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    print(f"Written under dashboard.{label} in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
