"""What a narrative looks like to the supervised coder: TF-IDF words and word pairs, plus its embedding.

Both halves matter: the organisation's own words ("engine", "crew boss", "ATC") are best caught by
TF-IDF, while the embedding carries meaning across different wordings and helps rare codes. The
fitted state is a vocabulary and its IDF weights: plain lists and arrays, stored without pickle.
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


class Featurizer:
    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, embedding_weight: float):
        self.vocabulary = list(vocabulary)
        self.embedding_weight = float(embedding_weight)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.vectorizer = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(self.vocabulary)} or None, **TFIDF_OPTIONS)
        if self.vocabulary:
            self.vectorizer.idf_ = self.idf

    @classmethod
    def fit(cls, texts: Sequence[str], embedding_weight: float = 1.0, max_features: int = 50_000) -> Featurizer:
        min_df = 2 if len(texts) >= 20 else 1
        vectorizer = TfidfVectorizer(min_df=min_df, max_df=0.95, max_features=max_features, **TFIDF_OPTIONS)
        try:
            vectorizer.fit(texts)
        except ValueError:  # no word in any text: keep an empty vocabulary
            return cls([], np.zeros(0), embedding_weight)
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        return cls(terms, vectorizer.idf_, embedding_weight)

    @property
    def width(self) -> int:
        return len(self.vocabulary) + 384

    def words(self, texts: Sequence[str]) -> sparse.csr_matrix:
        if not self.vocabulary:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return self.vectorizer.transform(texts).astype(np.float32)

    def transform(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> sparse.csr_matrix:
        vectors = embed(texts) if embeddings is None else embeddings
        return sparse.hstack([self.words(texts), sparse.csr_matrix(vectors * self.embedding_weight)], format="csr")

    def state(self) -> tuple[dict, dict[str, np.ndarray]]:
        return (
            {"vocabulary": self.vocabulary, "embedding_weight": self.embedding_weight},
            {"idf": self.idf},
        )

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> Featurizer:
        return cls(meta["vocabulary"], arrays["idf"], meta["embedding_weight"])
