"""The few Tabler icons (MIT, from npm: @tabler/icons) the easy-read pages use, served as static files
under "tabler/". Only these are collected: the package has over 5,000, and collectstatic would hash
them all if its folder were a STATICFILES_DIRS entry."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PREFIX = "tabler"
# One line each: what the picture stands for on the page.
ICONS = (
    "phone",  # help now: call
    "mood-kid",  # a child or young person
    "wheelchair",  # someone who uses services
    "heart-handshake",  # a carer or family member
    "user",  # someone else
    "pencil",  # what happened
    "mood-sad",  # how it felt
    "bulb",  # what would make it better
    "message-circle",  # talk to someone
    "checklist",  # check your answers
    "receipt",  # your code
)


def icons_folder() -> Path:
    return Path(settings.BASE_DIR) / "node_modules" / "@tabler" / "icons" / "icons" / "outline"


class TablerIconsFinder(BaseFinder):
    """Finds "tabler/<name>.svg" for the names in ICONS, in node_modules (installed by `npm ci`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(icons_folder()))
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        missing = [name for name in ICONS if not (icons_folder() / f"{name}.svg").exists()]
        if missing and icons_folder().parent.exists():
            return [Error(f"Tabler icons not found: {', '.join(missing)}", id="reporting.E001")]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        folder, _slash, file = path.partition("/")
        name = file.removesuffix(".svg")
        found = icons_folder() / file
        if folder == PREFIX and file.endswith(".svg") and name in ICONS and found.exists():
            return [str(found)] if find_all or kwargs.get("all") else str(found)
        return []

    def list(self, ignore_patterns):
        for name in ICONS:
            if (icons_folder() / f"{name}.svg").exists():
                yield f"{name}.svg", self.storage
