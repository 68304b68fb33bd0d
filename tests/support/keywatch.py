"""The key watch: every log record collected at DEBUG, and every rendering of what a test saw, checked for the key."""

from __future__ import annotations

import logging
import pickle
import traceback
from collections.abc import Iterator

from .drivers import FAKE_KEY

SERVER_LOGGERS = ("connexion", "uvicorn", "starlette", "python_multipart")
"""The loopback test servers' own loggers, kept at WARNING: what is under watch is the client's side."""
CLIENT_LOGGERS = ("httpx", "httpcore", "retell_client", "vogent_client")
"""The loggers a client call goes through, set to DEBUG under the watch."""


def renderings(thing: object) -> Iterator[tuple[str, str]]:
    """Every way ``thing`` may be shown to a person or written out: str, repr and, for an exception, its formatted
    traceback (causes included), the reprs of its attributes, request and response, and its pickle."""
    yield "str", str(thing)
    yield "repr", repr(thing)
    if isinstance(thing, BaseException):
        yield "traceback", "".join(traceback.format_exception(thing))
        yield "attributes", repr(vars(thing))
        yield "pickle", pickle.dumps(thing).decode("latin-1")
        for name in ("request", "response"):
            if (part := getattr(thing, name, None)) is not None:
                yield name, repr(part)
                yield f"{name} headers", repr(part.headers)


class KeyWatch:
    """Collects every log record at DEBUG and checks that neither the records nor what a test hands to ``check``
    show ``key``."""

    def __init__(self, key: str = FAKE_KEY) -> None:
        self.key = key
        self.records: list[logging.LogRecord] = []

    def check(self, *things: object) -> None:
        """Fail if any rendering of any of ``things`` shows the key."""
        for thing in things:
            for how, text in renderings(thing):
                assert self.key not in text, f"the API key shows in the {how} of {type(thing).__name__}: {text}"

    def leaking_records(self) -> list[str]:
        """The records captured so far whose message, arguments or traceback show the key."""
        formatter = logging.Formatter()
        leaks = []
        for record in self.records:
            text = f"{record.getMessage()} {record.args!r}"
            if record.exc_info:
                text += formatter.formatException(record.exc_info)
            if self.key in text:
                leaks.append(f"{record.name}: {text}")
        return leaks


class Collecting(logging.Handler):
    """A handler that keeps every record it sees in ``into``."""

    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self._into = into

    def emit(self, record: logging.LogRecord) -> None:
        self._into.append(record)
