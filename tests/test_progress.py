"""Progress on stderr: shown under a pseudo-terminal, absent without one and with -q; stdout unchanged."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for number in range(6):
        for source in EXAMPLES.iterdir():
            shutil.copy(source, tmp_path / f"{number}-{source.name}")
    return tmp_path


def _run(folder: Path, *args: str, terminal: bool) -> tuple[str, str]:
    """stdout (a pipe) and stderr (a pseudo-terminal 120 columns wide, or a pipe)."""
    command = [sys.executable, "-m", "linter", "check", "--jobs", "1", *args, str(folder)]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        return done.stdout, done.stderr
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout = process.communicate(timeout=300)[0]
    os.close(master)
    return stdout.decode(), seen.decode("utf-8", "replace")


def test_progress_shows_done_of_total_rate_and_time_left_on_a_terminal(folder: Path) -> None:
    out, err = _run(folder, terminal=True)
    assert "检查:" in err and "/12 [" in err and "份/s]" in err  # "检查:  50%|█████     | 6/12 [00:01<00:01, 4.2份/s]"
    plain_out, plain_err = _run(folder, terminal=False)
    assert out == plain_out  # the findings stream is the same
    assert "检查" not in plain_err and "\r" not in plain_err


def test_no_progress_with_quiet(folder: Path) -> None:
    _, err = _run(folder, "-q", terminal=True)
    assert "份/s" not in err and "/12" not in err
