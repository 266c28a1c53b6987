"""The layering holds: import-linter's contracts in pyproject.toml pass, and they do bite.

core and protection import no context; contexts never import each other's models; imports never
go round in a circle, between apps or inside one.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *args], cwd=cwd, capture_output=True, text=True,  # noqa: S603
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_the_code_keeps_every_layering_contract():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-4000:]
    assert done.stdout.count(" KEPT") == len(contracts())


def test_the_contracts_cover_the_rules_we_promise():
    by_id = {c["id"]: c for c in contracts()}
    assert set(by_id["bottom"]["source_modules"]) == {"core", "protection"}
    assert {c["protected_modules"][0] for c in contracts() if c["type"] == "protected"} >= {
        "reporting.models", "organisations.models", "justculture.models"}
    assert by_id["no-cycles-inside-apps"]["type"] == "acyclic_siblings"


def write_app_tree(tmp_path: Path, extra: dict[str, str]) -> None:
    """Every root package of the real config, empty but for `models`, plus the given modules."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        config = tomllib.load(f)["tool"]["importlinter"]
    for package in config["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
        (tmp_path / package / "models.py").write_text("")
    for dotted, source in extra.items():
        (tmp_path / (dotted.replace(".", "/") + ".py")).write_text(source)
    # The real contracts, less their exceptions for modules this tree does not have.
    lines = (ROOT / "pyproject.toml").read_text().splitlines()
    (tmp_path / "pyproject.toml").write_text("\n".join(line for line in lines if not line.startswith("ignore_imports")))


def test_protection_reaching_into_a_context_breaks_the_contracts(tmp_path):
    write_app_tree(tmp_path, {"protection.services": "import reporting.services\n", "reporting.services": ""})
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "protection.services -> reporting.services" in done.stdout


def test_one_context_importing_another_contexts_models_breaks_the_contracts(tmp_path):
    write_app_tree(tmp_path, {"triage.views": "from reporting.models import *\n"})
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "triage.views -> reporting.models" in done.stdout


def test_a_circle_inside_an_app_breaks_the_contracts(tmp_path):
    write_app_tree(tmp_path, {"reporting.services": "def f():\n    from reporting import tasks\n",
                              "reporting.tasks": "from reporting import services\n"})
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "No cycles are allowed in reporting" in done.stdout
