"""Small audio files for tests: real WAV headers over generated samples."""

from __future__ import annotations

import math
import struct

SAMPLE_RATE = 16_000


def wav_bytes(samples: int = 2_000, *, payload: bytes | None = None) -> bytes:
    """A mono 16-bit PCM WAV of ``samples`` samples of a 440 Hz tone, or with ``payload`` as its data chunk."""
    data = (
        payload
        if payload is not None
        else b"".join(
            struct.pack("<h", int(8_000 * math.sin(2 * math.pi * 440 * i / SAMPLE_RATE))) for i in range(samples)
        )
    )
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(data),
        b"WAVE",
        b"fmt ",
        16,
        1,
        1,
        SAMPLE_RATE,
        SAMPLE_RATE * 2,
        2,
        16,
        b"data",
        len(data),
    )
    return header + data


MP3_BYTES = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(413)
"""An ID3v2 tag followed by an MPEG audio frame header: enough for MIME detection."""

WAV = wav_bytes()
"""The default sample: 2,000 samples of a 440 Hz tone."""
