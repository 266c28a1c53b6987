"""What the supervised coder sees: words, character n-grams and the embedding, stored without pickle."""

import numpy as np

from semantic.features import Featurizer
from tests.semantic.synthetic import narratives


def _cosine(a, b) -> float:
    a, b = a.toarray().ravel(), b.toarray().ravel()
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))


def test_a_misspelt_or_shortened_word_still_looks_like_the_word():
    texts, _ = narratives(60, seed=5)
    feat = Featurizer.fit([*texts, "The handover was missed.", "Nobody passed on the handover."])
    # The word view knows only "handover"; the character view matches the forms people type.
    assert _cosine(feat.words(["handover"]), feat.words(["handovers"])) == 0.0
    assert _cosine(feat.characters(["handover"]), feat.characters(["handovers"])) > 0.6
    assert _cosine(feat.characters(["handover"]), feat.characters(["handovre"])) > 0.3
    assert _cosine(feat.characters(["handover"]), feat.characters(["mattress"])) < 0.1


def test_a_stored_featurizer_gives_the_same_features():
    texts, _ = narratives(40, seed=6)
    feat = Featurizer.fit(texts)
    meta, arrays = feat.state()
    again = Featurizer.from_state(meta, arrays)
    assert (again.transform(texts[:3]) != feat.transform(texts[:3])).nnz == 0


def test_a_model_stored_before_the_character_view_still_loads_without_one():
    texts, _ = narratives(40, seed=6)
    meta, arrays = Featurizer.fit(texts).state()
    old_meta = {"vocabulary": meta["vocabulary"], "embedding_weight": meta["embedding_weight"]}
    old = Featurizer.from_state(old_meta, {"idf": arrays["idf"]})
    assert old.char_vocabulary == [] and old.width == len(meta["vocabulary"]) + 384
    assert old.transform(texts[:2]).shape == (2, old.width)
