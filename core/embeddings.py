"""The packaged sentence-embedding library (`semantic`), set up once per process for every context.

Imported on first use (it loads numpy and scikit-learn), with its token cache in the var dir so that a
restarted process does not distil the token vectors again.
"""

from __future__ import annotations

import threading
from types import ModuleType

from django.conf import settings

_lock = threading.Lock()
_ready = False


def semantic_library() -> ModuleType:
    import semantic

    global _ready
    with _lock:
        if not _ready:
            semantic.set_cache_dir(settings.VAR_DIR / "semantic")
            _ready = True
    return semantic
