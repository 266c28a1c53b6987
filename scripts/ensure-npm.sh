#!/usr/bin/env bash
# Run `npm ci` (GOV.UK Frontend, htmx, axe-core) only when package-lock.json changed since
# the last install; a stamp inside node_modules records its sha256.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit
[ -f package-lock.json ] || die "package-lock.json is missing: run \`npm install\` and commit it"
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 and npm (Debian: apt-get install nodejs npm)"

hold_lock "$ROOT/node_modules"
stamp=node_modules/.goodcatch-stamp
want=$(sha256sum package.json package-lock.json | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "node_modules already match package-lock.json"
    exit 0
fi
say "npm ci"
start=$(now)
npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
say "npm ci took $(( $(now) - start )) s"
