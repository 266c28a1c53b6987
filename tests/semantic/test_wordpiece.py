"""The tokenizer gives the ids MiniLM was trained on: BERT's uncased basic tokenizer, then WordPiece."""

import pytest

from semantic.minilm import model_dir
from semantic.wordpiece import WordPiece, basic_tokens


@pytest.fixture(scope="module")
def tokenizer():
    return WordPiece(model_dir() / "vocab.txt")


def test_words_are_lower_cased_stripped_of_accents_and_split_at_punctuation():
    assert basic_tokens("Café naïve, RESIDENT's hoist!") == ["cafe", "naive", ",", "resident", "'", "s", "hoist", "!"]


def test_chinese_characters_are_words_of_their_own_and_control_characters_vanish():
    assert basic_tokens("fire东京\x00 line") == ["fire", "东", "京", "line"]


def test_unknown_words_are_split_into_pieces_from_the_vocabulary(tokenizer):
    assert tokenizer.tokens("unaffable") == ["una", "##ffa", "##ble"]
    assert tokenizer.tokens("The hoist failed.") == ["the", "ho", "##ist", "failed", "."]


def test_special_tokens_have_bert_ids(tokenizer):
    assert (tokenizer.pad_id, tokenizer.unk_id, tokenizer.cls_id, tokenizer.sep_id) == (0, 100, 101, 102)


def test_a_very_long_word_is_one_unknown_token(tokenizer):
    assert tokenizer.tokens("x" * 101) == ["[UNK]"]
    assert tokenizer.tokens("x" * 100) != ["[UNK]"]
