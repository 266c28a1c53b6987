"""`manage.py export_open_data --output DIR [--organisation SLUG | --hub]`: the open data (docs/open-data.md).

Writes the aggregates, the k-anonymous record-level file and datapackage.json into DIR, from cleared
shared reports that are not withdrawn: one organisation's (`--organisation`), every one the hub holds
(`--hub`), or by default those of every organisation on this instance. Exits 1, naming each cell or
class, when suppression, k-anonymity or the data package would fail; then nothing is written.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from protection.audit import audit
from sharing.opendata import OpenDataError, export_open_data


class Command(BaseCommand):
    help = "Write open data (suppressed aggregates, k-anonymous reports, a Frictionless data package) into a folder."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="DIR", help="the folder to write into (created if needed)")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--organisation", metavar="SLUG", help="only this organisation's cleared reports")
        scope.add_argument("--hub", action="store_true",
                           help="every cleared report on this instance, including those the hub received")

    def handle(self, *args, **options):
        try:
            summary = export_open_data(options["output"], organisation_slug=options.get("organisation"),
                                       hub=options["hub"])
        except OpenDataError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"nothing written: {len(error.problems)} problem(s) found") from error
        except OSError as error:  # DIR is a file, or not writable: nothing was moved into place
            raise CommandError(f"nothing written: {error}") from error
        scope = "hub" if options["hub"] else (f"organisation {options['organisation']}" if options.get("organisation")
                                             else "instance")
        audit("sharing.open_data_exported", actor="export_open_data", organisation_id=summary.organisation_id,
              subject=scope[:60], detail={
            "scope": scope, "reports_in_scope": summary.reports_in_scope, "records_published": summary.records_published,
            "records_left_out": summary.records_left_out, "files": summary.files})
        self.stdout.write(f"wrote {len(summary.files)} files to {summary.folder}")
        self.stdout.write(f"{summary.reports_in_scope} cleared reports in scope; {summary.records_published} published "
                          f"in reports.csv, {summary.records_left_out} left out for k-anonymity")
        if summary.left_out_with_dates:
            self.stderr.write(f"{summary.left_out_with_dates} report(s) left out of reports.csv: their text still "
                              "holds an exact date (clear them again)")
        if summary.left_out_periods:
            self.stdout.write(f"quarters left out of the aggregates (too few reports): {', '.join(summary.left_out_periods)}")
