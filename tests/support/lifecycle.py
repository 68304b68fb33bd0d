"""The context-manager protocol shared by the test servers (``with server:`` starts it and stops it), and the accept
loop of the servers that speak below HTTP."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, ParamSpec, Self, TypeVar

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


S = TypeVar("S", bound=Served)
P = ParamSpec("P")


def started_until_teardown(make: Callable[P, S]) -> Iterator[Callable[P, S]]:
    """For a fixture to ``yield from``: a function that makes a server with ``make``'s arguments, starts it and
    returns it; every server it started is stopped at the fixture's teardown."""
    with contextlib.ExitStack() as started:

        def start(*args: P.args, **kwargs: P.kwargs) -> S:
            server = make(*args, **kwargs)
            started.enter_context(server)
            return server

        yield start


class AcceptLoop(Served):
    """A listening socket on ``127.0.0.1`` whose connections a background thread hands, one at a time, to
    ``handle``; the connection is closed after it returns. ``connections`` counts those accepted."""

    ACCEPT_POLL_S = 0.05
    STOP_TIMEOUT_S = 5.0

    def __init__(self, name: str) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(self.ACCEPT_POLL_S)
        self.port: int = self._listener.getsockname()[1]
        self.connections = 0
        """Connections accepted so far."""
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)

    def handle(self, connection: socket.socket) -> None:
        """Serve one accepted connection."""
        raise NotImplementedError

    def start(self) -> None:
        """Accept connections in the background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, wait for the thread and close the listening socket."""
        self._stopping.set()
        self._thread.join(self.STOP_TIMEOUT_S)
        if self._thread.is_alive():
            raise RuntimeError(f"{self._thread.name} did not stop")
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with connection:
                self.handle(connection)
