"""De-identification of sealed narratives: propose, let a reviewer correct, confirm.

The engine proposes spans; a reviewer checks them against the original (an audited open); the
confirmed de-identified text is the only text any other context ever reads.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection import services as sealed
from protection.audit import audit
from protection.days import day_only
from protection.models import (
    MESSAGE_KIND,
    NARRATIVE_KIND,
    PlaceholderDigest,
    PlaceholderSet,
    Redaction,
    SealedRecord,
    TermRule,
)

DEID_CHECK = "de-identification check"


@lru_cache(maxsize=1)
def _engine_module():
    import deid  # the engine loads Presidio and spaCy: only when first needed, not at start-up

    return deid


# An organisation's de-identification settings -----------------------------------------------------
# What the organisation chose (its case-reference patterns, how dates are shown) is kept by the
# organisations context, which registers where to read it at start-up, as protection imports no
# context. What its reviewers taught (allow and deny terms) is kept here.

@dataclass(frozen=True)
class ChosenSettings:
    """The de-identification settings an organisation chose."""

    case_reference_patterns: tuple[str, ...] = ()
    date_mode: str = "month_year"


_chosen_settings: Callable[[int], ChosenSettings] | None = None


def read_chosen_settings_with(source: Callable[[int], ChosenSettings]) -> None:
    """Register where an organisation's chosen settings are read (organisations does, at start-up)."""
    global _chosen_settings
    _chosen_settings = source


def deid_config(organisation_id: int):
    """All of an organisation's de-identification settings, in the one place they are assembled:
    its chosen case-reference patterns and date style, and the terms its reviewers taught."""
    if _chosen_settings is None:  # never fall back to defaults: the organisation's patterns would be lost
        raise RuntimeError("No source of organisations' de-identification settings is registered")
    chosen = _chosen_settings(organisation_id)
    rules = TermRule.objects.filter(organisation_id=organisation_id)
    return _engine_module().DeidConfig(
        case_reference_patterns=list(chosen.case_reference_patterns), date_mode=chosen.date_mode,
        allow_terms=frozenset(r.term for r in rules if r.kind == TermRule.Kind.ALLOW),
        deny_terms={r.term: r.label for r in rules if r.kind == TermRule.Kind.DENY})


def _engine(organisation_id: int):
    return _engine_module().Deidentifier(deid_config(organisation_id))


def _span_dicts(spans) -> list[dict]:
    return [{"start": s.start, "end": s.end, "label": s.label, "source": s.source} for s in spans]


def _redact(engine, text: str, spans: list[dict], numbering) -> str:
    deid = _engine_module()
    return engine.redact(text, [deid.Span(s["start"], s["end"], s["label"], 1.0, s.get("source") or "reviewer")
                                for s in spans], numbering)


# One set of placeholders per subject ------------------------------------------------------------
# The same person is the same placeholder in every field and reply of a report. The numbering is
# kept only as keyed hashes of the words (ADR 0002); callers hold it inside their transaction.

def _numbering(organisation_id: int, subject: str):
    """The subject's numbering so far. Its row stays locked until the caller's transaction ends, so
    that two replies arriving together cannot both take the next number."""
    placeholders = PlaceholderSet.objects.select_for_update().filter(organisation_id=organisation_id,
                                                                     subject=subject).first()
    if placeholders is None:
        version, _key = sealed.digest_key(organisation_id)
        row, created = PlaceholderSet.objects.get_or_create(organisation_id=organisation_id, subject=subject,
                                                            defaults={"key_version": version})
        placeholders = PlaceholderSet.objects.select_for_update().get(pk=row.pk)
        if created:  # a proposal made before numbering was kept: new numbers go above its own
            seen = _engine_module().Numbering()
            for redacted in Redaction.objects.filter(organisation_id=organisation_id,
                                                     subject=subject).values_list("redacted", flat=True):
                seen.see_existing(redacted)
            placeholders.highest = seen.highest
    _version, key = sealed.digest_key(organisation_id, placeholders.key_version)
    # Hashes whose originals have all gone are forgotten on sight, not only by the retention task.
    placeholders.digests.filter(forget_after__lte=timezone.now()).delete()
    entries = dict(placeholders.digests.values_list("digest", "number"))

    def keyed(entry: str) -> str:
        # Bound to the subject: the same name in two reports gives unrelated hashes.
        return hmac.new(key, f"{subject}\x1f{entry}".encode(), hashlib.sha256).hexdigest()

    return placeholders, _engine_module().Numbering(entries, placeholders.highest, key=keyed)


def _keep(placeholders: PlaceholderSet, numbering, *, forget_after: datetime | None) -> None:
    """Store what the numbering learned. Each hash is kept as long as the longest-kept original that
    used it: `forget_after` None means "with the narrative", scheduled when the report is confirmed."""
    used = numbering.used
    known = set(placeholders.digests.filter(digest__in=list(used)).values_list("digest", flat=True))
    PlaceholderDigest.objects.bulk_create([
        PlaceholderDigest(placeholders=placeholders, label=label, number=number, digest=digest,
                          forget_after=forget_after)
        for digest, (label, number) in used.items() if digest not in known])
    again = placeholders.digests.filter(digest__in=known)
    if forget_after is None:
        again.exclude(forget_after=None).update(forget_after=None)
    else:
        again.filter(forget_after__lt=forget_after).update(forget_after=forget_after)
    placeholders.highest = numbering.highest
    placeholders.save(update_fields=["highest"])


def propose(organisation_id: int, subject: str) -> dict[str, str]:
    """Run the engine on every sealed narrative field of a subject and store the proposals.

    The fields are analysed together (a name found in one is looked for in all) and numbered in
    form order into the subject's one set of placeholders. A confirmed proposal is never replaced.
    """
    originals = sealed.read_sealed_for_processing(organisation_id, subject, purpose="automatic de-identification")
    engine = _engine(organisation_id)
    found = engine.analyse_together(originals)
    redactions = Redaction.objects.filter(organisation_id=organisation_id, subject=subject)
    with transaction.atomic():
        placeholders, numbering = _numbering(organisation_id, subject)
        if redactions.filter(confirmed_at__isnull=False).exists():
            return dict(redactions.values_list("field", "redacted"))
        proposals: dict[str, str] = {}
        for field, text in originals.items():
            spans = found[field]
            redacted = engine.redact(text, spans, numbering)
            Redaction.objects.update_or_create(
                organisation_id=organisation_id, subject=subject, field=field,
                defaults={"spans": _span_dicts(spans), "redacted": redacted, "confirmed_at": None},
            )
            proposals[field] = redacted
        _keep(placeholders, numbering, forget_after=None)
    return proposals


@dataclass(frozen=True)
class Segment:
    """A piece of an original narrative, for the reviewer's check: plain text or a redacted span."""

    text: str
    span_index: int | None = None
    label: str = ""


@dataclass(frozen=True)
class FieldForCheck:
    field: str
    segments: list[Segment]
    redacted: str


def for_check(organisation_id: int, subject: str, *, actor) -> list[FieldForCheck]:
    """The originals with their proposed spans, opened for a reviewer's check (audited)."""
    fields: list[FieldForCheck] = []
    for redaction in Redaction.objects.filter(organisation_id=organisation_id, subject=subject).order_by("pk"):
        text = sealed.open_sealed(organisation_id, subject, NARRATIVE_KIND, field=redaction.field,
                                  actor=actor, purpose=DEID_CHECK)
        segments: list[Segment] = []
        cursor = 0
        for index, span in enumerate(redaction.spans):
            if span["start"] > cursor:
                segments.append(Segment(text[cursor:span["start"]]))
            segments.append(Segment(text[span["start"]:span["end"]], index, span["label"]))
            cursor = span["end"]
        if cursor < len(text):
            segments.append(Segment(text[cursor:]))
        fields.append(FieldForCheck(redaction.field, segments, redaction.redacted))
    return fields


def fields_of(organisation_id: int, subject: str) -> list[str]:
    """The fields with a proposed redaction, without opening any sealed original."""
    return list(Redaction.objects.filter(organisation_id=organisation_id, subject=subject)
                .order_by("pk").values_list("field", flat=True))


def _find_term(text: str, term: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@transaction.atomic
def correct(organisation_id: int, subject: str, field: str, *, restore: set[int], add_terms: list[tuple[str, str]],
            actor, learn: bool = True) -> Redaction:
    """Apply a reviewer's corrections to one field: restore wrongly redacted spans, redact missed terms.

    With `learn`, restored words will join the organisation's allow list and added ones its deny
    list, once the redaction is confirmed.
    """
    redaction = Redaction.objects.select_for_update().get(organisation_id=organisation_id, subject=subject, field=field)
    text = sealed.open_sealed(organisation_id, subject, NARRATIVE_KIND, field=field, actor=actor,
                              purpose=DEID_CHECK, detail={"action": "correct"})
    kept = [s for i, s in enumerate(redaction.spans) if i not in restore]
    restored_terms = {text[s["start"]:s["end"]] for i, s in enumerate(redaction.spans) if i in restore}
    for term, label in add_terms:
        term = term.strip()
        if not term:
            continue
        for start, end in _find_term(text, term):
            if not any(s["start"] < end and start < s["end"] for s in kept):
                kept.append({"start": start, "end": end, "label": label, "source": "reviewer"})
    kept.sort(key=lambda s: (s["start"], s["end"]))
    engine = _engine(organisation_id)
    placeholders, numbering = _numbering(organisation_id, subject)
    redaction.spans = kept
    redaction.redacted = _redact(engine, text, kept, numbering)
    _keep(placeholders, numbering, forget_after=None)
    if learn:
        _remember(redaction, restored_terms, [(t.strip(), label) for t, label in add_terms if t.strip()])
    redaction.save(update_fields=["spans", "redacted", "corrections"])
    audit("deid.correct", actor=actor, organisation_id=organisation_id, subject=subject,
          detail={"field": field, "restored": len(restore), "added_terms": len([t for t, _ in add_terms if t.strip()])})
    return redaction


def _remember(redaction: Redaction, allow: set[str], deny: list[tuple[str, str]]) -> None:
    corrections = redaction.corrections or {}
    allowed = {t.lower(): t for t in corrections.get("allow", [])}
    denied = {t.lower(): (t, label) for t, label in corrections.get("deny", [])}
    for term in allow:
        allowed[term.lower()] = term[:200]
        denied.pop(term.lower(), None)
    for term, label in deny:
        denied[term.lower()] = (term[:200], label)
        allowed.pop(term.lower(), None)
    redaction.corrections = {"allow": sorted(allowed.values()), "deny": sorted(list(v) for v in denied.values())}


def _learn(organisation_id: int, redactions: list[Redaction], actor) -> None:
    """Confirmed corrections feed the organisation's allow and deny lists for its future reports."""
    by = getattr(actor, "pk", None)
    for redaction in redactions:
        corrections = redaction.corrections or {}
        for term in corrections.get("allow", []):
            TermRule.objects.filter(organisation_id=organisation_id, term__iexact=term, kind=TermRule.Kind.DENY).delete()
            TermRule.objects.get_or_create(organisation_id=organisation_id, term=term, kind=TermRule.Kind.ALLOW,
                                           defaults={"created_by_id": by})
        for term, label in corrections.get("deny", []):
            TermRule.objects.filter(organisation_id=organisation_id, term__iexact=term, kind=TermRule.Kind.ALLOW).delete()
            TermRule.objects.get_or_create(organisation_id=organisation_id, term=term, kind=TermRule.Kind.DENY,
                                           defaults={"label": label, "created_by_id": by})


@transaction.atomic
def confirm(organisation_id: int, subject: str, *, actor, retention_days: int) -> dict[str, str]:
    """Confirm the redaction; schedule the sealed originals' destruction; return the de-identified text."""
    now = timezone.now()
    redactions = list(Redaction.objects.select_for_update().filter(organisation_id=organisation_id, subject=subject))
    for redaction in redactions:
        redaction.confirmed_at = now
        redaction.confirmed_by_id = getattr(actor, "pk", None)
        redaction.save(update_fields=["confirmed_at", "confirmed_by_id"])
    _learn(organisation_id, redactions, actor)
    destroy_after = now + timedelta(days=retention_days)
    sealed.schedule_destruction(organisation_id, subject, NARRATIVE_KIND, destroy_after)
    PlaceholderDigest.objects.filter(placeholders__organisation_id=organisation_id, placeholders__subject=subject,
                                     forget_after=None).update(forget_after=destroy_after)
    audit("deid.confirm", actor=actor, organisation_id=organisation_id, subject=subject,
          detail={"fields": [r.field for r in redactions], "spans": sum(len(r.spans) for r in redactions)})
    return {r.field: r.redacted for r in redactions}


# The reviewer's check, in one call ------------------------------------------------------------------

# The kinds of word a reviewer may mark as missed, in the words the check page and the learned-terms
# page use.
TERM_LABELS: dict[str, str] = {
    "PERSON": _("Names of people"), "ADDRESS": _("Addresses"), "LOCATION": _("Places"),
    "ORGANISATION": _("Schools, nurseries, GP practices or homes"), "CASE_REFERENCE": _("Case references"),
    "DATE": _("Dates"), "PHONE": _("Phone numbers"),
}


@dataclass(frozen=True)
class ReviewerCheck:
    """What a reviewer sent from the check page."""

    restore: Mapping[str, frozenset[int]]  # per field, the proposed spans to keep as written
    add_terms: tuple[str, ...] = ()  # words the engine missed, redacted wherever they appear
    add_label: str = "PERSON"
    confirm: bool = False  # then confirm the whole redaction

    def __post_init__(self) -> None:
        if self.add_label not in TERM_LABELS:  # a learned deny term with another label would break every proposal
            raise ValueError(f"{self.add_label!r} is not a label a reviewer may give")


@dataclass(frozen=True)
class CheckResult:
    corrected: tuple[str, ...]  # the fields whose redaction changed
    confirmed: bool


# Confirming publishes the de-identified text, which the context that owns the subject keeps (reporting
# keeps a report's on its row). Each such context registers how, at start-up; protection imports none.
SubjectConfirmer = Callable[..., object]  # confirmer(organisation_id, subject, *, actor)
_confirmers: dict[str, SubjectConfirmer] = {}


def confirm_subjects_with(kind: str, confirmer: SubjectConfirmer) -> None:
    """Register how a subject "<kind>:<id>" is confirmed: the owner locks its row, checks it is waiting
    for a check, calls `confirm` here and publishes the texts it returns."""
    _confirmers[kind] = confirmer


@transaction.atomic
def apply_check(organisation_id: int, subject: str, check: ReviewerCheck, *, actor) -> CheckResult:
    """A reviewer's check, whole: restore and add what they marked in every field, then confirm if asked."""
    terms = [(term, check.add_label) for term in check.add_terms if term.strip()]
    corrected: list[str] = []
    for name in fields_of(organisation_id, subject):
        restore = set(check.restore.get(name, ()))
        if restore or terms:
            correct(organisation_id, subject, name, restore=restore, add_terms=terms, actor=actor)
            corrected.append(name)
    if check.confirm:
        kind = subject.partition(":")[0]
        if kind not in _confirmers:
            raise LookupError(f"Nothing is registered to confirm subjects of kind {kind!r}")
        _confirmers[kind](organisation_id, subject, actor=actor)
    return CheckResult(tuple(corrected), check.confirm)


def proposed_span_count(organisation_id: int, subject: str) -> int:
    return sum(len(r.spans) for r in Redaction.objects.filter(organisation_id=organisation_id, subject=subject))


def redact_now(organisation_id: int, subject: str, field: str, text: str, *, retention_days: int) -> str:
    """Seal a short text (a reporter's message) and return its automatic redaction.

    Messages are not held for a reviewer's check: a reporter's reply must reach the reviewer while
    the conversation is live, so only the engine's redaction is ever shown. It is numbered into the
    report's placeholders: a person named in the report keeps their number in the reply.
    """
    # At the start of the day the retention ends: the reply's own time is kept nowhere (ADR 0003).
    destroy_after = day_only(timezone.now() + timedelta(days=retention_days))
    record = sealed.seal(organisation_id, subject, MESSAGE_KIND, text, field=field)
    SealedRecord.objects.filter(pk=record.pk).update(destroy_after=destroy_after)
    engine = _engine(organisation_id)
    spans = engine.analyse(text)
    with transaction.atomic():
        placeholders, numbering = _numbering(organisation_id, subject)
        redacted = engine.redact(text, spans, numbering)
        _keep(placeholders, numbering, forget_after=destroy_after)
    return redacted


def redact_unsealed(organisation_id: int, subject: str, texts: Mapping[str, str], *,
                    forget_after: datetime | None) -> dict[str, str]:
    """The automatic redaction of texts staff write for others to read (a reviewer's feedback to the
    reporter), whose originals are not kept: nothing is sealed, and only the redaction is stored.

    The texts are analysed together and numbered into the subject's placeholders, so a person named
    in the report keeps their number. With `forget_after` None this is a preview: the numbering is
    read and nothing at all is stored. Otherwise new numbers are remembered until `forget_after`.
    """
    engine = _engine(organisation_id)
    found = engine.analyse_together(texts)
    with transaction.atomic():
        placeholders, numbering = _numbering(organisation_id, subject)
        redacted = {name: engine.redact(text, found[name], numbering) for name, text in texts.items()}
        if forget_after is None:
            transaction.set_rollback(True)  # a preview leaves no trace, not even a new placeholder set
        else:
            _keep(placeholders, numbering, forget_after=forget_after)
    return redacted


def redact_staff_texts(organisation_id: int, texts: Mapping[str, str], *, already: Iterable[str] = ()) -> dict[str, str]:
    """Texts staff write for colleagues (an action, a learning review), with personal details replaced
    by placeholders under the organisation's settings. Nothing is sealed or kept: the author can see
    what was kept. Fields given together share one numbering, and new numbers start above those in
    `already` (the record's stored text), so two people never share a placeholder."""
    present = {name: text for name, text in texts.items() if text.strip()}
    if not present:
        return dict(texts)
    engine = _engine(organisation_id)
    numbering = _engine_module().Numbering()
    for text in already:
        numbering.see_existing(text)
    found = engine.analyse_together(present)
    return {name: engine.redact(text, found[name], numbering) if name in present else text
            for name, text in texts.items()}
