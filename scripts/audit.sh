#!/usr/bin/env bash
# `make audit`: check every package pinned in requirements.lock (AUDIT_LOCKS to name others)
# against the known-vulnerability databases with pip-audit. Needs the network, so it is
# not part of `make test`. pip-audit lives in the tools venv (.venv/.tools), not in the app's.
# AUDIT_SERVICE=osv asks osv.dev instead of PyPI. An audit that could not check every package fails.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

PIP_AUDIT_VERSION=2.10.1
cd "$ROOT" || exit
ensure_uv

if [ ! -x "$TOOLS/bin/pip-audit" ] || ! "$TOOLS/bin/pip-audit" --version 2>/dev/null | grep -q " $PIP_AUDIT_VERSION\$"; then
    say "installing pip-audit $PIP_AUDIT_VERSION into $TOOLS"
    "$UV" pip install --no-config --quiet --python "$TOOLS/bin/python" "pip-audit==$PIP_AUDIT_VERSION"
fi

args=()
for lock in ${AUDIT_LOCKS:-requirements.lock}; do
    "$ROOT/scripts/check-lock.sh" "$lock"
    args+=(-r "$lock")
done
say "pip-audit ${args[*]}"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
# The locks pin and hash everything, so pip-audit needs no pip resolve (--disable-pip).
rc=0
"$TOOLS/bin/pip-audit" --disable-pip --require-hashes --progress-spinner off -s "${AUDIT_SERVICE:-pypi}" -f json -o "$report" "${args[@]}" || rc=$?
[ -s "$report" ] || die "pip-audit wrote no report (exit $rc)"

# Print the findings, and refuse to pass an audit that could not look a package up: here,
# where only the package index is reachable, PyPI's per-release JSON API and OSV are not.
"$PYTHON" - "$report" <<'EOF2' || rc=$(( rc > 0 ? rc : 2 ))
import json, sys

deps = json.load(open(sys.argv[1]))["dependencies"]
skipped = [d for d in deps if d.get("skip_reason")]
vulnerable = [d for d in deps if d.get("vulns")]
for d in vulnerable:
    for v in d["vulns"]:
        fix = ", ".join(v.get("fix_versions") or []) or "no fix yet"
        print(f"VULNERABLE {d['name']} {d['version']}: {v['id']} (fixed in {fix})")
print(f"{len(deps)} packages: {len(vulnerable)} with known vulnerabilities, {len(skipped)} not checked")
if skipped:
    print("NOT CHECKED: " + "; ".join(f"{d['name']} {d.get('version', '')}" for d in skipped[:10])
          + (" ..." if len(skipped) > 10 else ""), file=sys.stderr)
    print(f"the vulnerability service could not be asked ({skipped[0]['skip_reason']}); "
          "run `make audit` where the network reaches PyPI's JSON API or osv.dev", file=sys.stderr)
    sys.exit(2)
EOF2
exit "$rc"
