"""manage.py deidentify: batch de-identification of JSONL with the deid library."""

import io
import json

import pytest
from django.core.management import call_command


def test_each_line_is_deidentified_and_a_bad_line_is_skipped(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Mum Kerensa Polglase rang 07700 900461 about QZX-48213."})
                      + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    errors = io.StringIO()
    with pytest.raises(SystemExit):  # a skipped line makes the exit status 1
        call_command("deidentify", input=str(source), output=str(out), patterns=[r"QZX-(\d{5})"],
                     no_progress=True, stderr=errors)
    [line] = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
    assert line["id"] == "a"
    for identifier in ("Polglase", "900461", "48213"):  # the last by the pattern given on the command line
        assert identifier not in line["redacted"]
    assert line["redacted"].startswith("Mum [PERSON 1] rang")
    assert [span["label"] for span in line["spans"]] == ["PERSON", "PHONE", "CASE_REFERENCE"]
    assert "skipped line 2" in errors.getvalue()
