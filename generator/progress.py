"""A progress bar for long builds, shown only to a person watching a terminal.

It stays silent when the stream is not a terminal, in CI (the ``CI`` variable that
GitHub Actions, GitLab CI and Netlify set), on a ``dumb`` terminal, and for builds
that finish before ``delay`` seconds, so logs never fill with carriage returns.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TextIO


class ProgressBar:
    """``progress(done, total)`` callback drawing ``Rendering pages [#####-----] 50/100``."""

    def __init__(self, stream: TextIO, *, label: str = "Rendering pages", width: int = 30,
                 delay: float = 0.5, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.label = label
        self.width = width
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if total <= 0 or (not self.shown and self.clock() - self.started < self.delay):
            return
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"\r{self.label} [{bar}] {done}/{total}"
        self.shown = max(self.shown, len(text))
        self.stream.write(text)
        self.stream.flush()

    def finish(self) -> None:
        """Erase the bar so the summary line starts clean."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def progress_for(stream: TextIO, environ: Mapping[str, str] | None = None
                 ) -> ProgressBar | None:
    """A bar for ``stream`` if a person is watching it, else None."""
    env = os.environ if environ is None else environ
    if env.get("CI") or env.get("TERM") == "dumb":
        return None
    isatty = getattr(stream, "isatty", None)
    if not (callable(isatty) and isatty()):
        return None
    return ProgressBar(stream)
