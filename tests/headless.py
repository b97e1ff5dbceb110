"""Headless Chromium for the browser tests (Debian's chromium, installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

#: The browser, or None when it is not installed (those tests then skip).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Without the background-networking flags Chromium keeps trying hosts this closed network
# refuses; a fresh profile per run keeps runs independent.
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def run_chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    """Run headless Chromium with ``args`` and a fresh profile directory."""
    cmd = [CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
