"""bench/ holds scripts, not a package: put it on the path for these tests."""

import os
import sys

BENCH = os.path.join(os.path.dirname(__file__), "..", "..", "bench")
if BENCH not in sys.path:
    sys.path.insert(0, os.path.abspath(BENCH))
