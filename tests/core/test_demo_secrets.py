"""A demo secret is made once, however many processes start at the same moment."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from pathlib import Path
from core.env import env_secret
print(env_secret("GOODCATCH_TEST_UNSET_SECRET", fallback_file=Path(sys.argv[1]), generate=True))
"""


def test_processes_starting_together_all_get_the_one_master_key(tmp_path):
    key_file = tmp_path / "var" / "master_key"
    processes = [subprocess.Popen([sys.executable, "-c", SCRIPT, str(key_file)], stdout=subprocess.PIPE, text=True)  # noqa: S603
                 for _ in range(8)]
    secrets = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert secrets == {key_file.read_text().strip()}
    assert len(next(iter(secrets))) > 40
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert [path.name for path in key_file.parent.iterdir()] == ["master_key"]  # no drafts left behind
