"""Answers are read within bounds: content codings undone with a cap on the output (no decompression bomb gets
through), ``max_response_bytes`` and the error-body cap stop reading, charsets that are not text encodings are not
trusted, and the call's deadline ends a stalled call whatever the timeouts say."""

from __future__ import annotations

import gzip
import json
import time
import zlib

import pytest
import retell_client
from support import Respond, RespondAfterCreate, Stall
from support.audio import WAV
from support.drivers import FAKE_KEY
from support.vendors import DOORS, VENDORS

VOICE = {"voice_id": "voice-1", "voice_name": "bounded", "provider": "elevenlabs", "gender": "male"}
VOICE_BYTES = json.dumps(VOICE).encode()
ZEROS = b"\0" * (20 * 1024 * 1024)
"""20 MiB, over the default 16 MiB max_response_bytes, that compress to a few KiB."""


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(VOICE_BYTES)),
        ("x-gzip", gzip.compress(VOICE_BYTES)),
        ("deflate", zlib.compress(VOICE_BYTES)),
        ("deflate", raw_deflate(VOICE_BYTES)),
        ("gzip, gzip", gzip.compress(gzip.compress(VOICE_BYTES))),
        ("identity", VOICE_BYTES),
    ],
    ids=["gzip", "x-gzip", "deflate-zlib", "deflate-raw", "gzip-twice", "identity"],
)
def test_each_content_coding_is_undone(retell, retell_server, encoding, body):
    retell_server.script(
        RespondAfterCreate(body=body, content_type="application/json", headers={"Content-Encoding": encoding})
    )
    voice = retell.clone_voice([WAV], voice_name="bounded", voice_provider="elevenlabs")
    assert voice.to_dict() == VOICE


@pytest.mark.parametrize(
    ("encoding", "bomb"),
    [("gzip", gzip.compress(ZEROS)), ("gzip, gzip", gzip.compress(gzip.compress(ZEROS)))],
    ids=["gzip", "gzip-twice"],
)
def test_a_decompression_bomb_stops_at_max_response_bytes(retell, retell_server, encoding, bomb):
    retell_server.script(
        RespondAfterCreate(body=bomb, content_type="application/json", headers={"Content-Encoding": encoding})
    )
    with pytest.raises(retell_client.ResponseTooLargeError, match=r"over max_response_bytes \(16777216\)") as caught:
        retell.clone_voice([WAV], voice_name="bomb", voice_provider="elevenlabs")
    assert bomb.startswith(caught.value.raw_body) and caught.value.raw_body
    assert retell_server.created == {"bomb": 1}, "the voice exists: the error says so by its type"


@pytest.mark.parametrize("door", DOORS)
def test_max_response_bytes_stops_reading_a_plain_body_there(door, retell_server, drivers):
    body = json.dumps({**VOICE, "padding": "x" * 5000}).encode()
    retell_server.script(RespondAfterCreate(body=body, content_type="application/json"))
    driver = drivers(
        VENDORS["retell"], door, api_key=FAKE_KEY, base_url=retell_server.base_url, max_response_bytes=1000
    )
    with pytest.raises(retell_client.ResponseTooLargeError, match=r"over max_response_bytes \(1000\)") as caught:
        driver.clone_voice([WAV], voice_name="big", voice_provider="elevenlabs")
    assert caught.value.raw_body == body[:1000]


def test_an_error_body_is_read_only_as_far_as_its_message_needs(retell, retell_server):
    retell_server.script(Respond(500, body=b"x" * (1024 * 1024), content_type="text/plain"))
    with pytest.raises(retell_client.InternalServerError) as caught:
        retell.clone_voice([WAV], voice_name="long-error", voice_provider="elevenlabs")
    assert caught.value.raw_body == b"x" * (64 * 1024)
    assert caught.value.body.endswith("[cut: the body is longer than 65536 bytes, and reading stopped there]")


@pytest.mark.parametrize("charset", ["rot13", "base64_codec", "no-such-codec"])
def test_a_charset_that_is_not_a_text_encoding_is_not_trusted(retell, retell_server, charset):
    retell_server.script(Respond(400, body=b"bad voice \xff name", content_type=f"text/plain; charset={charset}"))
    with pytest.raises(retell_client.BadRequestError) as caught:
        retell.clone_voice([WAV], voice_name="charset", voice_provider="elevenlabs")
    assert caught.value.body == "bad voice \ufffd name", "read as UTF-8, the undecodable byte replaced"


def test_a_gzip_body_that_ends_early_is_undecodable(retell, retell_server):
    cut = gzip.compress(VOICE_BYTES)[:-12]
    retell_server.script(
        RespondAfterCreate(body=cut, content_type="application/json", headers={"Content-Encoding": "gzip"})
    )
    with pytest.raises(retell_client.ResponseValidationError, match="ends early") as caught:
        retell.clone_voice([WAV], voice_name="cut", voice_provider="elevenlabs")
    assert caught.value.raw_body == cut


def test_the_deadline_ends_a_stalled_call_however_long_the_timeouts(retell, retell_server):
    retell_server.script(Stall(3))
    started = time.monotonic()
    with pytest.raises(retell_client.APITimeoutError) as caught:
        retell.clone_voice([WAV], voice_name="late", voice_provider="elevenlabs", deadline=0.5, timeout=60.0)
    assert time.monotonic() - started < 2.0
    assert caught.value.body_sent
