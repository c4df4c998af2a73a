"""Pause Python's cycle collector around stages that build millions of acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run a stage without the cycle collector, then freeze what it built.

    Parsing a 35 MB `~/.claude.json` allocates millions of dicts, lists and strings, all
    acyclic: every full collection walks them again for nothing (about a quarter of a
    10,000-server scan). Freezing moves them out of later collections; refcounting still
    frees them when the result is dropped. Live stages (asyncio, the SDK) keep the collector.
    A small scan freezes nothing: the collector simply resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > _FREEZE_ABOVE:
            gc.freeze()
        if was_enabled:
            gc.enable()


_FREEZE_ABOVE = 100_000  # container objects allocated by the stage
