"""De-identification of what reviewers write in a learning review, before it is stored.

A review is read by partner agencies and used in supervision, so what its authors type passes through
the project's engine, with the organisation's own settings (its case-reference patterns and the terms
its reviewers taught), like a report's narrative. Unlike a report, nothing is sealed: the author wrote
it and can see what was kept, so no original is worth keeping.

It runs as the form is saved. The engine takes a few seconds to load once per process and then a few
milliseconds for a paragraph, so a background task would only delay the author seeing the result.

Placeholders are numbered across the review: the fields saved together share one numbering (the same
name is the same placeholder), and new numbers start above those already in the review, so two people
are never given the same placeholder. Without keeping the names, a person mentioned again in a part
saved later is given a new number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from protection import redaction


def deidentify(organisation_id: int, texts: Mapping[str, str], *, already: Iterable[str] = ()) -> dict[str, str]:
    """`texts` with personal details replaced by placeholders; `already` is the review's stored text."""
    return redaction.redact_staff_texts(organisation_id, texts, already=already)
