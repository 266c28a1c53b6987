"""Write docs/taxonomy.md from coding/default_taxonomy.yaml, or check that it is current."""

from django.core.management.base import BaseCommand, CommandError

from coding.taxonomy import DOC_FILE, render_doc


class Command(BaseCommand):
    help = "Generate docs/taxonomy.md from the default taxonomy's data file (--check: fail if it is stale)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if docs/taxonomy.md is not current")

    def handle(self, *args, check: bool = False, **options):
        text = render_doc()
        if check:
            if not DOC_FILE.exists() or DOC_FILE.read_text(encoding="utf-8") != text:
                raise CommandError(f"{DOC_FILE} is stale: run `manage.py taxonomy_doc`")
            self.stdout.write("docs/taxonomy.md is current.")
            return
        DOC_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC_FILE}")
