"""The layering holds: import-linter's contracts in pyproject.toml pass, and they do bite.

The deid library imports no Django and no app, and apps use only its public names; core and
protection import no context; contexts never import each other's models; imports never go round
in a circle, between apps or inside one.
"""

import json
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


def root_packages() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["root_packages"]


def test_the_contracts_cover_the_rules_we_promise():
    by_id = {c["id"]: c for c in contracts()}
    assert set(by_id["bottom"]["source_modules"]) == {"core", "protection"}
    assert by_id["layers"]["layers"][-3:] == ["protection", "core", "deid | semantic"]
    for library in ("deid", "semantic"):  # plain libraries: no Django, no app of ours
        plain = by_id[f"{library}-plain"]
        assert plain["source_modules"] == [library]
        assert set(plain["forbidden_modules"]) >= {"django", *root_packages()} - {library, "deid"}
    assert set(by_id["deid-plain"]["forbidden_modules"]) == {"django", *root_packages()} - {"deid"}
    assert {c["protected_modules"][0] for c in contracts() if c["type"] == "protected"} >= {
        "reporting.models", "organisations.models", "justculture.models", "coding.models"}
    assert by_id["no-cycles-inside-apps"]["type"] == "acyclic_siblings"


def write_app_tree(tmp_path: Path, extra: dict[str, str]) -> None:
    """Every root package of the real config, empty but for `models`, plus the given modules."""
    for package in root_packages():
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


def test_deid_importing_django_breaks_the_contracts(tmp_path):
    write_app_tree(tmp_path, {"deid.engine": "from django.conf import settings\n"})
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "deid.engine -> django" in done.stdout


def test_deid_importing_an_app_breaks_the_contracts(tmp_path):
    write_app_tree(tmp_path, {"deid.engine": "from protection import audit\n", "protection.audit": ""})
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "deid.engine -> protection.audit" in done.stdout


def test_an_app_reaching_past_deids_public_names_breaks_the_contracts(tmp_path):
    write_app_tree(tmp_path, {"deid.engine": "", "protection.redaction": "from deid.engine import Deidentifier\n"})
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "protection.redaction -> deid.engine" in done.stdout


def test_deid_runs_without_django_or_any_app_loaded():
    """Beyond the static contracts: import the library and de-identify a text in a fresh interpreter,
    then look at everything that got loaded (the third-party packages it uses included)."""
    apps = [p for p in root_packages() if p != "deid"]
    script = (
        "import json, sys\n"
        "import deid\n"
        "redacted = deid.deidentify('Mum Kerensa Polglase rang 07700 900461.').redacted\n"
        f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & {{'django', *{apps!r}}})\n"
        "print(json.dumps({'redacted': redacted, 'loaded': loaded}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,  # noqa: S603
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=180)
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert "Polglase" not in result["redacted"] and "900461" not in result["redacted"]
