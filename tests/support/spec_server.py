"""A vendor's spec-validating HTTP server on a real loopback socket, run by uvicorn in a background thread."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import TYPE_CHECKING, Any, cast

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .app import base_path, build_app, load_spec
from .lifecycle import Served
from .middleware import ScriptedRecorder
from .voices import VoiceStore

if TYPE_CHECKING:
    from collections import Counter

    from .actions import Action
    from .recording import RecordedRequest
    from .voices import Accepted

_START_TIMEOUT = 5.0
_STOP_TIMEOUT = 5.0


class SpecServer(Served):
    """The ``retell`` or ``vogent`` API as its vendored spec describes it, served on ``127.0.0.1``.

    Requests go through a recorder (``requests``), then the script (``script``), then connexion's strict
    validation and the handler (``accepted``, ``created``). Use it as a context manager, or ``start``/``stop``.
    """

    def __init__(self, vendor: str) -> None:
        spec = load_spec(vendor)
        self._store = VoiceStore()
        self._recorder = ScriptedRecorder(build_app(vendor, spec, self._store))
        self._accepts = _AcceptCounter()
        self._socket = socket.create_server(("127.0.0.1", 0))
        host, port = self._socket.getsockname()
        self.base_url = f"http://{host}:{port}{base_path(spec)}"
        """Where the spec's server URL points, e.g. ``http://127.0.0.1:PORT/api`` for Vogent."""
        config = uvicorn.Config(
            self._recorder,
            http=cast("type[asyncio.Protocol]", self._accepts),
            lifespan="off",
            log_config=None,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name=f"{vendor}-spec-server", daemon=True)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request that reached the server, valid or not, in arrival order."""
        return self._recorder.requests

    @property
    def accepted(self) -> list[Accepted]:
        """The requests that passed validation and reached the handler, as the handler saw them."""
        return self._store.accepted

    @property
    def created(self) -> Counter[str]:
        """Voices created, per voice name: a count above 1 means a duplicate."""
        return self._store.created

    @property
    def connections(self) -> int:
        """TCP connections accepted since the last reset."""
        return self._accepts.count

    @property
    def pending(self) -> int:
        """Scripted actions no request has consumed yet."""
        return len(self._recorder.actions)

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> None:
        """Wait until ``count`` requests were recorded: a request the client abandoned mid-upload is recorded only
        when the server sees the connection end, which may come after the client's call returned."""
        ends = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > ends:
                raise AssertionError(f"{count} request(s) expected, {len(self.requests)} recorded in {timeout} s")
            time.sleep(0.01)

    def script(self, *actions: Action) -> None:
        """Queue ``actions``, one per incoming request in arrival order, before the default behaviour resumes."""
        self._recorder.actions.extend(actions)

    def reset(self) -> None:
        """End stalls in progress and forget recorded requests, creations, connections and the script."""
        self._release_stalls()
        self._recorder.actions.clear()
        self._recorder.requests.clear()
        self._store.reset()
        self._accepts.count = 0

    def start(self) -> None:
        """Serve in the background; return once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{self._thread.name} failed to start")
            time.sleep(0.005)

    def stop(self) -> None:
        """End stalls, close connections and the socket, and wait for the server thread to finish."""
        self._release_stalls()
        self._server.should_exit = True
        self._thread.join(_STOP_TIMEOUT)
        if self._thread.is_alive():
            raise RuntimeError(f"{self._thread.name} did not stop")

    def _serve(self) -> None:
        try:
            self._loop.run_until_complete(self._server.serve(sockets=[self._socket]))
        finally:
            self._loop.close()
            self._socket.close()

    def _release_stalls(self) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._recorder.release_stalls)


class _AcceptCounter:
    """uvicorn's protocol factory, called once per accepted connection: counts, then builds an H11Protocol."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, **kwargs: Any) -> H11Protocol:
        self.count += 1
        return H11Protocol(**kwargs)
