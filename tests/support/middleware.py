"""The raw ASGI layer in front of connexion: records every request, then plays the script or passes it on."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import TYPE_CHECKING

from .actions import Action, Reply, Respond, RespondAfterCreate, Stall
from .recording import RecordedRequest

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ScriptedRecorder:
    """ASGI middleware: reads and records each HTTP request whole, then answers it as the next action says.

    With no action queued the request goes to ``app`` (connexion), which validates it and runs the handler.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self.requests: list[RecordedRequest] = []
        self.actions: deque[Action] = deque()
        self._release = asyncio.Event()

    def release_stalls(self) -> None:
        """End every stall in progress now. Call it on the server's event loop."""
        self._release.set()
        self._release = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI scope: an HTTP request is recorded and answered, anything else passes through."""
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        action = self.actions.popleft() if self.actions else None
        read_body = not isinstance(action, Respond) or action.read_body
        body, complete = await _read_body(receive) if read_body else (b"", False)
        self.requests.append(RecordedRequest.from_scope(scope, body, complete=complete))
        if read_body and not complete:
            return  # the client went away mid-upload: nobody to answer
        receive = _replay(body, receive)
        scope = _with_content_length(scope, body)
        if action is None:
            await self._app(scope, receive, send)
        elif isinstance(action, Stall):
            reply = await self._reply(action.then, scope, receive)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), action.seconds)
            await _send(send, reply)
        else:
            await _send(send, await self._reply(action, scope, receive))

    async def _reply(self, action: Respond | RespondAfterCreate, scope: Scope, receive: Receive) -> Reply:
        if isinstance(action, Respond):
            return action.reply()
        return action.over(await _capture(self._app, scope, receive))


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The request body, and whether it arrived whole (False: the client disconnected first)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), False
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _with_content_length(scope: Scope, body: bytes) -> Scope:
    """``scope`` with a Content-Length for a chunked body: connexion takes a body without one for a missing body."""
    headers = [
        (name, value) for name, value in scope["headers"] if name not in (b"content-length", b"transfer-encoding")
    ]
    return {**scope, "headers": [*headers, (b"content-length", str(len(body)).encode())]}


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that yields the already-read ``body`` once, then defers to the connection's own."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> Reply:
    """Run ``app`` on the request and return its response instead of sending it."""
    start: Message = {}
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in start.get("headers", [])}
    headers.pop("content-length", None)
    return Reply(start["status"], headers, b"".join(chunks))


async def _send(send: Send, reply: Reply) -> None:
    fields = {"content-length": str(len(reply.body)), **reply.headers}
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in fields.items()]
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body})
