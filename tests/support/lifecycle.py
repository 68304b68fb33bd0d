"""The context-manager protocol shared by the test servers: ``with server:`` starts it and stops it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from types import TracebackType


class Served:
    """A background server with ``start`` and ``stop``; as a context manager it runs for the block's duration."""

    def start(self) -> None:
        """Serve in the background; return once connections are accepted."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving and wait for the background work to end."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
