# shellcheck shell=bash
# Shared helpers for the scripts in this folder. Source it; do not run it.
#   . "$(dirname "$0")/lib.sh"

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
# Python 3.11 for the venv: python3.11, else a python3 that is 3.11 (PYTHON= to choose).
if [ -z "${PYTHON:-}" ]; then
    PYTHON=python3.11
    if ! command -v python3.11 >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 \
            && python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        PYTHON=python3
    fi
fi

# Never let Playwright fetch a browser: the tests drive Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root: directly when we are root, else through sudo when there is one.
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        die "need root for: $* (no sudo here)"
    fi
}

sha256_of() { sha256sum "$@" | sha256sum | cut -c1-64; }

# Seconds since the epoch, for the timings the scripts print.
now() { date +%s; }

# Take an exclusive lock named after PATH (held until the calling script exits), so two
# `make` runs in one checkout do not install into the same venv or node_modules at once.
hold_lock() {
    command -v flock >/dev/null 2>&1 || return 0
    local file
    file=${TMPDIR:-/tmp}/goodcatch-$(printf '%s' "$1" | sha256sum | cut -c1-16).lock
    exec 9>"$file"
    if ! flock -n 9; then
        say "waiting for another install into $1 to finish"
        flock 9
    fi
}
release_lock() { exec 9>&-; }  # before starting anything long-lived, which would inherit it

# uv, the installer behind every venv here, pinned and hash-checked in requirements-tools.lock.
# It is bootstrapped into its own small venv ($VENV/.tools) by the pip that ships with Python:
# that pip installs one wheel it can verify and never resolves anything, so whichever pip a
# machine has, and whatever the registry publishes later, the app's locks install the same way.
# The app venvs themselves are filled by `uv pip sync --require-hashes`, which installs exactly
# the pinned files (docs/adr/0006-installs-that-cannot-drift.md says why and what was measured).
TOOLS=$VENV/.tools
UV=$TOOLS/bin/uv
ensure_uv() {
    local want have
    want=$(sed -n 's/^uv==\([^ ]*\).*/\1/p' "$ROOT/requirements-tools.lock")
    have=$("$UV" --version 2>/dev/null | awk '{print $2}') || true
    [ -n "$want" ] || die "requirements-tools.lock pins no uv"
    [ "$have" = "$want" ] && return 0
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.11 or set PYTHON=/path/to/python3.11"
    say "bootstrapping uv $want into $TOOLS (the bundled pip, --require-hashes)"
    rm -rf "$TOOLS"
    "$PYTHON" -m venv "$TOOLS"
    # --isolated: no pip.conf, no PIP_* variables (a machine's extra indexes or constraints);
    # only the machine's CA bundle is kept, for networks that inspect TLS.
    local cert=() bundle=${SSL_CERT_FILE:-${PIP_CERT:-}}
    [ -n "$bundle" ] && [ -f "$bundle" ] && cert=(--cert "$bundle")
    "$TOOLS/bin/python" -m pip install --isolated --disable-pip-version-check --require-hashes --no-deps --no-input --progress-bar off -q \
        "${cert[@]}" -r "$ROOT/requirements-tools.lock" || die "could not install uv from requirements-tools.lock"
}

# apt-get install, non-interactively. Runs `apt-get update` first only when a package is
# unknown to apt's current lists (a new machine has empty lists), and once more when the
# install fails (stale lists name files the mirror no longer has).
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    local pkg updated=0
    for pkg in "$@"; do
        if ! apt-cache show "$pkg" >/dev/null 2>&1; then
            say "apt-get update (apt's lists do not know $pkg)"
            as_root apt-get update -qq
            updated=1
            break
        fi
    done
    say "apt-get install -y $*"
    if ! as_root apt-get install -y -qq "$@" >/dev/null; then
        [ "$updated" -eq 0 ] || die "apt-get install $* failed"
        say "apt-get install failed; apt-get update and one more try"
        as_root apt-get update -qq
        as_root apt-get install -y -qq "$@" >/dev/null
    fi
}
