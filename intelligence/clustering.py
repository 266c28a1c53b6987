"""The pure half of themes: vectors in, cluster labels, distinctive terms and representatives out.

No database here, so the benchmark (bench/intelligence_themes.py) measures exactly what the scheduled
task runs. Vectors are unit length (intelligence.vectors), so Euclidean distance orders pairs as cosine
similarity does.

Why agglomerative (Ward) by default: on generated reports with known slips it agreed with the truth
far better than HDBSCAN (see the benchmark), and it puts every report in a theme instead of leaving a
large share as noise (in 384 dimensions its density estimate finds almost nothing). Agglomerative
clustering costs O(n²) time and memory, so above `SAMPLE_SIZE` reports it clusters a seeded random
sample of that size and every other report joins the cluster with the nearest centroid: a fixed cost
plus one matrix product, linear in the number of reports. The price: a theme needs about
`min_size` reports in the sample to be found, so at 100,000 reports one smaller than roughly 0.1% of
them joins its nearest larger theme.

Where to cut the Ward tree is chosen per run by the silhouette (`best_cut`): a fixed distance that
suits 3,000 reports lumps 600 into a fifth as many themes (see the benchmark).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

AGGLOMERATIVE = "agglomerative"
HDBSCAN = "hdbscan"
METHODS = (AGGLOMERATIVE, HDBSCAN)

NOISE = -1
SAMPLE_SIZE = 4000         # above this many reports, cluster a sample and assign the rest
SILHOUETTE_SAMPLE = 2000
MAX_LEFT_OUT = 0.1
LABEL_SAMPLE = 400         # reports per cluster read for its distinctive terms
LABEL_TERMS = 3

# Redaction placeholders ("[PERSON]", "[PERSON 2]", "[NHS_NUMBER]") say nothing about a theme.
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*(?: \d+)?\]")
# Words every report uses, whatever it is about: they would top every theme's terms.
DOMAIN_STOP_WORDS = frozenset("""
    report reported reporting happened happen nearly near miss just got get going went did didn said say
    told think thought really actually also would could should might one two three day days week weeks time
    going like way know knew bit lot need needed team worker social work case cases went came come
    wasn weren isn don doesn ve ll re didn couldn wouldn hadn hasn haven person people
""".split())


# Words of two or more letters (no numbers, no placeholders' leftovers); a regex, not a secret.
_WORDS = {"token_pattern": r"(?u)\b[a-zA-Z][a-zA-Z]+\b"}


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray            # one per report, NOISE for reports left out of every theme
    method: str


def cluster(matrix: np.ndarray, *, method: str = AGGLOMERATIVE, min_size: int = 5,
            threshold: float | None = None, seed: int = 0) -> Clustering:
    """Cluster unit vectors; clusters smaller than `min_size` become NOISE. Labels are numbered from
    the largest cluster down, so the same data always gives the same numbering. Agglomerative cuts its
    tree where the silhouette is best, unless given a fixed Ward `threshold`."""
    n = len(matrix)
    if n < max(2, min_size):
        return Clustering(np.full(n, NOISE, dtype=np.int64), method)
    if method == AGGLOMERATIVE:
        raw = _agglomerative(matrix, threshold, min_size, seed)
    elif method == HDBSCAN:
        raw = _hdbscan(matrix, min_size, seed)
    else:
        raise ValueError(f"Unknown clustering method {method!r}")
    return Clustering(_renumber(raw, min_size), method)


def _agglomerative(matrix: np.ndarray, threshold: float | None, min_size: int, seed: int) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage

    def ward(rows: np.ndarray) -> np.ndarray:
        tree = linkage(rows.astype(np.float64), method="ward")
        if threshold is not None:
            return fcluster(tree, threshold, criterion="distance") - 1
        return best_cut(rows, tree, min_size, seed)

    return _on_sample(matrix, ward, seed)


def best_cut(rows: np.ndarray, tree: np.ndarray, min_size: int, seed: int) -> np.ndarray:
    """Where to cut the Ward tree: a fixed distance over-splits a large organisation and lumps a small
    one together (Ward distances grow with cluster size), so try a range of theme counts and keep the
    one whose clusters are best separated (silhouette, on a sample when large) among those that leave
    at most MAX_LEFT_OUT of the reports in clusters too small to be themes."""
    from scipy.cluster.hierarchy import fcluster
    from sklearn.metrics import silhouette_score

    n = len(rows)
    most = max(2, min(n - 1, n // min_size))
    candidates = sorted({int(round(k)) for k in np.geomspace(2, most, num=16)} | {most}) if most > 2 else [2]
    best, best_score = np.zeros(n, dtype=np.int64), -np.inf
    for k in candidates:
        labels = fcluster(tree, k, criterion="maxclust") - 1
        sizes = np.bincount(labels)
        if len(sizes) < 2 or sizes[sizes < min_size].sum() > MAX_LEFT_OUT * n:
            continue  # a cut that leaves many reports in no theme does not describe them
        score = silhouette_score(rows, labels, sample_size=min(n, SILHOUETTE_SAMPLE), random_state=seed)
        if score > best_score + 1e-9:
            best, best_score = labels, score
    return best


def _hdbscan(matrix: np.ndarray, min_size: int, seed: int) -> np.ndarray:
    from sklearn.cluster import HDBSCAN as Hdbscan

    def density(rows: np.ndarray) -> np.ndarray:
        return Hdbscan(min_cluster_size=min_size, min_samples=3, copy=True).fit_predict(rows)

    return _on_sample(matrix, density, seed)


def _on_sample(matrix: np.ndarray, fit, seed: int) -> np.ndarray:
    """Cluster everything when it is small enough; otherwise cluster a fixed-size random sample and give
    every other report the cluster of the nearest sample centroid (one matrix product)."""
    n = len(matrix)
    if n <= SAMPLE_SIZE:
        return fit(matrix)
    rows = np.sort(np.random.default_rng(seed).choice(n, SAMPLE_SIZE, replace=False))
    sample_labels = fit(matrix[rows])
    found = sorted(set(sample_labels.tolist()) - {NOISE})
    if not found:
        return np.full(n, NOISE, dtype=np.int64)
    centroids = np.stack([centroid(matrix[rows][sample_labels == label]) for label in found])
    labels = np.empty(n, dtype=np.int64)
    for start in range(0, n, 20000):
        block = matrix[start:start + 20000] @ centroids.T
        labels[start:start + 20000] = np.asarray(found)[block.argmax(axis=1)]
    labels[rows] = sample_labels  # the sample keeps what the clustering said (noise included)
    return labels


def _renumber(raw: np.ndarray, min_size: int) -> np.ndarray:
    labels = np.full(len(raw), NOISE, dtype=np.int64)
    values, counts = np.unique(raw[raw >= 0], return_counts=True)
    kept = [(count, value) for value, count in zip(values, counts, strict=True) if count >= min_size]
    # Largest first; ties by the smallest member index, so the numbering never depends on dict order.
    first = {value: int(np.flatnonzero(raw == value)[0]) for _, value in kept}
    kept.sort(key=lambda cv: (-cv[0], first[cv[1]]))
    for number, (_, value) in enumerate(kept):
        labels[raw == value] = number
    return labels


# -- describing a cluster -----------------------------------------------------------------------------

def centroid(matrix: np.ndarray) -> np.ndarray:
    mean = matrix.mean(axis=0)
    norm = np.linalg.norm(mean)
    return (mean / norm if norm else mean).astype(np.float32)


def representatives(ids: np.ndarray, matrix: np.ndarray, k: int = 3) -> list[int]:
    """The `k` members closest to the cluster's centroid, closest first (ties by id)."""
    if not len(ids):
        return []
    scores = matrix @ centroid(matrix)
    order = np.lexsort((ids, -scores))
    return [int(ids[i]) for i in order[:k]]


def clean(text: str) -> str:
    return PLACEHOLDER.sub(" ", text)


def distinctive_terms(groups: Sequence[Sequence[str]], *, top: int = LABEL_TERMS, background: Sequence[str] = ()
                      ) -> list[list[str]]:
    """Class-based TF-IDF: each group's texts are one document, weighed against every group and the
    `background` texts (reports in no theme), so a term scores high where it is frequent in this group
    and rare in the rest. Unigrams and bigrams; a unigram inside a chosen bigram is skipped."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    documents = [" ".join(clean(t) for t in texts) for texts in groups]
    if background:
        documents.append(" ".join(clean(t) for t in background))
    if not any(document.strip() for document in documents):
        return [[] for _ in groups]
    stop = ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS
    word = re.compile(_WORDS["token_pattern"])

    def terms(document: str) -> list[str]:
        """Words that are not stop words, and pairs of such words that stand next to each other in the
        text (so "not knowing it was booked" gives no "knowing booked")."""
        tokens = [t.lower() for t in word.findall(document)]
        kept = [t for t in tokens if t not in stop]
        pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if a not in stop and b not in stop]
        return kept + pairs

    vectoriser = CountVectorizer(analyzer=terms)
    try:
        counts = vectoriser.fit_transform(documents).astype(np.float64)
    except ValueError:  # nothing left but stop words
        return [[] for _ in groups]
    vocabulary = vectoriser.get_feature_names_out()
    words = np.asarray(counts.sum(axis=1)).ravel()
    tf = counts.multiply(1 / np.maximum(words, 1)[:, None]).tocsr()
    frequency = np.asarray(counts.sum(axis=0)).ravel()
    idf = np.log(1 + words.mean() / np.maximum(frequency, 1))
    scores = tf.multiply(idf[None, :]).tocsr()
    labels: list[list[str]] = []
    for row in range(len(groups)):
        line = scores.getrow(row).toarray().ravel()
        # A term must come up in more than one report's worth of text to name a theme.
        present = np.asarray(counts.getrow(row).toarray()).ravel()
        order = np.lexsort((vocabulary, -line))
        chosen: list[str] = []
        for index in order:
            if line[index] <= 0 or len(chosen) >= top:
                break
            term = str(vocabulary[index])
            if present[index] < 2:
                continue
            if any(term in other.split() or other in term.split() or term == other for other in chosen):
                continue
            if " " in term and any(part in chosen for part in term.split()):
                chosen = [c for c in chosen if c not in term.split()]
            chosen.append(term)
        labels.append([_surface(term, documents[row]) for term in chosen])
    return labels


def _surface(term: str, document: str) -> str:
    """The term as the reports most often write it ("AMHP", "GP letter"), else in lower case."""
    forms = Counter(re.findall(r"\b" + r"\s+".join(map(re.escape, term.split())) + r"\b", document, re.IGNORECASE))
    if not forms:
        return term
    form = " ".join(max(forms.items(), key=lambda item: (item[1], item[0].islower()))[0].split())
    # A word written in capitals is an acronym; a capital at the start of a sentence is not a name.
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in form.split())


def label_of(terms: Sequence[str]) -> str:
    """"Handover, ICPC, Friday": readable, in score order."""
    text = ", ".join(terms)
    return text[:1].upper() + text[1:]
