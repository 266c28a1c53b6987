"""Bring a Welsh catalogue in step with the code: `manage.py welsh_catalogue` (no GNU gettext needed).

Without options it updates the project catalogue, locale/cy/LC_MESSAGES/django.po, from the chrome,
core and report-journey sources (core.catalogue.PROJECT_TEMPLATES and PROJECT_MODULES).
`--app NAME` updates NAME/locale/cy/LC_MESSAGES/django.po from that app's templates and modules.
New strings are added untranslated, vanished ones are marked obsolete, translations are kept.
`--check` changes nothing and exits 1 if a string the catalogue should cover has no Welsh in any
compiled catalogue (this one, an app's, or Django's own), so run scripts/compile_messages.py first
(make run and make test do it too).
"""

from __future__ import annotations

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
        where = po_path.relative_to(root)
        if check:
            missing = catalogue.without_welsh(found, {"Good Catch"})
            for message, places in missing.items():
                self.stdout.write(f"no Welsh: {message.msgid!r} ({places[0]})")
            if missing:
                raise CommandError(f"{len(missing)} string(s) for {where} have no Welsh: run manage.py welsh_catalogue, "
                                   "translate, and compile.")
            self.stdout.write(f"{where}: all {len(found.messages)} strings have Welsh")
            return
        result = catalogue.update_catalogue(po_path, found)
        self.stdout.write(f"{where}: {len(found.messages)} strings, {result.added} new, {result.revived} back, "
                          f"{result.obsoleted} now obsolete, {result.untranslated} without Welsh")
