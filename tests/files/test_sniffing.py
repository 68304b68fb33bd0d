"""The MIME type of each file part: from its first bytes, then its extension; a caller-given type wins."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("head", "content_type", "filename"),
    [
        (b"fLaC\x00\x00\x00\x22" + bytes(100), "audio/flac", "audio.flac"),
        (b"OggS\x00\x02" + bytes(100), "audio/ogg", "audio.ogg"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + bytes(100), "audio/mp4", "audio.m4a"),
        (b"FORM\x00\x00\x00\x00AIFFCOMM" + bytes(100), "audio/x-aiff", "audio.aiff"),
        (b"\xff\xfb\x90\x64" + bytes(300), "audio/mpeg", "audio.mp3"),
        (bytes(range(1, 200)) * 3, "audio/wav", "raw.wav"),
    ],
    ids=["flac", "ogg", "m4a", "aiff", "mp3-frame", "unknown-bytes-named-wav"],
)
def test_the_mime_type_comes_from_the_first_bytes_then_the_extension(
    retell, retell_server, head, content_type, filename
):
    value = ("raw.wav", head) if filename == "raw.wav" else head
    retell.clone_voice([value], voice_name="formats", voice_provider="elevenlabs")
    (part,) = [part for part in retell_server.requests[0].parts if part.name == "files"]
    assert (part.content_type, part.filename) == (content_type, filename)
