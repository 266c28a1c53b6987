"""What a narrative looks like to the supervised coder: TF-IDF words and word pairs, character n-grams, and its embedding.

Each view catches what the others miss: the organisation's own words ("engine", "crew boss", "ATC")
are best caught by word TF-IDF; character n-grams (inside words, 3 to 5 letters) match misspelt,
abbreviated and inflected forms that a word vocabulary splits apart ("comms", "communicat-ed/-ion",
"radio'd"), which is how front-line people type; the embedding carries meaning across different
wordings and helps rare codes. The fitted state is vocabularies and their IDF weights: plain lists
and arrays, stored without pickle.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from semantic.embedding import embed

TFIDF_OPTIONS = {
    "lowercase": True,
    "strip_accents": "unicode",
    "sublinear_tf": True,
    "ngram_range": (1, 2),
    "token_pattern": r"(?u)\b[^\W\d_][\w'-]*\b",
    "dtype": np.float32,
}
CHAR_OPTIONS = {
    "analyzer": "char_wb",
    "ngram_range": (3, 5),
    "lowercase": True,
    "strip_accents": "unicode",
    "sublinear_tf": True,
    "dtype": np.float32,
}
CHAR_WEIGHT = 0.7  # the character view's length beside the word view's (both rows are unit length)
CHAR_FEATURES = 40_000


def _vectorizer(vocabulary: Sequence[str], idf: np.ndarray, options: dict) -> TfidfVectorizer | None:
    if not len(vocabulary):
        return None
    vectorizer = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(vocabulary)}, **options)
    vectorizer.idf_ = np.asarray(idf, dtype=np.float64)
    return vectorizer


def _fitted(texts: Sequence[str], options: dict, **limits) -> tuple[list[str], np.ndarray]:
    vectorizer = TfidfVectorizer(**limits, **options)
    try:
        vectorizer.fit(texts)
    except ValueError:  # no word (or n-gram) in any text: keep an empty vocabulary
        return [], np.zeros(0)
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return terms, vectorizer.idf_


class Featurizer:
    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        embedding_weight: float,
        char_vocabulary: Sequence[str] = (),
        char_idf: np.ndarray | None = None,
        char_weight: float = CHAR_WEIGHT,
    ):
        self.vocabulary = list(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.embedding_weight = float(embedding_weight)
        self.char_vocabulary = list(char_vocabulary)
        self.char_idf = np.asarray(char_idf if char_idf is not None else np.zeros(0), dtype=np.float64)
        self.char_weight = float(char_weight)
        self.vectorizer = _vectorizer(self.vocabulary, self.idf, TFIDF_OPTIONS)
        self.char_vectorizer = _vectorizer(self.char_vocabulary, self.char_idf, CHAR_OPTIONS)

    @classmethod
    def fit(cls, texts: Sequence[str], embedding_weight: float = 1.0, max_features: int = 50_000, chars: bool = True) -> Featurizer:
        min_df = 2 if len(texts) >= 20 else 1
        terms, idf = _fitted(texts, TFIDF_OPTIONS, min_df=min_df, max_df=0.95, max_features=max_features)
        char_terms, char_idf = _fitted(texts, CHAR_OPTIONS, min_df=min_df, max_features=CHAR_FEATURES) if chars else ([], None)
        return cls(terms, idf, embedding_weight, char_terms, char_idf)

    @property
    def width(self) -> int:
        return len(self.vocabulary) + len(self.char_vocabulary) + 384

    def words(self, texts: Sequence[str]) -> sparse.csr_matrix:
        if self.vectorizer is None:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return self.vectorizer.transform(texts).astype(np.float32)

    def characters(self, texts: Sequence[str]) -> sparse.csr_matrix:
        if self.char_vectorizer is None:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return self.char_vectorizer.transform(texts).astype(np.float32) * np.float32(self.char_weight)

    def transform(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> sparse.csr_matrix:
        vectors = embed(texts) if embeddings is None else embeddings
        views = [self.words(texts), self.characters(texts), sparse.csr_matrix(vectors * self.embedding_weight)]
        return sparse.hstack(views, format="csr")

    def state(self) -> tuple[dict, dict[str, np.ndarray]]:
        meta = {"vocabulary": self.vocabulary, "embedding_weight": self.embedding_weight}
        arrays = {"idf": self.idf}
        if self.char_vocabulary:
            meta.update(char_vocabulary=self.char_vocabulary, char_weight=self.char_weight)
            arrays["char_idf"] = self.char_idf
        return meta, arrays

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> Featurizer:
        """Also reads models stored before the character view (they have none)."""
        return cls(
            meta["vocabulary"],
            arrays["idf"],
            meta["embedding_weight"],
            meta.get("char_vocabulary", ()),
            arrays.get("char_idf"),
            meta.get("char_weight", CHAR_WEIGHT),
        )
