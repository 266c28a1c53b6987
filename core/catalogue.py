"""Keeping .po catalogues in step with the code without GNU gettext (CI has no xgettext or msgmerge).

Messages are found the way makemessages finds them, in pure Python:

* templates go through Django's own ``templatize``, which turns ``{% translate %}`` and
  ``{% blocktranslate %}`` into ``gettext(...)`` calls (with ``%(name)s`` placeholders, exactly the
  msgid Django looks up at run time), and the calls are read with ``tokenize``;
* Python modules are parsed with ``ast``: calls to gettext, gettext_lazy, ``_``, pgettext,
  ngettext and their lazy forms whose arguments are string literals.

``update_catalogue`` then adds new messages untranslated, marks vanished ones obsolete (their
translation is kept, in case the string comes back) and never touches an existing translation.
``manage.py welsh_catalogue`` runs it; tests/core/test_welsh_coverage.py uses ``extract`` to fail
when a reporter-facing string has no Welsh.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

SINGULAR = {"gettext", "gettext_lazy", "_", "gettext_noop"}
CONTEXT = {"pgettext", "pgettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
FUNCTIONS = SINGULAR | CONTEXT | PLURAL | CONTEXT_PLURAL

# What a reporter can see: the anonymous and staff report forms, receipts, follow-up, the promise,
# error pages and the chrome around them. Globs for parts still being built elsewhere are listed on
# purpose: they are checked as soon as they exist (their Welsh lives in their own app's locale/cy).
PROJECT_TEMPLATES = [
    "templates/*.html",
    "templates/includes/*.html",
    "core/templates/core/*.html",
    "reporting/templates/reporting/*.html",
    # Staff, where there was time: signing in, which the header offers every visitor.
    "organisations/templates/organisations/sign_in.html",
    "organisations/templates/organisations/two_factor*.html",
]
REPORTER_TEMPLATES = [
    "templates/*.html",
    "templates/includes/error_summary.html",
    "templates/includes/field.html",
    "templates/includes/problem.html",
    "core/templates/core/*.html",
    "reporting/templates/reporting/*.html",
    "reporting/templates/reporting/easy/*.html",
    "culture/templates/culture/survey/*.html",
]
# Staff-only templates among those globs, with the reason each is left out.
STAFF_ONLY_TEMPLATES = {
    # Lists the reports a signed-in member of staff sent; no reporter without an account reaches it.
    "reporting/templates/reporting/my_reports.html": "signed-in staff only",
}
# The project catalogue (locale/cy) covers the chrome, core and the report journey's own files; the
# easy-read journey and the survey keep their Welsh in reporting/locale/cy and culture/locale/cy.
# Not yet: reporting/feedback.py, whose closing-feedback templates are checked for "[add ...]" gaps
# (feedback.GAP), so a Welsh template needs that check to know the Welsh gap first (docs/welsh.md).
PROJECT_MODULES = [
    "reporting/forms.py",
    "reporting/choices.py",
    "reporting/validation.py",
    "reporting/views.py",
    "reporting/services.py",
    "core/views.py",
    "core/ratelimit.py",
    "core/language.py",
    "organisations/forms.py",
    "organisations/views.py",
]
REPORTER_MODULES = [
    "reporting/forms.py",
    "reporting/choices.py",
    "reporting/validation.py",
    "reporting/views.py",
    "reporting/easy_read*.py",
    "culture/forms.py",
    "core/views.py",
    "core/ratelimit.py",
]


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str = ""
    context: str = ""


@dataclass
class Found:
    messages: dict[Message, list[str]]

    def add(self, message: Message, where: str) -> None:
        if message.msgid:
            self.messages.setdefault(message, []).append(where)


def _message(name: str, args: list[str]) -> Message | None:
    """The message a call with these leading string arguments asks for, if they are all there."""
    needed = {**dict.fromkeys(SINGULAR, 1), **dict.fromkeys(CONTEXT, 2), **dict.fromkeys(PLURAL, 2),
              **dict.fromkeys(CONTEXT_PLURAL, 3)}[name]
    if len(args) < needed:
        return None
    if name in SINGULAR:
        return Message(args[0])
    if name in CONTEXT:
        return Message(args[1], context=args[0])
    if name in PLURAL:
        return Message(args[0], plural=args[1])
    return Message(args[1], plural=args[2], context=args[0])


def from_python(source: str, where: str, found: Found) -> None:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in FUNCTIONS:
            continue
        args = []
        for arg in node.args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                break
            args.append(arg.value)
        message = _message(name, args)
        if message:
            found.add(message, f"{where}:{node.lineno}")


def from_template(source: str, where: str, found: Found) -> None:
    """Read the gettext calls in templatize's output: everything else there is X and B filler."""
    code = templatize(source, origin=where)
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    name, args, line, state, last_was_string = "", [], 0, "idle", False
    try:
        for token in tokens:
            if state == "idle":
                if token.type == tokenize.NAME and token.string in FUNCTIONS:
                    name, args, line, state = token.string, [], token.start[0], "open"
            elif state == "open":
                state = "args" if token.string == "(" else "idle"
            elif state == "args":
                if token.type == tokenize.STRING:
                    if args and last_was_string:
                        args[-1] += ast.literal_eval(token.string)
                    else:
                        args.append(ast.literal_eval(token.string))
                elif token.string == "," or token.type in (tokenize.NL, tokenize.NEWLINE):
                    pass
                else:
                    message = _message(name, args)
                    if message:
                        found.add(message, f"{where}:{line}")
                    state = "idle"
            last_was_string = token.type == tokenize.STRING
    except (tokenize.TokenError, SyntaxError):
        pass  # filler at the end of a template can leave a bracket open; every call before it counts


def files(patterns: list[str], root: Path | None = None, skip: dict | None = None) -> list[Path]:
    root = root or Path(settings.BASE_DIR)
    chosen = set()
    for pattern in patterns:
        chosen.update(p for p in root.glob(pattern) if p.is_file())
    skip = skip or {}
    return sorted(p for p in chosen if str(p.relative_to(root)) not in skip)


def extract(templates: list[str], modules: list[str], root: Path | None = None, skip: dict | None = None) -> Found:
    root = root or Path(settings.BASE_DIR)
    found = Found({})
    for path in files(templates, root, skip):
        from_template(path.read_text(encoding="utf-8"), str(path.relative_to(root)), found)
    for path in files(modules, root, skip):
        from_python(path.read_text(encoding="utf-8"), str(path.relative_to(root)), found)
    return found


def project(root: Path | None = None) -> Found:
    return extract(PROJECT_TEMPLATES, PROJECT_MODULES, root)


def reporter_facing(root: Path | None = None) -> Found:
    return extract(REPORTER_TEMPLATES, REPORTER_MODULES, root, STAFF_ONLY_TEMPLATES)


def welsh_for(message: Message) -> list[str]:
    """What a Welsh page shows for a message, from whichever catalogue Django merged it from: one text,
    or one for each plural form asked for (1, 2, 3 and 8 take the four Welsh forms)."""
    with translation.override("cy"):
        if message.plural and message.context:
            return [translation.npgettext(message.context, message.msgid, message.plural, n) for n in (1, 2, 3, 8)]
        if message.plural:
            return [translation.ngettext(message.msgid, message.plural, n) for n in (1, 2, 3, 8)]
        if message.context:
            return [translation.pgettext(message.context, message.msgid)]
        return [translation.gettext(message.msgid)]


def without_welsh(found: Found, same_in_welsh: set[str] = frozenset()) -> dict[Message, list[str]]:
    """The messages that come back in English on a Welsh page (from the compiled catalogues)."""
    missing = {}
    for message, places in found.messages.items():
        if message.msgid in same_in_welsh:
            continue
        english = {message.msgid, message.plural}
        if english.intersection(welsh_for(message)):
            missing[message] = places
    return missing


# Welsh plural forms, the same formula as Django's own cy catalogue so the two merge.
WELSH_PLURAL_FORMS = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"


def new_catalogue(language: str) -> polib.POFile:
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "goodcatch",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": WELSH_PLURAL_FORMS if language == "cy" else "nplurals=2; plural=(n != 1);",
    }
    return catalogue


@dataclass
class Update:
    added: int = 0
    obsoleted: int = 0
    revived: int = 0
    untranslated: int = 0


def update_catalogue(po_path: Path, found: Found, language: str = "cy") -> Update:
    """Bring a .po in step with the messages found; existing translations are never changed."""
    catalogue = polib.pofile(str(po_path)) if po_path.exists() else new_catalogue(language)
    plural_forms = re.search(r"nplurals=(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    nplurals = int(plural_forms.group(1)) if plural_forms else 2
    known = {(e.msgctxt or "", e.msgid): e for e in catalogue}
    result = Update()
    for message, places in found.messages.items():
        entry = known.pop((message.context, message.msgid), None)
        if entry is None:
            entry = polib.POEntry(msgid=message.msgid, msgctxt=message.context or None)
            if message.plural:
                entry.msgid_plural = message.plural
                entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
            else:
                entry.msgstr = ""
            catalogue.append(entry)
            result.added += 1
        elif entry.obsolete:
            entry.obsolete = False
            result.revived += 1
        entry.occurrences = sorted({(where.rsplit(":", 1)[0], "") for where in places})
        if not entry.translated():
            result.untranslated += 1
    for entry in known.values():
        if not entry.obsolete:
            entry.obsolete = True
            result.obsoleted += 1
    catalogue.sort(key=lambda e: (e.obsolete, e.occurrences[:1], e.msgid))
    po_path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.wrapwidth = 120
    catalogue.save(str(po_path))
    return result
