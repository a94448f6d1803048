"""Where rasd keeps the user's files: $RASD_HOME, else the XDG data directory (~/.local/share/rasd)."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The user's rasd data folder (not created here)."""
    explicit = os.environ.get("RASD_HOME")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "rasd"
