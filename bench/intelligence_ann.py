"""ANN index benchmark: recall@10 of usearch's HNSW graph against exact numpy search, and query time.

    GOODCATCH_DEMO=true python bench/intelligence_ann.py [--sizes 100000 1000000] [--pool 20000]
        [--queries 300] [--output bench/results/intelligence.json]

The vectors are realistic, not random: the demo generator (`demo.generator`) writes `--pool` varied
narratives and each of their four fields (what happened, what could have happened, how it was
noticed, what would help) is embedded with the product's own `vectors.embed_texts`. The product's
model is static: a text's vector is the weighted mean of its tokens' vectors. So a new report made of
fields from different pool reports has, to a close approximation, the length-weighted mean of those
fields' vectors, normalised. That is how the corpus grows to a million: each vector takes its four
fields from pool reports (with probability 0.5 a field comes from the same report as the one before,
so some stay close to a pool report, as real near-duplicates do), weights each by its word count and
normalises. The run prints how close such a composite is to embedding the composed text itself.
Queries are further composites that are not in the index.

Query times are wall-clock and, beside them, the query thread's own CPU time (`time.thread_time`):
on a machine busy with other work the wall clock includes waiting for a core, and the CPU time is
what the query costs on a core of its own.

For each size it reports: exact numpy (one matrix-vector product per query), and usearch with
float32, float16 and int8 storage, at several search depths (ef): recall@10 against exact, p50/p95
of one query on one thread, build time on all cores, memory; and a filtered search (10% and 1% of
the ids allowed) through `intelligence.ann.AnnIndex`. Writes the figures under "ann" in the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")

import django  # noqa: E402

django.setup()

from demo import generator  # noqa: E402
from intelligence import ann, vectors  # noqa: E402

FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")
K = 10


def pool_vectors(size: int, cache: Path) -> tuple[np.ndarray, np.ndarray, list]:
    """(fields × pool × 384 vectors, fields × pool word counts, the pool reports)."""
    reports = generator.generate(size, seed=11)
    if cache.exists():
        saved = np.load(cache)
        return saved["vectors"], saved["words"], reports
    started = time.perf_counter()
    field_vectors = np.stack([vectors.embed_texts([getattr(r, name) for r in reports]) for name in FIELDS])
    words = np.array([[len(getattr(r, name).split()) for r in reports] for name in FIELDS], dtype=np.float32)
    print(f"embedded {size} pool reports × {len(FIELDS)} fields in {time.perf_counter() - started:.0f} s")
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, vectors=field_vectors, words=words)
    return field_vectors, words, reports


def composites(field_vectors: np.ndarray, words: np.ndarray, count: int, rng: np.random.Generator,
               *, return_sources: bool = False):
    pool = field_vectors.shape[1]
    out = np.zeros((count, vectors.DIMENSIONS), dtype=np.float32)
    sources = np.zeros((len(FIELDS), count), dtype=np.int64)
    source = rng.integers(0, pool, count)
    for f in range(len(FIELDS)):
        fresh = rng.random(count) >= 0.5 if f else np.ones(count, dtype=bool)
        source = np.where(fresh, rng.integers(0, pool, count), source)
        sources[f] = source
        out += field_vectors[f, source] * words[f, source][:, None]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return (out, sources) if return_sources else out


def composition_check(field_vectors, words, reports, rng) -> float:
    """Mean cosine between a composite vector and the embedding of the text it stands for."""
    vecs, sources = composites(field_vectors, words, 200, rng, return_sources=True)
    texts = ["\n\n".join(t for f, name in enumerate(FIELDS) if (t := getattr(reports[sources[f, i]], name)))
             for i in range(200)]
    embedded = vectors.embed_texts(texts)
    return float(np.mean(np.sum(embedded * vecs, axis=1)))


def exact_top(matrix: np.ndarray, queries: np.ndarray, k: int = K) -> np.ndarray:
    tops = []
    for start in range(0, len(queries), 64):
        scores = queries[start:start + 64] @ matrix.T
        part = np.argpartition(-scores, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1)
        tops.append(np.take_along_axis(part, order, axis=1))
    return np.concatenate(tops)


def percentiles(times: list[float]) -> tuple[float, float]:
    return float(np.percentile(times, 50) * 1000), float(np.percentile(times, 95) * 1000)


def recall(found: list[set[int]], truth: np.ndarray) -> float:
    return float(np.mean([len(f & set(t.tolist())) / len(t) for f, t in zip(found, truth, strict=True)]))


def bench_size(size: int, field_vectors, words, queries_n: int, dtypes: list[str], efs: list[int],
               rng: np.random.Generator) -> dict:
    matrix = composites(field_vectors, words, size, rng)
    queries = composites(field_vectors, words, queries_n, rng)
    ids = np.arange(1, size + 1, dtype=np.int64)
    truth = exact_top(matrix, queries) + 1
    result: dict = {"vectors": size, "queries": queries_n}

    exact = vectors.ExactIndex(ids, matrix)
    times = []
    for q in queries:
        started = time.perf_counter()
        exact.search(q, K)
        times.append(time.perf_counter() - started)
    p50, p95 = percentiles(times)
    result["exact"] = {"p50_ms": p50, "p95_ms": p95, "memory_mb": matrix.nbytes / 2**20, "recall_at_10": 1.0}
    print(f"\n{size:,} vectors (nearest-neighbour cosine, median {np.median(np.sort(queries @ matrix[:50000].T, axis=1)[:, -1]):.3f})")
    print(f"{'index':<22}{'ef':>5}{'recall@10':>11}{'p50 ms':>9}{'p95 ms':>9}{'build s':>9}{'memory MB':>11}"
          f"{'cpu p50':>9}{'cpu p95':>9}")
    print(f"{'exact numpy':<22}{'':>5}{1.0:>11.3f}{p50:>9.2f}{p95:>9.2f}{'':>9}{matrix.nbytes / 2**20:>11.0f}")

    result["usearch"] = {}
    for dtype in dtypes:
        graph = ann.new_graph(dtype=dtype)
        started = time.perf_counter()
        graph.add(ids.astype(np.uint64), matrix, threads=0)
        build = time.perf_counter() - started
        memory = graph.memory_usage / 2**20
        rows = []
        for ef in efs:
            graph.expansion_search = ef
            times, cpu_times, found = [], [], []
            for q in queries:
                started, cpu_started = time.perf_counter(), time.thread_time()
                matches = graph.search(q, K, threads=1)
                cpu_times.append(time.thread_time() - cpu_started)
                times.append(time.perf_counter() - started)
                found.append(set(np.asarray(matches.keys, dtype=np.int64).tolist()))
            p50, p95 = percentiles(times)
            cpu_p50, cpu_p95 = percentiles(cpu_times)
            r = recall(found, truth)
            rows.append({"ef": ef, "recall_at_10": r, "p50_ms": p50, "p95_ms": p95,
                         "cpu_p50_ms": cpu_p50, "cpu_p95_ms": cpu_p95})
            print(f"{'usearch ' + dtype + ' M=' + str(ann.CONNECTIVITY):<22}{ef:>5}{r:>11.3f}{p50:>9.2f}{p95:>9.2f}"
                  f"{build:>9.0f}{memory:>11.0f}{cpu_p50:>9.2f}{cpu_p95:>9.2f}")
        entry = {"build_s": build, "memory_mb": memory, "connectivity": ann.CONNECTIVITY,
                 "expansion_add": ann.EXPANSION_ADD, "by_ef": rows}
        if dtype == ann.DTYPE:
            entry["filtered"] = filtered(graph, matrix, ids, queries, rng)
            entry["save_load"] = save_and_view(graph, queries)
        result["usearch"][dtype] = entry
        del graph
    return result


def filtered(graph, matrix, ids, queries, rng) -> list[dict]:
    """Filtered search through AnnIndex (the product's code path) at the product's ef."""
    graph.expansion_search = ann.EXPANSION_SEARCH
    index = ann.AnnIndex(graph)
    rows = []
    for share in (0.1, 0.01):
        allowed = np.sort(rng.choice(ids, int(len(ids) * share), replace=False))
        truth = exact_top(matrix[allowed - 1], queries)
        times, found = [], []
        for q in queries:
            started = time.perf_counter()
            hits = index.search(q, K, allowed=allowed)
            times.append(time.perf_counter() - started)
            found.append({hit.report_id for hit in hits})
        p50, p95 = percentiles(times)
        r = recall(found, allowed[truth])
        rows.append({"allowed_share": share, "recall_at_10": r, "p50_ms": p50, "p95_ms": p95})
        print(f"  filtered to {share:.0%} of ids (AnnIndex): recall@10 {r:.3f}, p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    return rows


def save_and_view(graph, queries) -> dict:
    """What a web process pays to pick up a saved graph: memory-mapping it, then its first queries."""
    import tempfile

    from usearch.index import Index

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "graph.usearch")
        started = time.perf_counter()
        graph.save(path)
        saved_s = time.perf_counter() - started
        started = time.perf_counter()
        viewed = Index.restore(path, view=True)
        view_s = time.perf_counter() - started
        viewed.expansion_search = ann.EXPANSION_SEARCH
        started = time.perf_counter()
        for q in queries[:50]:
            viewed.search(q, K, threads=1)
        first = (time.perf_counter() - started) / 50
        size = os.path.getsize(path)
        del viewed
    print(f"  saved in {saved_s:.1f} s ({size / 2**20:.0f} MB), memory-mapped in {view_s * 1000:.0f} ms, "
          f"first queries {first * 1000:.2f} ms each")
    return {"save_s": saved_s, "file_mb": size / 2**20, "view_ms": view_s * 1000, "first_queries_ms": first * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--pool", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--dtypes", nargs="+", default=["f32", "f16", "i8"])
    parser.add_argument("--efs", type=int, nargs="+", default=[32, 64, 128, 256])
    parser.add_argument("--cache", type=Path, default=None, help="where to keep the pool's vectors between runs")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "intelligence.json")
    args = parser.parse_args()

    rng = np.random.default_rng(20261205)
    model = vectors.EMBEDDING_MODEL.replace("/", "_")
    cache = args.cache or Path(os.environ.get("TMPDIR", "/tmp")) / f"goodcatch-ann-pool-{args.pool}-{model}.npz"
    field_vectors, words, reports = pool_vectors(args.pool, cache)
    check = composition_check(field_vectors, words, reports, rng)
    print(f"pool of {args.pool} demo reports; a composite's cosine with the embedding of its text: {check:.4f}")

    results = {"pool": args.pool, "composite_vs_embedded_cosine": check, "k": K, "threads_per_query": 1,
               "cpus": os.cpu_count(), "sizes": []}
    for size in args.sizes:
        results["sizes"].append(bench_size(size, field_vectors, words, args.queries, args.dtypes, args.efs, rng))

    args.output.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(args.output.read_text()) if args.output.exists() else {}
    existing["ann"] = results
    args.output.write_text(json.dumps(existing, indent=2))
    print(f"\nwritten to {args.output} under \"ann\"")


if __name__ == "__main__":
    main()
