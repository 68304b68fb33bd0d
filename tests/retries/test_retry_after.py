"""How long a retry waits: the server's ``Retry-After`` (seconds or an HTTP date, capped at 60 s), else backoff."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from retell_client._retries import retry_after
from support import Respond


def test_retry_after_as_an_http_date_is_honoured(retell, retell_server, wav_file):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    retell_server.script(Respond(429, json={"status": "error"}, headers={"Retry-After": when}))
    started = time.monotonic()
    retell.clone_voice([wav_file], voice_name="dated", voice_provider="elevenlabs")
    assert time.monotonic() - started >= 0.9, "an HTTP-date Retry-After 1 to 2 s ahead must delay the retry"
    assert len(retell_server.requests) == 2


def test_retry_after_seconds_are_waited_for(retell, retell_server, wav_file):
    retell_server.script(Respond(503, headers={"Retry-After": "0.6"}))
    started = time.monotonic()
    retell.clone_voice([wav_file], voice_name="waited", voice_provider="elevenlabs")
    assert time.monotonic() - started >= 0.6
    assert len(retell_server.requests) == 2


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("3", 3.0),
        ("0.5", 0.5),
        ("-4", 0.0),
        ("86400", 60.0),
        (format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True), 60.0),
        (format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True), 0.0),
        ("soon", None),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
    ],
    ids=["seconds", "fraction", "negative", "capped", "date-capped", "date-past", "garbage", "nan", "inf", "-inf"],
)
def test_retry_after_parsing(header, expected):
    assert retry_after(httpx.Response(429, headers={"Retry-After": header})) == expected


def test_no_retry_after_means_backoff():
    assert retry_after(httpx.Response(429)) is None
