"""Synthetic WAV files for the upload benchmarks: a valid RIFF header and a generated tone, written to disk."""

from __future__ import annotations

import math
import struct
from pathlib import Path

SAMPLE_RATE = 16_000
HEADER_BYTES = 44
MIB = 1 << 20


def _tone_second() -> bytes:
    """One second of a 440 Hz tone, 16-bit mono little-endian."""
    samples = (round(12_000 * math.sin(2 * math.pi * 440 * i / SAMPLE_RATE)) for i in range(SAMPLE_RATE))
    return struct.pack(f"<{SAMPLE_RATE}h", *samples)


def _header(data_bytes: int) -> bytes:
    byte_rate = SAMPLE_RATE * 2
    return (
        b"RIFF"
        + struct.pack("<I", HEADER_BYTES - 8 + data_bytes)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, SAMPLE_RATE, byte_rate, 2, 16)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


def write_wav(path: Path, size: int) -> Path:
    """Write a ``size``-byte WAV file (header included) at ``path``, one second of tone at a time."""
    data_bytes = size - HEADER_BYTES
    second = _tone_second()
    with path.open("wb") as out:
        out.write(_header(data_bytes))
        full, rest = divmod(data_bytes, len(second))
        for _ in range(full):
            out.write(second)
        out.write(second[:rest])
    return path


def write_set(directory: Path, count: int, size: int) -> list[Path]:
    """``count`` WAV files of ``size`` bytes each in ``directory`` (created), named ``sample-NN.wav``."""
    directory.mkdir(parents=True, exist_ok=True)
    return [write_wav(directory / f"sample-{index:02d}.wav", size) for index in range(count)]
