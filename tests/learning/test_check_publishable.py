"""`manage.py check_publishable`: exit 0 when clean, 1 with the findings, 2 when it cannot run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
RAW = "Mum Kerensa Polglase rang on 07700 900461 about the missed visit.\n"
REDACTED = "Mum [PERSON] rang on [PHONE] about the missed visit in March 2024.\n"


@pytest.fixture
def files(tmp_path):
    raw, redacted, latin1 = tmp_path / "raw.txt", tmp_path / "redacted.txt", tmp_path / "latin1.txt"
    raw.write_text(RAW, encoding="utf-8")
    redacted.write_text(REDACTED, encoding="utf-8")
    latin1.write_bytes("Caf\xe9 visit missed by J\xf6rg".encode("latin-1"))
    return {"raw": raw, "redacted": redacted, "latin1": latin1, "missing": tmp_path / "nothing-here.txt"}


def test_a_clean_text_is_reported_clean(files, capsys):
    call_command("check_publishable", "--input", str(files["redacted"]))
    assert "clean" in capsys.readouterr().out


def test_identifiers_are_listed_one_per_line_with_label_position_and_masked_context(files, capsys):
    with pytest.raises(SystemExit) as stopped:
        call_command("check_publishable", "--input", str(files["raw"]))
    assert stopped.value.code == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["PERSON", "4"], ["PHONE", str(RAW.index("07700"))]]
    assert all("Polglase" not in line and "900461" not in line for line in lines)
    assert "Mum [PERSON] rang on [PHONE]" in lines[0]


@pytest.mark.django_db
def test_an_organisations_taught_words_count(files, organisation, capsys):
    from protection.models import TermRule

    TermRule.objects.create(organisation_id=organisation.pk, term="missed visit", kind=TermRule.Kind.DENY, label="PERSON")
    with pytest.raises(SystemExit) as stopped:
        call_command("check_publishable", "--input", str(files["redacted"]), "--organisation", organisation.slug)
    assert stopped.value.code == 1


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["missing", "latin1", "unknown-organisation"])
def test_what_cannot_be_checked_exits_2_with_a_message(files, case, capsys):
    args = ["--input", str(files["missing" if case == "missing" else "latin1" if case == "latin1" else "redacted"])]
    if case == "unknown-organisation":
        args += ["--organisation", "no-such-org"]
    with pytest.raises(SystemExit) as stopped:
        call_command("check_publishable", *args)
    assert stopped.value.code == 2
    message = capsys.readouterr().err
    assert {"missing": "no such file", "latin1": "not UTF-8", "unknown-organisation": "no organisation"}[case] in message


def _run(*args, env_extra=None):
    env = {**os.environ, "GOODCATCH_DEMO": "true", **(env_extra or {})}
    return subprocess.run([sys.executable, "manage.py", "check_publishable", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=300)


def test_the_exit_codes_seen_from_outside(files, tmp_path):
    """One process per case, as a caller outside would run it (0, 1, 2)."""
    assert _run("--input", str(files["redacted"])).returncode == 0
    found = _run("--input", str(files["raw"]))
    assert found.returncode == 1 and found.stdout.startswith("PERSON\t4\t")
    assert _run("--input", str(files["missing"])).returncode == 2
    assert _run("--input", str(files["latin1"])).returncode == 2
    assert _run().returncode == 2  # no --input at all
    # An unknown organisation, against a database of its own that has the tables.
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'gate.sqlite3'}", "GOODCATCH_VAR_DIR": str(tmp_path / "var")}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env={**os.environ, "GOODCATCH_DEMO": "true", **env},  # noqa: S603
                   check=True, timeout=600)
    unknown = _run("--input", str(files["redacted"]), "--organisation", "no-such-org", env_extra=env)
    assert unknown.returncode == 2 and "no organisation" in unknown.stderr
