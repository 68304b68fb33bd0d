"""Which failures are retried and which are not: safe retries by default (429, 503, connections that sent nothing),
the rest only with ``retry_non_idempotent``, and never a duplicate voice without it."""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import httpx
import pytest
import retell_client
from support import RawSocketServer, Respond, RespondAfterCreate, Stall
from support.audio import WAV, wav_bytes
from support.drivers import FAKE_KEY, Driver, open_fds_under
from support.http_servers import closed_port

RETRY_LOG = re.compile(r"^cloneVoice failed \((\w+)\); retrying in (\d+\.\d\d) s \(attempt (\d) of (\d)\)$")


def file_parts(request):
    return [part.data for part in request.parts if part.name == "files"]


def retry_records(caplog: pytest.LogCaptureFixture) -> list[tuple[str, float, int, int]]:
    """The package's retry announcements, parsed: (error class, wait in seconds, next attempt, attempts)."""
    found = []
    for record in caplog.records:
        if record.name == "retell_client" and (match := RETRY_LOG.match(record.getMessage())):
            found.append((match[1], float(match[2]), int(match[3]), int(match[4])))
    return found


def test_429_with_retry_after_seconds_is_retried_and_the_file_resent_whole(retell, retell_server, wav_file, tmp_path):
    retell_server.script(Respond(429, json={"status": "error", "message": "slow down"}, headers={"Retry-After": "0"}))
    voice = retell.clone_voice([wav_file, WAV], voice_name="retry-429", voice_provider="elevenlabs")
    assert voice.voice_name == "retry-429"
    assert [file_parts(request) for request in retell_server.requests] == [[WAV, WAV], [WAV, WAV]]
    assert retell_server.created == {"retry-429": 1}
    assert open_fds_under(tmp_path) == []


def test_503_without_retry_after_backs_off_about_half_a_second_and_retries(retell, retell_server, wav_file, caplog):
    retell_server.script(Respond(503, body=b"busy", content_type="text/plain"))
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="retell_client"):
        retell.clone_voice([wav_file], voice_name="busy", voice_provider="elevenlabs")
    elapsed = time.monotonic() - started
    assert len(retell_server.requests) == 2
    ((error, wait, attempt, attempts),) = retry_records(caplog)
    assert (error, attempt, attempts) == ("InternalServerError", 2, 3)
    assert 0.37 <= wait <= 0.5, "the first backoff is 0.5 s less up to 25% jitter"
    assert elapsed >= 0.37


def test_a_persistent_429_raises_rate_limit_error_after_max_retries(retell, retell_server, wav_file, caplog):
    limited = Respond(
        429, json={"status": "error", "message": "limited"}, headers={"Retry-After": "0", "x-request-id": "req-42"}
    )
    retell_server.script(limited, limited, limited)
    with caplog.at_level(logging.INFO, logger="retell_client"), pytest.raises(retell_client.RateLimitError) as caught:
        retell.clone_voice([wav_file], voice_name="limited", voice_provider="elevenlabs")
    error = caught.value
    assert (error.status_code, error.message, error.request_id) == (429, "limited", "req-42")
    assert len(retell_server.requests) == 3
    assert retell_server.created == {}
    assert retry_records(caplog) == [("RateLimitError", 0.0, 2, 3), ("RateLimitError", 0.0, 3, 3)]


@pytest.mark.parametrize("where", ["call", "client"])
def test_max_retries_zero_disables_retries(retell_server, wav_file, where):
    options: dict[str, Any] = {"max_retries": 0} if where == "client" else {}
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, **options)
    retell_server.script(Respond(429, json={"status": "error"}, headers={"Retry-After": "0"}))
    call_options: dict[str, Any] = {"max_retries": 0} if where == "call" else {}
    with client, pytest.raises(retell_client.RateLimitError):
        client.clone_voice([wav_file], voice_name="once", voice_provider="elevenlabs", **call_options)
    assert len(retell_server.requests) == 1


@pytest.mark.parametrize("status", [500, 502, 408, 409])
def test_a_status_after_which_the_voice_may_exist_is_not_retried_by_default(retell, retell_server, wav_file, status):
    retell_server.script(RespondAfterCreate(status, json={"status": "error", "message": "oops"}))
    with pytest.raises(retell_client.APIStatusError, match="oops") as caught:
        retell.clone_voice([wav_file], voice_name="no-dup", voice_provider="elevenlabs")
    assert caught.value.status_code == status
    assert len(retell_server.requests) == 1
    assert retell_server.created == {"no-dup": 1}


@pytest.mark.parametrize("status", [500, 502, 408, 409])
def test_retrying_it_is_opt_in_and_may_duplicate(retell, retell_server, wav_file, status):
    retell_server.script(RespondAfterCreate(status, json={"status": "error", "message": "oops"}))
    voice = retell.clone_voice(
        [wav_file], voice_name="opt-in", voice_provider="elevenlabs", retry_non_idempotent=True, max_retries=1
    )
    assert voice.voice_name == "opt-in"
    assert retell_server.created == {"opt-in": 2}


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_a_client_error_is_not_retried_even_when_opted_in(retell, retell_server, wav_file, status):
    retell_server.script(*[Respond(status, json={"status": "error", "message": "no"})] * 2)
    with pytest.raises(retell_client.APIStatusError):
        retell.clone_voice(
            [wav_file], voice_name="client-error", voice_provider="elevenlabs", retry_non_idempotent=True
        )
    assert len(retell_server.requests) == 1


def test_a_read_timeout_after_the_upload_is_not_retried(retell_server, wav_file):
    client = retell_client.Retell(
        api_key=FAKE_KEY, base_url=retell_server.base_url, timeout=httpx.Timeout(0.3, connect=2.0)
    )
    retell_server.script(Stall(5))
    with client, pytest.raises(retell_client.APITimeoutError) as caught:
        client.clone_voice([wav_file], voice_name="slow", voice_provider="elevenlabs")
    assert caught.value.body_sent
    assert isinstance(caught.value, retell_client.APIConnectionError)
    assert len(retell_server.requests) == 1
    assert retell_server.created == {"slow": 1}


@pytest.mark.parametrize("client_type", [retell_client.Retell, retell_client.AsyncRetell])
def test_a_connection_reset_mid_upload_is_a_connection_error_and_not_retried(client_type, tmp_path):
    big = tmp_path / "big.wav"
    big.write_bytes(wav_bytes(payload=bytes(2_000_000)))
    with RawSocketServer() as server:
        server.reset_after(50_000)
        driver = Driver(client_type, api_key=FAKE_KEY, base_url=server.base_url)
        with pytest.raises(retell_client.APIConnectionError) as caught:
            driver.clone_voice([big], voice_name="reset", voice_provider="elevenlabs")
        driver.close()
    assert caught.value.body_sent
    assert server.connections == 1
    assert open_fds_under(tmp_path) == []


def test_a_refused_connection_is_retried_because_nothing_was_sent(wav_file, caplog):
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=f"http://127.0.0.1:{closed_port()}")
    with (
        caplog.at_level(logging.INFO, logger="retell_client"),
        client,
        pytest.raises(retell_client.APIConnectionError) as caught,
    ):
        client.clone_voice([wav_file], voice_name="refused", voice_provider="elevenlabs")
    assert not caught.value.body_sent
    assert type(caught.value) is retell_client.APIConnectionError
    assert [(error, attempt) for error, _, attempt, _ in retry_records(caplog)] == [
        ("APIConnectionError", 2),
        ("APIConnectionError", 3),
    ]
