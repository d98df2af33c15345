"""Headless LibreOffice for the tests that open what govlint writes (.xlsx, the review .docx)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CALC = "libsclo.so"
WRITER = "libswlo.so"


def soffice_with(component: str) -> str | None:
    """The soffice of a LibreOffice that has `component` (CALC or WRITER), or None.

    Each of Debian's -nogui packages installs soffice, so soffice alone does not say that it can
    open a workbook or a Word file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    program = Path(os.path.realpath(soffice)).parent
    return soffice if (program / component).exists() else None


def convert(soffice: str, source: Path, target_filter: str, folder: Path) -> None:
    """Convert `source` into `folder` with its own profile (another soffice running must not take the job)."""
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target_filter,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
