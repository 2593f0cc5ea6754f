"""Keep Python's full garbage collections off the editor's path in ``serve``.

A preview session holds the whole site model (about 800,000 objects on a 7,000-page
site). A full collection walks all of them (0.4 s there), and CPython starts one on its
own every few rebuilds, inside whichever rebuild crosses its threshold: a one-page edit
then takes 0.5 s, not 0.1 s. So after each build what survives is frozen
(``gc.freeze``: automatic collections skip it), and the full collection runs when the
editor pauses, with everything unfrozen so the old site models' cycles are freed.
"""

from __future__ import annotations

import gc


class QuietHeap:
    def __init__(self) -> None:
        self.due = False
        self.collections = 0
        """Full collections run while idle (for tests)."""

    def after_build(self) -> None:
        """Freeze what the build left: the next rebuild's collections skip it."""
        gc.freeze()
        self.due = True

    def when_idle(self) -> None:
        """Free what earlier builds left behind, once per build, between edits."""
        if not self.due:
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.due = False
        self.collections += 1

    def close(self) -> None:
        gc.unfreeze()
        self.due = False
