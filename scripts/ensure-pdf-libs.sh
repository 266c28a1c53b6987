#!/usr/bin/env bash
# Make sure Debian's libraries behind WeasyPrint (learning bulletins as PDF) are installed: pango
# lays out the text, harfbuzz's subsetter keeps only the glyphs used, and DejaVu is the system font
# the print stylesheet names (a bulletin fetches nothing, fonts included). Installs only what is missing.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
missing() {
    local pkg
    for pkg in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$pkg"
    done
}
command -v dpkg-query >/dev/null 2>&1 || { warn "not Debian: install pango and harfbuzz for WeasyPrint by hand"; exit 0; }
todo=$(missing)
if [ -z "$todo" ]; then
    say "pdf libraries: ${PACKAGES[*]} installed"
    exit 0
fi
hold_lock /usr/lib/weasyprint-libs
todo=$(missing)
[ -z "$todo" ] && exit 0  # another run installed them while we waited
command -v apt-get >/dev/null 2>&1 || die "missing $todo and there is no apt-get: install them by hand"
start=$(now)
# shellcheck disable=SC2086  # one package per word
apt_install $todo
[ -z "$(missing)" ] || die "installed $todo but $(missing | tr '\n' ' ')is still missing"
say "installed $(printf '%s ' $todo)in $(( $(now) - start )) s"
