"""Keeping the API key out of everything a caller can see: messages, bodies, causes, pickles and log records.

Redaction replaces only whole occurrences of the key: an occurrence joined to a letter, a digit, ``_`` or ``-`` on
either side is part of a longer word, not the key, so even a short key never rewrites unrelated text
(``voice_id`` stays ``voice_id`` for the key ``voice``). Real keys are long random tokens, where this never matters.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterable

from ._constants import REDACTED

_KEY_CHAR = r"A-Za-z0-9_\-"

LOGGERS = ("httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy", "httpcore.socks")
"""The third-party loggers a request goes through. A filter on a logger sees only the records logged on it, not
on its children, so each is named."""

_lock = threading.Lock()
_keys: set[str] = set()
_patterns: dict[str, re.Pattern[str]] = {}


def _pattern(secret: str) -> re.Pattern[str]:
    pattern = _patterns.get(secret)
    if pattern is None:
        pattern = re.compile(rf"(?<![{_KEY_CHAR}]){re.escape(secret)}(?![{_KEY_CHAR}])")
        _patterns[secret] = pattern
    return pattern


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every whole occurrence of each secret replaced by ``[redacted]``."""
    for secret in secrets:
        if secret and secret in text:
            text = _pattern(secret).sub(REDACTED, text)
    return text


def redact_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    """``data`` with every whole occurrence of each (ASCII) secret replaced by ``[redacted]``."""
    for secret in secrets:
        encoded = secret.encode("ascii", errors="ignore")
        if encoded and encoded in data:
            pattern = re.compile(rb"(?<![A-Za-z0-9_\-])" + re.escape(encoded) + rb"(?![A-Za-z0-9_\-])")
            data = pattern.sub(REDACTED.encode(), data)
    return data


def contains(text: str, secrets: Iterable[str]) -> bool:
    """Whether ``text`` holds a whole occurrence of any of ``secrets``."""
    return any(secret and secret in text and _pattern(secret).search(text) for secret in secrets)


def active_keys() -> frozenset[str]:
    """The keys of every client made in this process, which the log filter hides."""
    with _lock:
        return frozenset(_keys)


def register(secret: str) -> None:
    """Hide ``secret`` from the records of our logger and of httpx's and httpcore's from now on."""
    with _lock:
        _keys.add(secret)
        _install_filters()


class RedactingFilter(logging.Filter):
    """Rewrites a record whose message, or formatted exception, shows a registered key."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record`` in place; never drops it."""
        keys = active_keys()
        message = record.getMessage()
        if contains(message, keys):
            record.msg, record.args = redact(message, keys), None
        if record.exc_info and record.exc_info[1] is not None:
            redact_exception(record.exc_info[1], keys)
        if record.exc_text and contains(record.exc_text, keys):
            record.exc_text = redact(record.exc_text, keys)
        return True


_FILTER = RedactingFilter()


def _install_filters() -> None:
    package_logger = __name__.rpartition(".")[0]
    for name in (package_logger, *LOGGERS):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def redact_exception(error: BaseException, secrets: Iterable[str]) -> None:
    """Redact the string arguments of ``error`` and of every exception chained to it (causes and contexts), and
    the fields of those that know how (``_redact_fields(keys)``, as the package's own errors do)."""
    keys = tuple(secrets)
    seen: set[int] = set()
    current: BaseException | None = error
    pending: list[BaseException] = []
    while current is not None or pending:
        if current is None:
            current = pending.pop()
        if id(current) in seen:
            current = None
            continue
        seen.add(id(current))
        with contextlib.suppress(AttributeError, TypeError):
            current.args = tuple(redact(arg, keys) if isinstance(arg, str) else arg for arg in current.args)
        redact_fields = getattr(current, "_redact_fields", None)
        if callable(redact_fields):
            redact_fields(keys)
        if current.__context__ is not None and current.__context__ is not current.__cause__:
            pending.append(current.__context__)
        current = current.__cause__
