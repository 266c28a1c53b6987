#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests. Playwright's own
# browser download cannot work here (and is never attempted: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
    say "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
fi
hold_lock "$CHROMIUM"
[ -x "$CHROMIUM" ] && exit 0  # another run installed it while we waited
command -v apt-get >/dev/null 2>&1 || die "$CHROMIUM is missing and there is no apt-get: install Chromium by hand"
start=$(now)
apt_install chromium
[ -x "$CHROMIUM" ] || die "installed Debian's chromium but $CHROMIUM is still missing"
say "installed $("$CHROMIUM" --version 2>/dev/null) in $(( $(now) - start )) s"
