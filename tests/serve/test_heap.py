"""serve's garbage collection policy: survivors frozen after a build, freed when idle."""

from __future__ import annotations

import gc
import weakref

from generator.serve.heap import QuietHeap


class _Node:
    def __init__(self) -> None:
        self.itself = self  # a cycle: only the cyclic collector frees it


def test_a_cycle_left_by_a_build_is_freed_when_the_editor_pauses() -> None:
    heap = QuietHeap()
    try:
        node = _Node()
        alive = weakref.ref(node)
        heap.after_build()
        assert heap.due and gc.get_freeze_count() > 0
        del node
        gc.collect()  # what CPython runs on its own during the next rebuild
        assert alive() is not None, "a frozen object was scanned by a collection"
        heap.when_idle()
        assert alive() is None
        assert (heap.due, heap.collections) == (False, 1) and gc.get_freeze_count() > 0
        heap.when_idle()  # nothing built since: nothing to do
        assert heap.collections == 1
    finally:
        heap.close()
    assert gc.get_freeze_count() == 0
