"""Run bandit over the project's code; fail on any finding not listed, with a reason, in
bandit-ignore.toml. Bandit's own baseline file cannot carry reasons, and a reason is the point."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every package of ours: the import-linter's root packages, so a new app is scanned from its first commit.
PACKAGES = sorted(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"])


def main() -> int:
    ignores = tomllib.loads((ROOT / "bandit-ignore.toml").read_text())["ignore"]
    for entry in ignores:
        if not entry.get("reason", "").strip():
            print(f"bandit-ignore.toml: {entry.get('test')} in {entry.get('file')} has no reason", file=sys.stderr)
            return 2
    run = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "bandit", "-q", "-r", *PACKAGES, "-x", "*/migrations/*", "-f", "json"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if run.returncode not in (0, 1):
        print(run.stderr, file=sys.stderr)
        return run.returncode
    findings = json.loads(run.stdout)["results"]
    unlisted = [f for f in findings
                if not any(f["test_id"] == i["test"] and f["filename"] == i["file"] for i in ignores)]
    for f in unlisted:
        print(f"{f['filename']}:{f['line_number']}: {f['test_id']} [{f['issue_severity']}] {f['issue_text']}")
    used = {(f["test_id"], f["filename"]) for f in findings}
    for stale in (i for i in ignores if (i["test"], i["file"]) not in used):
        print(f"bandit-ignore.toml: nothing matches {stale['test']} in {stale['file']} any more; remove it")
    print(f"bandit: {len(findings)} finding(s), {len(findings) - len(unlisted)} listed with a reason, "
          f"{len(unlisted)} not listed")
    return 1 if unlisted else 0


if __name__ == "__main__":
    sys.exit(main())
