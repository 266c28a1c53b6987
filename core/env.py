"""Typed readers for settings from the environment that fail loudly on bad values."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {raw!r}")
    return value


def env_share(name: str, default: float) -> float:
    """A share from 0 to 1, such as a precision target."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number from 0 to 1, got {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ImproperlyConfigured(f"{name} must be a number from 0 to 1, got {raw!r}")
    return value


_PERIODS = {"s": 1, "m": 60, "h": 60 * 60}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A limit written COUNT/PERIOD, e.g. "5/15m" (s, m or h): returns (5, 900)."""
    raw = os.environ.get(name) or default
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*([smh])\s*", raw)
    if match is None or int(match[1]) < 1 or int(match[2]) < 1:
        raise ImproperlyConfigured(f"{name} must be a count per period such as 5/15m (s, m or h), got {raw!r}")
    return int(match[1]), int(match[2]) * _PERIODS[match[3]]


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, *, fallback_file: Path | None = None, generate: bool = False, nbytes: int = 50) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE.

    In demo mode (``generate=True``) a missing secret is generated once and kept in
    ``fallback_file`` so that restarts keep sessions and keys valid.
    """
    value = os.environ.get(name)
    if value:
        return value
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points at {file_name!r}, which cannot be read: {exc}") from None
    if generate and fallback_file is not None:
        if fallback_file.exists():
            return fallback_file.read_text().strip()
        import secrets

        # Several processes may start at once (web workers, the task worker): the first to link its
        # file in place wins and every other reads the winner's, so no two of them hold different keys.
        fallback_file.parent.mkdir(parents=True, exist_ok=True)
        draft = fallback_file.with_name(f".{fallback_file.name}.{os.getpid()}.{secrets.token_hex(4)}")
        draft.write_text(secrets.token_urlsafe(nbytes))
        draft.chmod(0o600)
        try:
            os.link(draft, fallback_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
        return fallback_file.read_text().strip()
    raise ImproperlyConfigured(
        f"{name} is not set. Set {name} or {name}_FILE, or run in demo mode (GOODCATCH_DEMO=true)."
    )
