"""Nothing in the engine reaches the internet: Presidio's e-mail check would fetch the Public Suffix List."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import socket

def refuse(*args, **kwargs):
    raise AssertionError(f"the engine tried the network: {args!r}")

socket.getaddrinfo = refuse
socket.socket.connect = refuse
import deid
print(deid.deidentify("Write to jo.bloggs@example.co.uk or see https://example.org/family").redacted)
"""


def test_e_mail_and_web_addresses_are_found_with_no_network_and_no_download(tmp_path):
    # A fresh process with an empty home: no suffix list cached from an earlier run.
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300,  # noqa: S603
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "tried the network" not in done.stderr
    assert done.stdout.strip() == "Write to [EMAIL 1] or see [URL 1]"
    assert not (tmp_path / ".cache").exists()
