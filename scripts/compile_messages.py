"""Compile every gettext catalogue in the project (``locale/`` and each app's ``locale/``) to .mo.

Pure Python (polib), so a fresh machine needs no Debian gettext. A .mo is rewritten only when its
.po is newer; fuzzy entries are left out, as msgfmt does, so an unchecked guess never reaches a page.
Run by `make run` and `make test`; `python scripts/compile_messages.py --check` exits 1 on a catalogue
that does not parse.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "staticfiles", ".git", "var"}


def catalogues(root: Path = ROOT) -> list[Path]:
    found = []
    for po in root.rglob("locale/*/LC_MESSAGES/*.po"):
        if not SKIP.intersection(po.relative_to(root).parts):
            found.append(po)
    return sorted(found)


def compile_one(po_path: Path) -> bool:
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalogue = polib.pofile(str(po_path))
    for entry in [e for e in catalogue if e.fuzzy or e.obsolete]:
        catalogue.remove(entry)
    catalogue.save_as_mofile(str(mo_path))
    return True


def main(argv: list[str]) -> int:
    written = 0
    for po in catalogues():
        try:
            written += compile_one(po)
        except (OSError, ValueError) as error:
            print(f"compile_messages: {po.relative_to(ROOT)}: {error}", file=sys.stderr)
            return 1
    if "--quiet" not in argv:
        print(f"compile_messages: {written} catalogue(s) compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
