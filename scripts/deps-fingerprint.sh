#!/usr/bin/env bash
# Print a sha256 of what pyproject.toml says about dependencies (requires-python,
# [project.dependencies] and [project.optional-dependencies]), ignoring comments, order of
# keys and tool settings. `make lock` writes it into both lock files; `scripts/check-lock.sh`
# compares, so a dependency added to pyproject.toml without `make lock` fails loudly.
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" - "$ROOT/pyproject.toml" <<'EOF'
import hashlib, json, sys, tomllib

with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f)["project"]
deps = {
    "requires-python": project.get("requires-python"),
    "dependencies": sorted(project.get("dependencies", [])),
    "optional-dependencies": {k: sorted(v) for k, v in project.get("optional-dependencies", {}).items()},
}
print(hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest())
EOF
