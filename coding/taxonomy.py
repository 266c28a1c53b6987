"""The taxonomy: the default set from its data file, each organisation's own copy, and the changes
an admin makes to it (add, rename, retire, restore), each one a new version of the code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from protection.audit import audit

from .models import Code, CodeVersion, Use

DEFAULT_FILE = Path(__file__).resolve().parent / "default_taxonomy.yaml"
DOC_FILE = Path(__file__).resolve().parent.parent / "docs" / "taxonomy.md"


class TaxonomyError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Entry:
    """One node of the data file, with its place in the tree."""

    key: str
    name: str
    definition: str
    example: str
    source: str
    use: str
    parent: str | None
    depth: int
    children: list[Entry] = field(default_factory=list, compare=False)


def read_default(path: Path = DEFAULT_FILE) -> tuple[int, list[Entry]]:
    """The data file's version and its top-level branches, each holding its codes; a code without its
    own source inherits its branch's."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def build(node: dict, use: str, parent: str | None, depth: int, source: str) -> Entry:
        source = node.get("source", source)
        entry = Entry(key=node["key"], name=node["name"], definition=" ".join(node["definition"].split()),
                      example=" ".join(node.get("example", "").split()), source=source, use=use, parent=parent,
                      depth=depth)
        entry.children.extend(build(child, use, entry.key, depth + 1, source) for child in node.get("codes", []))
        return entry

    groups = [build(group, group["use"], None, 0, group.get("source", "")) for group in data["groups"]]
    keys = [entry.key for entry in walk(groups)]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError(f"Duplicate keys in {path.name}: {sorted(duplicates)}")
    return int(data["version"]), groups


def walk(entries: list[Entry]):
    for entry in entries:
        yield entry
        yield from walk(entry.children)


def render_doc(path: Path = DEFAULT_FILE) -> str:
    """docs/taxonomy.md, generated from the data file: it must never be edited by hand."""
    version, groups = read_default(path)
    lines = [
        "# The default taxonomy",
        "",
        f"<!-- Generated from coding/{path.name} by `manage.py taxonomy_doc`. Do not edit by hand. -->",
        "",
        f"Version {version}. Every organisation starts with this set and its admins may add, rename or retire",
        "codes; a retired code stays on the reports that used it. Reviewers choose the leaves; the branches",
        "group them.",
        "",
    ]
    uses = dict(Use.choices)
    for group in groups:
        lines += [f"## {group.name}", "", f"*{uses[group.use]}s.* {group.definition}", "", f"Source: {group.source}", ""]
        for entry in walk(group.children):
            heading = "###" if entry.depth == 1 else "####"
            lines += [f"{heading} {entry.name} (`{entry.key}`)", "", entry.definition, ""]
            if entry.example:
                lines += [f"Example: {entry.example}", ""]
            if entry.source != group.source:
                lines += [f"Source: {entry.source}", ""]
    return "\n".join(lines).rstrip() + "\n"


def load_default_codes(code_model, version_model, path: Path = DEFAULT_FILE) -> int:
    """Create the default set (organisation NULL). Takes the models as arguments so that the data
    migration can pass its historical ones."""
    _version, groups = read_default(path)
    by_key: dict[str, object] = {}
    count = 0
    for position, entry in enumerate(walk(groups)):
        code = code_model.objects.create(
            organisation=None, key=entry.key, parent=by_key.get(entry.parent) if entry.parent else None,
            use=entry.use, position=position, version=1, name=entry.name, definition=entry.definition,
            example=entry.example, source=entry.source)
        version_model.objects.create(code=code, number=1, name=entry.name, definition=entry.definition,
                                     example=entry.example, source=entry.source)
        by_key[entry.key] = code
        count += 1
    return count


# ---- an organisation's taxonomy -------------------------------------------------------------


def codes_of(organisation) -> QuerySet[Code]:
    """The organisation's codes, retired ones included, in the taxonomy's order; copies the default
    set the first time it is asked for."""
    codes = Code.objects.filter(organisation=organisation)
    if not codes.exists():
        adopt_default(organisation)
    return codes.order_by("position", "pk")


def adopt_default(organisation) -> None:
    """Copy the default set into the organisation, keeping keys, so that codes mean the same across
    organisations until one changes them."""
    defaults = list(Code.objects.filter(organisation__isnull=True).order_by("position", "pk"))
    if not defaults:
        # The data migration loads the default set; a database emptied since (a test's flush, a
        # restore of data only) gets it again from the same file.
        try:
            with transaction.atomic():
                load_default_codes(Code, CodeVersion)
        except IntegrityError:
            pass  # loaded at the same moment by another request
        defaults = list(Code.objects.filter(organisation__isnull=True).order_by("position", "pk"))
    try:
        with transaction.atomic():
            copies: dict[int, Code] = {}
            for code in defaults:
                copy = Code.objects.create(
                    organisation=organisation, key=code.key, parent=copies.get(code.parent_id), use=code.use,
                    position=code.position, version=1, name=code.name, definition=code.definition,
                    example=code.example, source=code.source)
                CodeVersion.objects.create(code=copy, number=1, name=code.name, definition=code.definition,
                                           example=code.example, source=code.source)
                copies[code.pk] = copy
    except IntegrityError:
        pass  # another request copied it at the same moment


@dataclass(frozen=True)
class Node:
    code: Code
    depth: int
    is_leaf: bool


def tree(organisation, *, use: str | None = None, include_retired: bool = True) -> list[Node]:
    """The organisation's codes in order, depth first, for pages that show the hierarchy."""
    codes = list(codes_of(organisation))
    if use:
        codes = [c for c in codes if c.use == use]
    if not include_retired:
        by_pk = {c.pk: c for c in codes}

        def live(code: Code) -> bool:  # a code under a retired branch is retired with it
            while code is not None:
                if code.is_retired:
                    return False
                code = by_pk.get(code.parent_id)
            return True

        codes = [c for c in codes if live(c)]
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    present = {code.pk for code in codes}
    roots = [c for c in codes if c.parent_id is None or c.parent_id not in present]
    nodes: list[Node] = []

    def visit(code: Code, depth: int) -> None:
        kids = children.get(code.pk, [])
        nodes.append(Node(code, depth, is_leaf=not kids and code.parent_id is not None))
        for kid in kids:
            visit(kid, depth + 1)

    for root in roots:
        visit(root, 0)
    return nodes


def choosable(organisation, use: str) -> list[Code]:
    """The codes a reviewer can choose now: live leaves of the branches for this use."""
    return [node.code for node in tree(organisation, use=use, include_retired=False) if node.is_leaf]


def branches(organisation) -> list[Code]:
    """The live branches a new code can go under. Not the active/latent pair: a factor is marked one or
    the other, so that branch is a fixed choice, not a list to grow."""
    codes = list(codes_of(organisation))
    parents = {c.parent_id for c in codes}
    return [c for c in codes if not c.is_retired and c.use != Use.FAILURE and (c.parent_id is None or c.pk in parents)]


def codes_by_pk(organisation_id: int | None, pks) -> dict[int, Code]:
    return {code.pk: code for code in Code.objects.filter(organisation_id=organisation_id, pk__in=[pk for pk in pks if pk])}


def code_of(organisation, code_id: int) -> Code | None:
    return Code.objects.filter(organisation=organisation, pk=code_id).first()


def _about(code: Code, **detail) -> dict:
    """What an audit entry of a change to a code records: where and which, never more."""
    return {"subject": f"code:{code.pk}", "detail": {"key": code.key, "version": code.version, **detail}}


def _clean(name: str, definition: str) -> tuple[str, str]:
    name, definition = " ".join(name.split()), definition.strip()
    if not name:
        raise TaxonomyError(_("Enter the code's name"), field="name")
    if not definition:
        raise TaxonomyError(_("Enter the code's definition"), field="definition")
    return name, definition


def add_code(access, *, parent: Code, name: str, definition: str, example: str = "", source: str = "", by) -> Code:
    """A new code under a branch of the organisation's taxonomy, at its end."""
    name, definition = _clean(name, definition)
    if parent.organisation_id != access.organisation.pk or parent.is_retired or parent.use == Use.FAILURE:
        raise TaxonomyError(_("Choose a branch of your organisation's taxonomy"), field="parent")
    base = slugify(name)[:70] or "code"
    with transaction.atomic():
        key, n = base, 2
        while Code.objects.filter(organisation=access.organisation, key=key).exists():
            key, n = f"{base}-{n}", n + 1
        last = Code.objects.filter(parent=parent).aggregate(p=Max("position"))["p"]
        position = (last if last is not None else parent.position) + 1
        # Later codes move down one place, so the new one sits at the end of its branch.
        for later in Code.objects.filter(organisation=access.organisation, position__gte=position):
            later.position += 1
            later.save(update_fields=["position"])
        code = Code.objects.create(organisation=access.organisation, key=key, parent=parent, use=parent.use,
                                   position=position, version=1, name=name, definition=definition,
                                   example=example.strip(), source=source.strip() or _("Added by the organisation"))
        CodeVersion.objects.create(code=code, number=1, name=code.name, definition=code.definition,
                                   example=code.example, source=code.source, created_by=by)
        audit("taxonomy.code_add", actor=by, organisation_id=access.organisation.pk, **_about(code))
    return code


def revise_code(access, code: Code, *, name: str, definition: str, example: str = "", source: str = "", by) -> Code:
    """Rename or redefine a code: a new version. Reports coded before keep the version their coder saw,
    and count under the same code in trends."""
    name, definition = _clean(name, definition)
    with transaction.atomic():
        code = Code.objects.select_for_update().get(pk=code.pk, organisation=access.organisation)
        example, source = example.strip(), source.strip() or code.source
        if (name, definition, example, source) == (code.name, code.definition, code.example, code.source):
            return code
        previous = code.name
        code.version += 1
        code.name, code.definition, code.example, code.source = name, definition, example, source
        code.save(update_fields=["version", "name", "definition", "example", "source"])
        CodeVersion.objects.create(code=code, number=code.version, name=name, definition=definition, example=example,
                                   source=source, created_by=by)
        audit("taxonomy.code_revise", actor=by, organisation_id=access.organisation.pk, **_about(code, renamed=previous != name))
    return code


def retire_code(access, code: Code, *, by) -> Code:
    """Hide a code from new codings. Reports that used it keep it, and trends still count it."""
    with transaction.atomic():
        code = Code.objects.select_for_update().get(pk=code.pk, organisation=access.organisation)
        if code.is_retired:
            return code
        code.retired_at = timezone.now()
        code.save(update_fields=["retired_at"])
        audit("taxonomy.code_retire", actor=by, organisation_id=access.organisation.pk, **_about(code))
    return code


def restore_code(access, code: Code, *, by) -> Code:
    with transaction.atomic():
        code = Code.objects.select_for_update().get(pk=code.pk, organisation=access.organisation)
        if not code.is_retired:
            return code
        if code.parent is not None and code.parent.is_retired:
            raise TaxonomyError(_("Restore its branch first"))
        code.retired_at = None
        code.save(update_fields=["retired_at"])
        audit("taxonomy.code_restore", actor=by, organisation_id=access.organisation.pk, **_about(code))
    return code


def versions_of(code: Code) -> list[CodeVersion]:
    return list(code.versions.select_related("created_by").order_by("-number"))


def names_for_subjects(organisation, subjects: list[str]) -> dict[str, str]:
    """How the audit log shows "code:12": the code's current name, in one organisation."""
    ids = [int(s.partition(":")[2]) for s in subjects if s.partition(":")[2].isdigit()]
    return {f"code:{pk}": _("Code “%(name)s”") % {"name": name}
            for pk, name in Code.objects.filter(organisation=organisation, pk__in=ids).values_list("pk", "name")}
