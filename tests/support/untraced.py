"""Running a block without coverage measurement, for the load test: 4,000 calls traced line by line would triple the
suite's time under coverage while covering nothing the fault matrix does not."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def untraced() -> Iterator[None]:
    """Pause the coverage measurement of this process (if any) for the block."""
    try:
        from coverage import Coverage  # noqa: PLC0415 - only when measuring
    except ImportError:
        yield
        return
    current = Coverage.current()
    if current is None:
        yield
        return
    current.stop()
    try:
        yield
    finally:
        current.start()
