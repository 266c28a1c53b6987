#!/usr/bin/env bash
# Fail when requirements.lock / requirements-dev.lock were not regenerated after the
# dependency lists in pyproject.toml changed. Usage: scripts/check-lock.sh [LOCKFILE...]
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

want=$("$ROOT/scripts/deps-fingerprint.sh")
[ $# -gt 0 ] || set -- requirements.lock requirements-dev.lock
rc=0
for lock in "$@"; do
    path=$ROOT/$lock
    if [ ! -f "$path" ]; then
        printf 'ERROR: %s is missing: run "make lock"\n' "$lock" >&2
        rc=1
        continue
    fi
    have=$(sed -n 's/^# pyproject-deps-sha256: //p' "$path" | head -n1)
    if [ "$have" != "$want" ]; then
        printf 'ERROR: %s is out of date with the dependencies in pyproject.toml: run "make lock" and commit both lock files\n' "$lock" >&2
        rc=1
    fi
done
exit "$rc"
