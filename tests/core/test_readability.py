"""The reading-grade check (core.readability) against examples worked by hand."""

import pytest

from core.readability import counts, grade, page_text, syllables_cy, syllables_en


def fk(words: int, sentences: int, syllables: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


@pytest.mark.parametrize(("word", "expected"), [
    ("cat", 1), ("home", 1), ("make", 1), ("jumped", 1), ("people", 2), ("about", 2), ("little", 2), ("wanted", 2),
    ("happened", 2), ("someone", 2), ("every", 3), ("beautiful", 3), ("wonderful", 3),
])
def test_english_syllables(word, expected):
    assert syllables_en(word) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("mae", 1), ("wyf", 1), ("fy", 1), ("dw", 1), ("e'n", 1), ("ffôn", 1),  # a diphthong, and w or y as a vowel, count once
    ("nharo", 2), ("teulu", 2), ("helpwch", 2), ("ofnus", 2), ("gweithio", 2),
    ("copïo", 3),  # the diaeresis makes a syllable of its own
])
def test_welsh_syllables(word, expected):
    assert syllables_cy(word) == expected


def test_english_grade_worked_by_hand():
    # 6 words, 1 sentence, 6 syllables.
    assert counts("The cat sat on the mat.") == (1, 6, 6)
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45)
    # 6 words, 2 sentences, 6 syllables: 0.39 × 3 + 11.8 × 1 − 15.59.
    assert grade("I went home. It was late.") == pytest.approx(-2.62)
    # 5 words, 1 sentence, 3 + 2 + 2 + 3 + 1 = 11 syllables: 0.39 × 5 + 11.8 × 2.2 − 15.59.
    assert grade("Beautiful people wanted wonderful things.") == pytest.approx(12.32)


def test_welsh_grade_worked_by_hand():
    # mae(1) e'n(1) fy(1) nharo(2): 4 words, 5 syllables, 1 sentence.
    assert counts("Mae e'n fy nharo.", "cy") == (1, 4, 5)
    assert grade("Mae e'n fy nharo.", "cy") == pytest.approx(0.72)
    # helpwch(2) fi(1). dw(1) i'n(1) ofnus(2): 5 words, 7 syllables, 2 sentences.
    assert grade("Helpwch fi. Dw i'n ofnus.", "cy") == pytest.approx(fk(5, 2, 7))


def test_numbers_are_not_words_and_lines_end_sentences():
    assert counts("Call 999.\nChildline 0800 1111") == (2, 2, 3)  # call(1), child-line(2)
    assert grade("") == 0.0


def test_page_text_reads_the_main_part_with_alt_text_and_a_break_at_each_block():
    html = ('<html><head><title>Ignored</title><script>var x = "no";</script></head><body><nav>Menu</nav>'
            '<main><h1>Who <span>are</span> you?</h1><img src="a.svg" alt="A pencil"><p>Tell us.</p>'
            '<button>Next</button></main><footer>Long footer words</footer></body></html>')
    assert page_text(html) == "Who are you?\nA pencil\nTell us.\nNext"
