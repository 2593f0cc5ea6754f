"""Last-updated dates for files: git history first, then the file's mtime.

One ``git log`` call covers the whole repository, so a 10,000-file site costs one
process, not 10,000.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo


def site_today(time_zone: str, now: datetime | None = None) -> date:
    """Today's date in the site's time zone, not the machine's: a build server in another
    zone must not publish an embargoed record hours early (or late)."""
    instant = now if now is not None else datetime.now(UTC)
    return instant.astimezone(ZoneInfo(time_zone)).date()


class FileDates:
    """Maps absolute paths to the date of their last commit (or mtime)."""

    def __init__(self, site_dir: Path):
        self._site_dir = site_dir
        self._git: dict[Path, date] | None = None

    def updated(self, path: Path) -> date:
        if self._git is None:  # asked only for files loaded again: none, on most rebuilds
            self._git = _git_dates(self._site_dir)
        resolved = path.resolve()
        if resolved in self._git:
            return self._git[resolved]
        mtime = path.stat().st_mtime
        return datetime.fromtimestamp(mtime, tz=UTC).date()


def _git_dates(site_dir: Path) -> dict[Path, date]:
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=site_dir,
                             capture_output=True, text=True, timeout=30, check=True).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=site_dir, capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    root = Path(top)
    dates: dict[Path, date] = {}
    current: date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault((root / line).resolve(), current)
    return dates
