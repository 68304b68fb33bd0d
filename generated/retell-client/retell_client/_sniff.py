"""Audio type detection from a file's first bytes, with puremagic's signature table.

Only the table's audio signatures are tried first: puremagic's own scan of its whole table costs about 0.2 ms a file,
as much as a small upload itself. The whole table is consulted only for content no audio signature matches: to
describe a refused file, or to make sure content is of no known type before trusting its extension.
"""

from __future__ import annotations

import codecs
import functools
import mimetypes
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from puremagic import PureMagic

_AUDIO_ALIASES = {
    "application/ogg": "audio/ogg",
    "video/webm": "audio/webm",
    "audio/wave": "audio/wav",
    "audio/x-wav": "audio/wav",
}

_EXTENSIONS = {"audio/mpeg": ".mp3"}
"""Extensions for a detected type where puremagic's rows disagree with what the format is called: an MP3 frame is
".mpga" in puremagic 1 and ".mp1" (MPEG Layer I) in puremagic 2."""


class AudioType(NamedTuple):
    """A detected audio type: its MIME type, and the filename extension it implies (``None`` when unknown)."""

    mime_type: str
    extension: str | None


def detect_audio(head: bytes, filename: str | None) -> AudioType | None:
    """The audio type of content starting with ``head``, else the one ``filename``'s extension names when the
    content is of no known type at all; ``None`` when neither says audio."""
    best: tuple[int, AudioType] | None = None
    heads, parts = _audio_signatures()
    for row in heads:
        if not _matches(head, row):
            continue
        found = [(len(row.byte_match), row)]
        found += [(len(row.byte_match) + len(part.byte_match), part) for part in parts.get(row.byte_match, ())]
        for length, match in found:
            mime = _row_mime(match)
            if mime and (best is None or length > best[0]) and (match is row or _matches(head, match)):
                best = (length, AudioType(mime, _EXTENSIONS.get(mime, match.extension or None)))
    if best is not None:
        return best[1]
    if filename and describe(head) is None:
        mime = audio_mime(mimetypes.guess_type(filename)[0])
        if mime:
            return AudioType(mime, None)
    return None


def describe(head: bytes) -> str | None:
    """What content starting with ``head`` looks like (a MIME type, an extension or ``text``), or ``None``."""
    import puremagic  # noqa: PLC0415 - only needed to explain a refusal

    try:
        found = puremagic.magic_string(head)
    except puremagic.PureError:  # puremagic 1.x when nothing matches; 2.x returns no match
        found = []
    if not found:
        return "text" if _looks_like_text(head) else None
    return found[0].mime_type or found[0].extension or None


def audio_mime(mime: str | None) -> str | None:
    """``mime`` normalised, if it is an audio type (Ogg and WebM containers count as audio here)."""
    mime = _AUDIO_ALIASES.get(mime or "", mime)
    return mime if mime and mime.startswith("audio/") else None


@functools.cache
def _audio_signatures() -> tuple[list[PureMagic], dict[bytes, list[PureMagic]]]:
    all_heads, all_parts = _signature_tables()
    parts = {key: [row for row in rows if _row_mime(row)] for key, rows in all_parts.items()}
    parts = {key: rows for key, rows in parts.items() if rows}
    heads = [row for row in all_heads if _row_mime(row) or row.byte_match in parts]
    return heads, parts


def _signature_tables() -> tuple[list[PureMagic], dict[bytes, list[PureMagic]]]:
    """puremagic's header signatures, and its multi-part ones keyed by the header signature they extend.

    puremagic 2 removed the tables from its public API and made public the function that reads them,
    ``puremagic.main.magic_data()`` (it reads the table file again: a few milliseconds, once); 1.x exports the tables
    and keeps that function private.
    """
    import puremagic.main  # noqa: PLC0415 - loaded on the first upload, not with the package

    if hasattr(puremagic.main, "magic_data"):
        heads, _, _, parts = puremagic.main.magic_data()
        return heads, parts
    return puremagic.main.magic_header_array, puremagic.main.multi_part_dict


@functools.cache  # each upload looks at the audio rows' MIME types again; mimetypes takes microseconds per guess
def _row_mime(row: PureMagic) -> str | None:
    return audio_mime(row.mime_type or mimetypes.guess_type(f"x{row.extension}")[0])


def _matches(head: bytes, row: PureMagic) -> bool:
    end = row.offset + len(row.byte_match)
    return bool(row.offset >= 0 and end <= len(head) and head[row.offset : end] == row.byte_match)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True
