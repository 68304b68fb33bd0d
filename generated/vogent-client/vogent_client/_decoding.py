"""Reading a response body within bounds: content codings undone with a cap on the output, text decoded safely.

httpx's own decoders inflate without limit (a 1 KiB ``gzip, gzip`` answer can become 256 MiB) and
``Response.text`` trusts any ``charset`` the server names (``rot13``, ``base64_codec``...). The client reads the
bytes as received and decodes them here instead.
"""

from __future__ import annotations

import codecs
import io
import zlib
from email.message import Message

import httpx

_GZIP_WBITS = 16 + zlib.MAX_WBITS


class BodyTooLarge(Exception):
    """The decoded body would exceed the limit."""


class Undecodable(Exception):
    """The body does not decode with the content codings the response declares."""


class _Inflater:
    """One ``gzip`` or ``deflate`` coding. ``deflate`` is read as zlib data, or as raw deflate data when its first
    bytes are not a zlib header: servers send both."""

    def __init__(self, coding: str) -> None:
        self._coding = coding
        self._started = False
        self._inflater = zlib.decompressobj(_GZIP_WBITS if coding == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes, budget: int) -> bytes:
        first, self._started = not self._started, True
        try:
            out = self._inflater.decompress(data, budget + 1)
        except zlib.error as exc:
            if not (first and self._coding == "deflate"):
                raise Undecodable(f"{self._coding}: {exc}") from exc
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.feed(data, budget)
        if len(out) > budget or self._inflater.unconsumed_tail:
            raise BodyTooLarge
        return out

    def finish(self, budget: int) -> bytes:
        try:
            out = self._inflater.flush()
        except zlib.error as exc:
            raise Undecodable(f"{self._coding}: {exc}") from exc
        if len(out) > budget:
            raise BodyTooLarge
        if not self._inflater.eof and self._coding == "gzip":
            raise Undecodable("gzip: the compressed data ends early")
        return out


class BoundedDecoder:
    """Undoes the ``Content-Encoding`` codings of a body fed in chunks, holding at most ``limit`` decoded bytes."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [part.strip().lower() for part in (content_encoding or "").split(",") if part.strip()]
        unknown = [coding for coding in codings if coding not in ("gzip", "x-gzip", "deflate", "identity")]
        if unknown:
            raise Undecodable(f"unsupported content coding {unknown[0]!r}")
        # The last coding applied is the first to undo.
        self._stages = [_Inflater("gzip" if c == "x-gzip" else c) for c in reversed(codings) if c != "identity"]
        self._limit = limit
        # BytesIO hands its buffer over without a copy: a body at the limit is held once, not twice.
        self._out = io.BytesIO()
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        """Decode ``chunk``; :class:`BodyTooLarge` or :class:`Undecodable` when it cannot be."""
        self._push(0, chunk, final=False)

    def partial(self) -> bytes:
        """What was decoded so far."""
        return self._out.getvalue()

    def finish(self) -> bytes:
        """The whole decoded body."""
        self._push(0, b"", final=True)
        return self._out.getvalue()

    def _push(self, index: int, data: bytes, *, final: bool) -> None:
        budget = self._limit - self._size
        if index == len(self._stages):
            if len(data) > budget:
                self._out.write(data[:budget])
                self._size = self._limit
                raise BodyTooLarge
            self._out.write(data)
            self._size += len(data)
            return
        stage = self._stages[index]
        out = stage.feed(data, budget) if data else b""
        if final:
            out += stage.finish(budget - len(out))
        if out or final:
            self._push(index + 1, out, final=final)


_CODING_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


def decoded_response(
    status_code: int, headers: httpx.Headers, content: bytes, request: httpx.Request | None
) -> httpx.Response:
    """A read response holding ``content`` (already decoded) whose headers are ``headers`` as received: built
    without the coding headers, which would make httpx decode the content a second time."""
    uncoded = [(name, value) for name, value in headers.multi_items() if name.lower() not in _CODING_HEADERS]
    response = httpx.Response(status_code, headers=uncoded, content=content, request=request)
    response.headers = headers
    return response


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` value."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None


def is_json(content_type: str | None) -> bool:
    """Whether ``content_type`` names JSON (``application/json`` or a ``+json`` type)."""
    media = (content_type or "").partition(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def safe_text(content: bytes, content_type: str | None) -> str:
    """``content`` as text: JSON as UTF-8 whatever charset is named (RFC 8259 §8.1 and §11: JSON is UTF-8, and a
    charset parameter "has no effect on compliant recipients"); other text in its declared charset when that is a
    real text encoding that decodes, else UTF-8; undecodable bytes replaced. Never raises."""
    charset = None if is_json(content_type) else charset_of(content_type)
    if charset:
        try:
            info = codecs.lookup(charset)
            if getattr(info, "_is_text_encoding", True):
                return content.decode(info.name, errors="replace")
        except Exception:  # noqa: S110 - a codec that misbehaves in any way falls back to UTF-8
            pass
    return content.decode("utf-8", errors="replace")
