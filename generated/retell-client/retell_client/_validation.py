"""Local checks of the front door's arguments, so a mistake is refused before any byte is sent."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sized

from ._exceptions import InvalidInputError
from ._files import FileInput


def check_text(argument: str, value: object, *, min_length: int, max_length: int | None = None) -> str:
    """``value`` if it is a string whose length is within bounds (whitespace alone counts as empty)."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{argument} must be a string, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(f"{argument} is not valid text: it contains a lone surrogate") from None
    if min_length and not value.strip():
        raise InvalidInputError(f"{argument} must not be empty or blank, got {value!r}")
    if len(value) < min_length or (max_length is not None and len(value) > max_length):
        bounds = f"{min_length} to {max_length}" if max_length is not None else f"at least {min_length}"
        raise InvalidInputError(f"{argument} must have {bounds} characters, got {len(value)}")
    return value


def file_list(argument: str, files: object, *, at_most: int, reason: str) -> list[FileInput]:
    """``files`` as a list of 1 to ``at_most`` inputs; ``reason`` says where the limit comes from."""
    if isinstance(files, str | bytes | tuple) or not isinstance(files, Iterable) or hasattr(files, "read"):
        raise InvalidInputError(f"{argument} must be a list of files; wrap a single file in a list: [file]")
    # One item past the limit is enough to refuse: a generator is never drained, an endless one never hangs.
    items: list[FileInput] = list(itertools.islice(files, at_most + 1))
    count = len(items)
    if not 1 <= count <= at_most:
        allowed = "exactly 1 file" if at_most == 1 else f"1 to {at_most} files"
        got = str(len(files)) if isinstance(files, Sized) else f"more than {at_most}" if count > at_most else str(count)
        raise InvalidInputError(f"{argument}: {reason} takes {allowed}, got {got}")
    return items
