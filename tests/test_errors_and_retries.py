"""Every error class and retry path, with faults injected over real loopback sockets."""

from __future__ import annotations

import io
import logging
import socket
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import retell_client
import vogent_client
from support import RawSocketServer, Respond, RespondAfterCreate, Stall
from support.audio import wav_bytes
from support.drivers import FAKE_KEY, Driver, open_fds_under
from test_clone_voice import Unseekable

WAV = wav_bytes()
HTML = b"<html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>"


@pytest.fixture
def wav_path(tmp_path):
    path = tmp_path / "retry.wav"
    path.write_bytes(WAV)
    return path


def file_parts(request):
    return [part.data for part in request.parts if part.name == "files"]


def test_429_with_retry_after_seconds_is_retried_and_the_file_resent_whole(retell, retell_server, wav_path, tmp_path):
    retell_server.script(Respond(429, json={"status": "error", "message": "slow down"}, headers={"Retry-After": "0"}))
    voice = retell.clone_voice([wav_path, WAV], voice_name="retry-429", voice_provider="elevenlabs")
    assert voice.voice_name == "retry-429"
    assert [file_parts(request) for request in retell_server.requests] == [[WAV, WAV], [WAV, WAV]]
    assert retell_server.created == {"retry-429": 1}
    assert open_fds_under(tmp_path) == []


def test_retry_after_as_an_http_date_is_honoured(retell, retell_server, wav_path):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    retell_server.script(Respond(429, json={"status": "error"}, headers={"Retry-After": when}))
    started = time.monotonic()
    retell.clone_voice([wav_path], voice_name="dated", voice_provider="elevenlabs")
    assert time.monotonic() - started >= 0.9, "an HTTP-date Retry-After 1 to 2 s ahead must delay the retry"
    assert len(retell_server.requests) == 2


def test_503_without_retry_after_backs_off_and_retries(retell, retell_server, wav_path, caplog):
    retell_server.script(Respond(503, body=b"busy", content_type="text/plain"))
    with caplog.at_level(logging.INFO, logger="retell_client"):
        retell.clone_voice([wav_path], voice_name="busy", voice_provider="elevenlabs")
    assert len(retell_server.requests) == 2
    assert "ServiceUnavailable" in caplog.text or "InternalServerError" in caplog.text
    assert "attempt 2 of 3" in caplog.text


def test_a_persistent_429_raises_rate_limit_error_after_max_retries(retell, retell_server, wav_path):
    retell_server.script(
        *[
            Respond(
                429,
                json={"status": "error", "message": "limited"},
                headers={"Retry-After": "0", "x-request-id": "req-42"},
            )
        ]
        * 3
    )
    with pytest.raises(retell_client.RateLimitError) as caught:
        retell.clone_voice([wav_path], voice_name="limited", voice_provider="elevenlabs")
    error = caught.value
    assert (error.status_code, error.message, error.request_id) == (429, "limited", "req-42")
    assert len(retell_server.requests) == 3
    assert retell_server.created == {}


@pytest.mark.parametrize("where", ["call", "client"])
def test_max_retries_zero_disables_retries(retell_server, wav_path, where):
    options = {"max_retries": 0} if where == "client" else {}
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, **options)
    retell_server.script(Respond(429, json={"status": "error"}, headers={"Retry-After": "0"}))
    call_options = {"max_retries": 0} if where == "call" else {}
    with client, pytest.raises(retell_client.RateLimitError):
        client.clone_voice([wav_path], voice_name="once", voice_provider="elevenlabs", **call_options)
    assert len(retell_server.requests) == 1


def test_a_500_after_the_voice_was_created_is_not_retried_by_default(retell, retell_server, wav_path):
    retell_server.script(RespondAfterCreate(500, json={"status": "error", "message": "oops"}))
    with pytest.raises(retell_client.InternalServerError, match="oops"):
        retell.clone_voice([wav_path], voice_name="no-dup", voice_provider="elevenlabs")
    assert len(retell_server.requests) == 1
    assert retell_server.created == {"no-dup": 1}


def test_retrying_a_500_is_opt_in_and_may_duplicate(retell, retell_server, wav_path):
    retell_server.script(RespondAfterCreate(500, json={"status": "error", "message": "oops"}))
    voice = retell.clone_voice([wav_path], voice_name="opt-in", voice_provider="elevenlabs", retry_non_idempotent=True)
    assert voice.voice_name == "opt-in"
    assert retell_server.created == {"opt-in": 2}


def test_a_read_timeout_after_the_upload_is_not_retried(retell_server, wav_path):
    client = retell_client.Retell(
        api_key=FAKE_KEY, base_url=retell_server.base_url, timeout=httpx.Timeout(0.3, connect=2.0)
    )
    retell_server.script(Stall(5))
    with client, pytest.raises(retell_client.APITimeoutError) as caught:
        client.clone_voice([wav_path], voice_name="slow", voice_provider="elevenlabs")
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_retried_because_nothing_was_sent(wav_path, caplog):
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=f"http://127.0.0.1:{free_port()}")
    with (
        caplog.at_level(logging.INFO, logger="retell_client"),
        client,
        pytest.raises(retell_client.APIConnectionError) as caught,
    ):
        client.clone_voice([wav_path], voice_name="refused", voice_provider="elevenlabs")
    assert not caught.value.body_sent
    assert not isinstance(caught.value, retell_client.APITimeoutError)
    assert caplog.text.count("retrying") == 2


def test_an_unrewindable_stream_is_never_resent_empty(retell, retell_server):
    retell_server.script(Respond(429, json={"status": "error"}, headers={"Retry-After": "0"}))
    with pytest.raises(retell_client.StreamNotRewindableError, match=r"files\[0\]") as caught:
        retell.clone_voice([Unseekable(WAV)], voice_name="pipe", voice_provider="elevenlabs")
    assert isinstance(caught.value.__cause__, retell_client.RateLimitError)
    assert len(retell_server.requests) == 1
    assert file_parts(retell_server.requests[0]) == [WAV]


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, retell_client.BadRequestError),
        (401, retell_client.AuthenticationError),
        (402, retell_client.PaymentRequiredError),
        (403, retell_client.PermissionDeniedError),
        (404, retell_client.NotFoundError),
        (422, retell_client.UnprocessableEntityError),
        (418, retell_client.APIStatusError),
        (502, retell_client.InternalServerError),
    ],
)
def test_each_status_raises_its_typed_error_with_message_body_and_request_id(
    retell, retell_server, wav_path, status, error_type
):
    retell_server.script(
        Respond(status, json={"status": "error", "message": f"m{status}"}, headers={"x-request-id": "rid-1"})
    )
    with pytest.raises(error_type) as caught:
        retell.clone_voice([wav_path], voice_name="typed", voice_provider="elevenlabs")
    error = caught.value
    assert type(error) is error_type
    assert isinstance(error, retell_client.APIStatusError) and isinstance(error, retell_client.APIError)
    assert (error.status_code, error.message, error.request_id) == (status, f"m{status}", "rid-1")
    assert f'"message": "m{status}"' in error.body


def test_an_html_body_on_a_documented_status_raises_the_typed_error_with_the_text(retell, retell_server, wav_path):
    retell_server.script(Respond(401, body=HTML, content_type="text/html"))
    with pytest.raises(retell_client.AuthenticationError) as caught:
        retell.clone_voice([wav_path], voice_name="html", voice_provider="elevenlabs")
    assert caught.value.body == HTML.decode()
    assert "502 Bad Gateway" in str(caught.value)
    assert caught.value.data is None


@pytest.mark.parametrize(
    ("replacement", "expected_in_body"),
    [
        ({"json": {"voice_id": "voice-keep", "voice_name": "x", "gender": "male"}}, "voice-keep"),
        ({"body": b'{"voice_id": "voice-keep", "voice_na', "content_type": "application/json"}, "voice-keep"),
        ({"body": HTML, "content_type": "text/html"}, "cloudflare"),
    ],
    ids=["missing-required-field", "truncated-json", "html"],
)
def test_an_unparseable_success_keeps_the_raw_body(retell, retell_server, wav_path, replacement, expected_in_body):
    retell_server.script(RespondAfterCreate(**replacement))
    with pytest.raises(retell_client.ResponseValidationError) as caught:
        retell.clone_voice([wav_path], voice_name="kept", voice_provider="elevenlabs")
    assert expected_in_body in caught.value.body
    assert caught.value.status_code == 201
    assert len(retell_server.requests) == 1
    assert retell_server.created == {"kept": 1}


def test_an_unknown_enum_value_and_unknown_fields_parse_and_round_trip(retell, retell_server, wav_path):
    voice_json = {
        "voice_id": "voice-new",
        "voice_name": "new",
        "provider": "inworld",
        "gender": "nonbinary",
        "accent": "Irish",
        "embedding_version": 3,
    }
    retell_server.script(RespondAfterCreate(json=voice_json))
    voice = retell.clone_voice([wav_path], voice_name="new", voice_provider="elevenlabs")
    assert voice.voice_id == "voice-new"
    assert (voice.provider.value, voice.provider.is_known, voice.gender.value) == ("inworld", False, "nonbinary")
    assert voice.additional_properties == {"embedding_version": 3}
    assert voice.to_dict() == voice_json


def test_vogent_documented_400_and_422_without_schema_raise(vogent, vogent_server):
    vogent_server.script(Respond(400), Respond(422, body=b"Validation exception", content_type="text/plain"))
    with pytest.raises(vogent_client.BadRequestError):
        vogent.clone_voice(WAV, name="v", model="CSM")
    with pytest.raises(vogent_client.UnprocessableEntityError, match="Validation exception"):
        vogent.clone_voice(WAV, name="v", model="CSM")


def test_vogent_retries_a_429_and_rewinds_its_clip(vogent, vogent_server):
    vogent_server.script(Respond(429, headers={"Retry-After": "0"}))
    voice = vogent.clone_voice(io.BytesIO(WAV), name="again", model="CARTESIA")
    assert voice.name == "again"
    clips = [[part.data for part in request.parts if part.name == "clip"] for request in vogent_server.requests]
    assert clips == [[WAV], [WAV]]


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
    ],
    ids=["seconds", "fraction", "negative", "capped", "date-capped", "date-past", "garbage"],
)
def test_retry_after_parsing(header, expected):
    from retell_client._retries import retry_after  # noqa: PLC0415 - a private helper, tested directly

    response = httpx.Response(429, headers={"Retry-After": header})
    assert retry_after(response) == expected
