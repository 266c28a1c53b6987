"""Warm the embedding model before the first reviewer needs it: ``python -m semantic.warm CACHE_DIR``.

The static model distils a token's vector the first time the token is met, so the first reports a
fresh process embeds pay for every new word (tens of seconds for a few hundred narratives). Distilling
the whole vocabulary once, at deploy time or in a background thread at start-up, writes the table to
the cache directory; every later process loads it in under a second.
"""

from __future__ import annotations

import argparse
import sys
import time

from semantic.embedding import set_cache_dir, static


def warm_up(cache_dir=None) -> dict:
    """Load MiniLM and distil every token not yet in the cache (a no-op, bar loading, when it is complete)."""
    if cache_dir is not None:
        set_cache_dir(cache_dir)
    start, cpu = time.perf_counter(), time.process_time()
    model = static()
    known = int(model.known.sum())
    model.distil_all()
    return {
        "tokens": len(model.known),
        "already_known": known,
        "seconds": round(time.perf_counter() - start, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "cache": str(model.cache_path) if model.cache_path else None,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache_dir", help="where the distilled token table is kept (the app's VAR_DIR/semantic)")
    args = parser.parse_args(argv)
    print(warm_up(args.cache_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
