"""``with_raw_response``: the status, headers, request id and elapsed time of a successful call, and ``parse()``
without reading the body twice; errors are still raised as typed errors."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import retell_client
import vogent_client
from support import RespondAfterCreate, SpecServer
from support.audio import wav_bytes
from support.drivers import FAKE_KEY
from support.running import Runner


def test_a_raw_response_carries_the_answer_and_parses_once(
    retell_type: type[Any], retell_server: SpecServer, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    retell_server.script(RespondAfterCreate(headers={"X-Request-Id": "req-42"}))
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    raw = run(client.with_raw_response.clone_voice([wav_bytes()], voice_name="raw", voice_provider="elevenlabs"))
    assert isinstance(raw, retell_client.APIResponse)
    assert raw.status_code == 201
    assert raw.request_id == "req-42"
    assert raw.headers["content-type"].startswith("application/json")
    assert isinstance(raw.elapsed, datetime.timedelta) and raw.elapsed.total_seconds() > 0
    assert raw.retries_taken == 0
    assert raw.json()["voice_name"] == "raw"
    assert raw.http_request.headers["authorization"] == "[redacted]"
    reads: list[int] = []
    original = type(raw.http_response).json

    def counted(self: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return original(self, **kwargs)

    monkeypatch.setattr(type(raw.http_response), "json", counted)
    voice = raw.parse()
    assert raw.parse() is voice
    assert isinstance(voice, retell_client.VoiceResponse) and voice.voice_name == "raw"
    # The generated sync_detailed parsed the body once, as the answer arrived: parse() reads it no more.
    assert len(reads) == 0
    assert retell_server.created == {"raw": 1}
    run.close(client)


def test_a_raw_response_counts_the_retries_it_took(
    retell_type: type[Any], retell_server: SpecServer, run: Runner
) -> None:
    from support import Respond  # noqa: PLC0415

    retell_server.script(Respond(503, headers={"Retry-After": "0"}))
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    raw = run(client.with_raw_response.clone_voice([wav_bytes()], voice_name="again", voice_provider="elevenlabs"))
    assert (raw.status_code, raw.retries_taken) == (201, 1)
    run.close(client)


def test_a_raw_call_still_raises_typed_errors(retell_type: type[Any], retell_server: SpecServer, run: Runner) -> None:
    from support import Respond  # noqa: PLC0415

    retell_server.script(Respond(402, json={"status": "error", "message": "out of credits"}))
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    with pytest.raises(retell_client.PaymentRequiredError, match="out of credits"):
        run(client.with_raw_response.clone_voice([wav_bytes()], voice_name="n", voice_provider="elevenlabs"))
    run.close(client)


def test_a_raw_response_whose_body_does_not_parse_raises_on_parse_keeping_the_body(
    retell_type: type[Any], retell_server: SpecServer, run: Runner
) -> None:
    retell_server.script(RespondAfterCreate(json={"voice_id": 5}))
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    raw = run(client.with_raw_response.clone_voice([wav_bytes()], voice_name="odd", voice_provider="elevenlabs"))
    with pytest.raises(retell_client.ResponseValidationError) as caught:
        raw.parse()
    assert caught.value.data == {"voice_id": 5}
    run.close(client)


@pytest.mark.parametrize("door", [vogent_client.Vogent, vogent_client.AsyncVogent])
def test_vogent_has_raw_responses_too(door: type[Any], vogent_server: SpecServer, run: Runner) -> None:
    client = door(api_key=FAKE_KEY, base_url=vogent_server.base_url)
    raw = run(client.with_raw_response.clone_voice(wav_bytes(), name="raw", model="CSM"))
    assert 200 <= raw.status_code < 300
    assert raw.parse().name == "raw"
    run.close(client)
