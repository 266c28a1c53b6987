"""Odd inputs must not crash, hang or get mangled."""

import pytest

from deid.engine import _chunks


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "."])
def test_empty(deid, text):
    assert deid.analyse(text) == []
    assert deid.deidentify(text).redacted == text


def test_long_text_is_chunked_and_complete(deid):
    unit = "Mum Imogen Threlkeld rang 07700 900123 on 12/03/2024 about the visit. "
    text = unit * (200_000 // len(unit) + 1)
    assert len(text) > 200_000
    assert len(_chunks(text)) > 1
    spans = deid.analyse(text)
    phones = [s for s in spans if s.label == "PHONE"]
    assert len(phones) == text.count("07700 900123")  # nothing lost or duplicated at chunk seams
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    redacted = deid.redact(text, spans)
    assert "07700" not in redacted and "Threlkeld" not in redacted


def test_chunks_cover_text():
    text = ("word " * 20_000).strip()
    windows = _chunks(text, size=5000, overlap=300)
    assert windows[0][2] == 0 and windows[-1][3] == len(text)
    assert all(a[3] == b[2] for a, b in zip(windows, windows[1:], strict=False))


@pytest.mark.parametrize("text", [
    "😀😀 Mum Imogen Threlkeld 👍 rang 07700 900123 🙏",
    "مرحبا بكم Mum Imogen Threlkeld שלום עולם",
    "Mae Mam Imogen yn byw yng Nghaerdydd. Diolch yn fawr, bore da.",
    "<script>alert('x')</script><b>Mum Imogen Threlkeld</b> <a href='http://x.org/a?b=1'>link</a>",
    "\x00\x01\t weird \u200b zero-width \ufeff bom",
    "a" * 5000,
    "Imogen " * 3000,
])
def test_odd_inputs(deid, text):
    spans = deid.analyse(text)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
    deid.redact(text, spans)


def test_html_name_found(deid):
    text = "<p>Mum Imogen Threlkeld called</p>"
    assert "Imogen Threlkeld" in [text[s.start:s.end] for s in deid.analyse(text)]


def test_already_redacted_text_untouched(deid):
    text = "[PERSON 1] told [PERSON 2] that ZZZ was at [ADDRESS 1] on [DATE]; XXX agreed."
    assert deid.analyse(text) == []
    assert deid.deidentify(text).redacted == text


def test_new_placeholders_continue_numbering(deid):
    text = "[PERSON 1] met Tobias Quenby."
    assert deid.deidentify(text).redacted == "[PERSON 1] met [PERSON 2]."


def test_thread_safe(deid):
    from concurrent.futures import ThreadPoolExecutor

    text = "Mum Imogen Threlkeld rang 07700 900123 on 12/03/2024."
    expected = deid.analyse(text)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(deid.analyse, [text] * 12))
    assert all(r == expected for r in results)
