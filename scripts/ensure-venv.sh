#!/usr/bin/env bash
# Make .venv (Python 3.11) hold exactly what LOCKFILE pins: `uv pip sync --require-hashes`
# installs every pinned file, checks its sha256 and removes anything the lock does not name.
# It runs only when LOCKFILE changed since the last install (a stamp file under .venv records
# its sha256), so a second run costs well under a second.
# Usage: scripts/ensure-venv.sh requirements.lock|requirements-dev.lock
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

lock=${1:?usage: ensure-venv.sh LOCKFILE}
lockpath=$ROOT/$lock
[ -f "$lockpath" ] || die "$lock is missing: run \`make lock\`"
"$ROOT/scripts/check-lock.sh" "$lock"

hold_lock "$VENV"
ensure_uv

if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.11 or set PYTHON=/path/to/python3.11"
    say "creating $VENV with $("$PYTHON" --version 2>&1)"
    # A broken or wrong-version venv is started over, keeping the uv tools venv inside it.
    find "$VENV" -mindepth 1 -maxdepth 1 ! -name .tools -exec rm -rf {} + 2>/dev/null || true
    "$PYTHON" -m venv --without-pip "$VENV"
fi
stamp=$VENV/.stamp-$lock
want=$(sha256sum "$lockpath" | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "$lock already installed in .venv"
    exit 0
fi
# The dev lock pins everything the runtime lock does, at the same versions (make lock solves it
# that way; tests/project/test_locks_install.py checks), so a venv that holds the current dev
# lock serves `make run` as it is, and `make run` beside `make test` never pulls pytest away.
dev=requirements-dev.lock
if [ "$lock" = requirements.lock ] && [ -f "$VENV/.stamp-$dev" ] \
        && [ "$(cat "$VENV/.stamp-$dev")" = "$(sha256sum "$ROOT/$dev" | cut -c1-64)" ]; then
    say "$dev (a superset of $lock) already installed in .venv"
    exit 0
fi
say "installing $lock into .venv (uv pip sync --require-hashes)"
start=$(now)
rm -f "$VENV"/.stamp-*
# --no-config: no uv.toml from the machine or the user changes what is installed.
"$UV" pip sync --no-config --require-hashes --quiet --python "$VENV/bin/python" "$lockpath"
problems=$("$ROOT/scripts/pip-check.sh" "$UV" "$VENV/bin/python") || warn "uv pip check: $(printf '%s\n' "$problems" | head -n5)"
echo "$want" >"$stamp"
say "installed $lock in $(( $(now) - start )) s"
