"""Recompute emerging themes now (the scheduled task does it regularly), keeping reviewers' edits.

    python manage.py recluster_themes [--organisation SLUG] [--method agglomerative|hdbscan]
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from intelligence import clustering, themes, vectors
from organisations.services import get_organisation


class Command(BaseCommand):
    help = "Cluster confirmed reports into themes, one organisation or all, keeping reviewers' renames, merges and splits."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="the organisation's slug (default: every organisation)")
        parser.add_argument("--method", choices=clustering.METHODS, default=clustering.AGGLOMERATIVE)
        parser.add_argument("--embed-missing", action="store_true",
                            help="first embed confirmed reports that have no vector yet")

    def handle(self, *args, **options):
        if options["organisation"]:
            organisation = get_organisation(options["organisation"])
            if organisation is None:
                raise CommandError(f"No organisation with the slug {options['organisation']!r}")
            ids = [organisation.pk]
        else:
            ids = None
        if options["embed_missing"]:
            vectors.embed_missing(ids)
        started = time.perf_counter()
        summaries = [themes.recluster(i, method=options["method"]) for i in ids] if ids else \
            themes.recluster_all(method=options["method"])
        for s in summaries:
            self.stdout.write(f"organisation {s.organisation_id}: {s.reports} reports, {s.themes} themes "
                              f"({s.new_themes} new), {s.unthemed} in no theme")
        self.stdout.write(f"done in {time.perf_counter() - started:.1f}s")
