"""Python's cycle collector, paused while a handbook is read or its pages are rendered.

CPython's cycle collector runs every few hundred new objects and, now and then, walks every
object made so far. Reading content and rendering pages make objects that nearly all live on
(documents, their positions, models, page texts), so those walks free nothing: at 1,000
content files they took a third of the time of reading them. While paused, reference counting
frees what it always frees; a cycle made meanwhile waits for the first collection after.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (or the function it decorates); a collector
    that someone else paused stays paused."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
