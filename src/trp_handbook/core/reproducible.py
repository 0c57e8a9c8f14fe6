"""Dates that come from the sources, not from the clock.

Two builds of the same commit must give the same bytes, so every date the build
writes (PDF metadata, ZIP entries, "built on") is ``SOURCE_DATE_EPOCH`` when set,
else the time of the last commit, else a fixed date.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from trp_handbook.core.project import root as project_root

_FALLBACK_EPOCH = 315532800  # 1980-01-01, the earliest date a ZIP can hold


def source_date_epoch(root: Path | None = None) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.isdigit():
        return int(value)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root or project_root(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return int(out) if out else _FALLBACK_EPOCH
    except (OSError, subprocess.CalledProcessError, ValueError):
        return _FALLBACK_EPOCH


def source_datetime(root: Path | None = None) -> datetime:
    return datetime.fromtimestamp(source_date_epoch(root), tz=timezone.utc)


def zip_timestamp(root: Path | None = None) -> tuple[int, int, int, int, int, int]:
    dt = source_datetime(root)
    if dt.year < 1980:
        dt = datetime(1980, 1, 1, tzinfo=timezone.utc)
    return (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)
