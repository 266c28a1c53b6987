#!/usr/bin/env bash
# Make .venv (Python 3.11) hold exactly what LOCKFILE pins, installing with
# `pip --require-hashes` only when LOCKFILE changed since the last install (a stamp file
# under .venv records its sha256), so a second run costs well under a second.
# Usage: scripts/ensure-venv.sh requirements.lock|requirements-dev.lock
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

lock=${1:?usage: ensure-venv.sh LOCKFILE}
lockpath=$ROOT/$lock
[ -f "$lockpath" ] || die "$lock is missing: run \`make lock\`"
"$ROOT/scripts/check-lock.sh" "$lock"

hold_lock "$VENV"

if ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.11 or set PYTHON=/path/to/python3.11"
    say "creating $VENV with $("$PYTHON" --version 2>&1)"
    clear=()
    [ -e "$VENV/bin/python" ] && clear=(--clear)  # a broken or wrong-version venv: start over
    "$PYTHON" -m venv "${clear[@]}" "$VENV"
    rm -f "$VENV"/.stamp-*
fi
stamp=$VENV/.stamp-$lock
want=$(sha256sum "$lockpath" | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "$lock already installed in .venv"
    exit 0
fi
say "installing $lock into .venv (pip --require-hashes)"
start=$(now)
rm -f "$stamp"
# The machine's pip config adds local file:// indexes; their "is ignored" notes are noise.
"$VENV/bin/python" -m pip install --require-hashes --no-input --progress-bar off -q -r "$lockpath" \
    2> >(grep -v "^WARNING: Location 'file://.*' is ignored" >&2)
"$VENV/bin/python" -m pip check >/dev/null 2>&1 || warn "pip check: $("$VENV/bin/python" -m pip check 2>&1 | head -n5)"
echo "$want" >"$stamp"
say "installed $lock in $(( $(now) - start )) s"
