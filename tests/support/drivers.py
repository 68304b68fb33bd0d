"""Driving the sync and async front doors through one interface, so every behaviour is tested on both."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

FAKE_KEY = "sk-test-CANARY-5f3a9c"
"""A recognisable fake API key: tests assert it never shows up where it should not."""


class Driver:
    """One front-door client, sync or async, whose ``clone_voice`` is called as if it were synchronous."""

    def __init__(self, client_type: type[Any], **options: Any) -> None:
        self.client = client_type(**options)
        self.is_async = asyncio.iscoroutinefunction(client_type.clone_voice)
        self._loop = asyncio.new_event_loop() if self.is_async else None

    def clone_voice(self, *args: Any, **kwargs: Any) -> Any:
        """Call the client's ``clone_voice`` and return its result, awaiting it for the async client."""
        if self._loop is None:
            return self.client.clone_voice(*args, **kwargs)
        return self._loop.run_until_complete(self.client.clone_voice(*args, **kwargs))

    def close(self) -> None:
        """Release the client's connections, and the event loop of an async one."""
        if self._loop is None:
            self.client.close()
            return
        self._loop.run_until_complete(self.client.aclose())
        # As asyncio.run() does: let async generators that were dropped mid-iteration (httpcore's, when a call stops
        # reading an answer early) finish their aclose() before the loop goes.
        self._loop.run_until_complete(asyncio.sleep(0))
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        self._loop.close()


def open_fds_under(directory: Path) -> list[str]:
    """Paths under ``directory`` that this process holds open."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(directory)):
            found.append(target)
    return found


def counting(calls: list[tuple[int, int | None]]) -> Callable[[int, int | None], None]:
    """An ``on_progress`` callback that records its calls into ``calls``."""
    return lambda sent, total: calls.append((sent, total))
