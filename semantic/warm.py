"""Warm the embedding model before the first reviewer needs it: ``python -m semantic.warm CACHE_DIR``.

The static model distils a token's vector the first time the token is met, so the first reports a
fresh process embeds pay for every new word (tens of seconds for a few hundred narratives). Distilling
the whole vocabulary once, at deploy time or in a background thread at start-up, writes the table to
the cache directory; every later process loads it in under a second.
"""

from __future__ import annotations

import argparse
import sys

from semantic.embedding import warm_up


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache_dir", help="where the distilled token table is kept (the app's VAR_DIR/semantic)")
    args = parser.parse_args(argv)
    print(warm_up(args.cache_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
