"""Bring a Welsh catalogue in step with the code: `manage.py welsh_catalogue` (no GNU gettext needed).

Without options it updates the project catalogue, locale/cy/LC_MESSAGES/django.po, from the chrome,
core and report-journey sources (core.catalogue.PROJECT_TEMPLATES and PROJECT_MODULES).
`--app NAME` updates NAME/locale/cy/LC_MESSAGES/django.po from that app's templates and modules.
New strings are added untranslated, vanished ones are marked obsolete, translations are kept.
`--check` changes nothing and exits 1 if a string the catalogue should hold is missing or untranslated.
Compile afterwards with scripts/compile_messages.py (make run and make test do it too).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import catalogue


class Command(BaseCommand):
    help = "Add new translatable strings to a Welsh .po catalogue and mark removed ones obsolete."

    def add_arguments(self, parser):
        parser.add_argument("--app", help="update this app's locale/cy catalogue instead of the project's")
        parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is missing")

    def handle(self, *args, app: str | None = None, check: bool = False, **options):
        root = Path(settings.BASE_DIR)
        if app:
            if not (root / app).is_dir():
                raise CommandError(f"There is no app folder called {app!r}.")
            found = catalogue.extract([f"{app}/templates/**/*.html"], [f"{app}/**/*.py"], root)
            po_path = root / app / "locale" / "cy" / "LC_MESSAGES" / "django.po"
        else:
            found = catalogue.project(root)
            po_path = root / "locale" / "cy" / "LC_MESSAGES" / "django.po"
        if check:
            with tempfile.TemporaryDirectory() as scratch:
                copy = Path(scratch) / "django.po"
                if po_path.exists():
                    shutil.copy(po_path, copy)
                result = catalogue.update_catalogue(copy, found)
        else:
            result = catalogue.update_catalogue(po_path, found)
        where = po_path.relative_to(root)
        self.stdout.write(f"{where}: {len(found.messages)} strings, {result.added} new, {result.revived} back, "
                          f"{result.obsoleted} now obsolete, {result.untranslated} without Welsh")
        if check and (result.added or result.revived or result.untranslated):
            raise CommandError(f"{where} is not in step with the code: run manage.py welsh_catalogue and translate.")
