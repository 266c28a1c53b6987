"""`manage.py check_publishable --input FILE [--organisation SLUG]`: the publish-time gate on a text file.

Exits 0 when the text is clean, 1 when it still holds an identifier (each listed on its own line:
label, character position, and the words around it with the identifiers masked), and 2 with a
message when it could not run (no such file, not UTF-8, an unknown organisation, the engine failing).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

FOUND, COULD_NOT_RUN = 1, 2


class Command(BaseCommand):
    help = "Run the learning bulletin's publish-time de-identification gate on a UTF-8 text file."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, metavar="FILE", help="the text to check (UTF-8)")
        parser.add_argument("--organisation", metavar="SLUG",
                            help="check with this organisation's settings and the terms its reviewers taught the engine")

    def execute(self, *args, **options):
        # Every failure to run is exit 2, never Django's exit 1, which here means "identifiers found".
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            self.stderr.write(f"check_publishable: {error}")
            sys.exit(COULD_NOT_RUN)

    def handle(self, *args, **options):
        try:
            findings = _findings(options["input"], options.get("organisation"))
        except CommandError:
            raise
        except Exception as error:  # the database or the engine could not run: that is not a clean text
            raise CommandError(f"the check could not run: {type(error).__name__}: {error}") from error
        if not findings:
            self.stdout.write("clean: no identifiers found")
            return
        for finding in findings:
            self.stdout.write(f"{finding.label}\t{finding.start}\t{finding.context}")
        self.stderr.write(f"{len(findings)} identifier(s) found: not publishable")
        sys.exit(FOUND)


def _findings(path: str, slug: str | None):
    from learning.publishing import check_text
    from organisations.services import get_organisation

    text = _read(path)
    organisation_id = None
    if slug:
        organisation = get_organisation(slug)
        if organisation is None:
            raise CommandError(f"no organisation with the slug {slug!r}")
        organisation_id = organisation.pk
    return check_text(text, organisation_id=organisation_id)


def _read(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError as error:
        raise CommandError(f"no such file: {path}") from error
    except IsADirectoryError as error:
        raise CommandError(f"{path} is a directory, not a file") from error
    except PermissionError as error:
        raise CommandError(f"cannot read {path}: permission denied") from error
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text (byte {error.start})") from error
