#!/usr/bin/env bash
# `uv pip check` on a venv, less the requirements that scripts/lock-overrides.txt removes on
# purpose (a `sys_platform == "never"` marker): those are known to be absent.
# Usage: scripts/pip-check.sh UV PYTHON. Prints the real problems and fails if there are any.
set -u
uv=$1 python=$2
here=$(cd "$(dirname "$0")" && pwd)
removed=$(sed -n 's/^\([A-Za-z0-9_.-]*\) *;.*sys_platform *== *"never".*/\1/p' "$here/lock-overrides.txt")
out=$("$uv" pip check --python "$python" 2>&1) && exit 0
problems=$(printf '%s\n' "$out" | grep -i 'requires\|conflict\|incompatible with\|not installed\|invalid' || true)
for name in $removed; do
    problems=$(printf '%s\n' "$problems" | grep -vi "requires \`$name[<>=!~ ;\`]" || true)
done
problems=$(printf '%s\n' "$problems" | sed '/^$/d')
[ -z "$problems" ] && exit 0
printf '%s\n' "$problems"
exit 1
