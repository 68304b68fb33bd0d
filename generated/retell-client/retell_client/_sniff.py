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
    content is of no known type at all; ``None`` when neither says audio. The longest matching signature wins."""
    best: tuple[int, AudioType] | None = None
    for offset, signatures in _audio_signatures().items():
        for byte_match, matches in signatures.get(head[offset : offset + 1], ()):
            if head[offset : offset + len(byte_match)] != byte_match:
                continue
            for length, row, found in matches:
                if best is not None and length <= best[0]:
                    break
                if row is None or _matches(head, row):
                    best = (length, found)
                    break
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


Match = tuple[int, "PureMagic | None", AudioType]
"""A signature's length, its multi-part row still to compare (``None`` when the header is all of it), its type."""


@functools.cache
def _audio_signatures() -> dict[int, dict[bytes, list[tuple[bytes, list[Match]]]]]:
    """The header signatures that say audio, or that an audio multi-part signature extends, by offset and first
    byte, each with what it may turn out to be, longest first: a file is compared with the few its bytes could
    match."""
    heads, parts = _signature_tables()
    grouped: dict[tuple[int, bytes], list[Match]] = {}
    for row in heads:
        if row.offset < 0 or not row.byte_match:
            continue
        matches = grouped.setdefault((row.offset, row.byte_match), [])
        if (mime := _row_mime(row)) is not None:
            matches.append((len(row.byte_match), None, _audio_type(mime, row)))
        for part in parts.get(row.byte_match, ()):
            if (mime := _row_mime(part)) is not None:
                matches.append((len(row.byte_match) + len(part.byte_match), part, _audio_type(mime, part)))
    index: dict[int, dict[bytes, list[tuple[bytes, list[Match]]]]] = {}
    for (offset, byte_match), matches in grouped.items():
        if matches:
            matches.sort(key=lambda match: -match[0])  # stable: among equal lengths, the table's order
            index.setdefault(offset, {}).setdefault(byte_match[:1], []).append((byte_match, matches))
    return index


def _audio_type(mime: str, row: PureMagic) -> AudioType:
    return AudioType(mime, _EXTENSIONS.get(mime, row.extension or None))


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
