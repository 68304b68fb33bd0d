"""How long a retry waits: the server's ``Retry-After`` (seconds or an HTTP date), else backoff; a wait longer than
the call can afford ends the call at once with the server's ``retry_after``."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import retell_client
from retell_client._headers import retry_after
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
        ("86400", 86400.0),
        (format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True), 0.0),
        ("soon", None),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
    ],
    ids=["seconds", "fraction", "negative", "a-day", "date-past", "garbage", "nan", "inf", "-inf"],
)
def test_retry_after_parsing(header, expected):
    assert retry_after(httpx.Response(429, headers={"Retry-After": header})) == expected


def test_no_retry_after_means_backoff():
    assert retry_after(httpx.Response(429)) is None


def test_retry_after_as_an_http_date_an_hour_ahead_is_an_hour():
    when = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    seconds = retry_after(httpx.Response(429, headers={"Retry-After": when}))
    assert seconds is not None and 3590 <= seconds <= 3600


@pytest.mark.parametrize("asked", ["3600", "21"])
def test_a_wait_longer_than_the_call_affords_ends_the_call_at_once_with_retry_after(
    retell, retell_server, wav_file, asked
):
    retell_server.script(Respond(429, json={"status": "error", "message": "later"}, headers={"Retry-After": asked}))
    started = time.monotonic()
    with pytest.raises(retell_client.RateLimitError) as caught:
        retell.clone_voice([wav_file], voice_name="later", voice_provider="elevenlabs")
    assert time.monotonic() - started < 5, "the call must not sit through a wait over 20 s"
    assert caught.value.retry_after == float(asked)
    assert len(retell_server.requests) == 1


def test_a_wait_past_the_deadline_ends_the_call_at_once(retell, retell_server, wav_file):
    retell_server.script(Respond(503, headers={"Retry-After": "3"}))
    started = time.monotonic()
    with pytest.raises(retell_client.InternalServerError) as caught:
        retell.clone_voice([wav_file], voice_name="late", voice_provider="elevenlabs", deadline=2.0)
    assert time.monotonic() - started < 1.5
    assert caught.value.retry_after == 3.0
    assert len(retell_server.requests) == 1
