"""What real voice vendors' specs have that ours did not, from ``constructs.yaml``'s ``speech`` operations, through
the generated functions with a front door as their client: binary audio answers (as ``File``, within the response
bound), ``Accept`` from what each operation documents, the key where each operation's security puts it (its own
API-key header, or none), camelCase path parameters, a body in two content types, a spec without ``servers``, and
validator-only slips accepted by rule."""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from corpus import CONFIGURED_BASE_URL, CONSTRUCTS, FRONT_DOORS, WITHOUT_SERVERS, Builds, build_ours, constructs
from endpoints import endpoint
from support.audio import MP3_BYTES, WAV
from support.canned import Canned, CannedServer

from sdkgen.errors import SdkgenError

KEY = "growth-vendor-KEY-93ab"
LARGE = 12 * 1024 * 1024
"""A long speech: under the default 16 MiB response bound."""


class Speech:
    """A constructs package and its front doors on the canned server."""

    def __init__(self, builds: Builds, name: str, server: CannedServer) -> None:
        self.growth = builds[name].growth
        self.package = importlib.import_module(self.growth.package)
        self.server = server
        self.sync_door, self.async_door = (getattr(self.package, door) for door in FRONT_DOORS[self.growth.vendor])

    def call(self, door: str, operation_id: str, *, detailed: bool = False, **arguments: Any) -> Any:
        """``operation_id``'s generated ``sync``/``asyncio`` (or their ``_detailed``) with a front door as client."""
        module = endpoint(self.growth.package, operation_id)
        options = {
            name: arguments.pop(name) for name in ("max_response_bytes", "follow_redirects") if name in arguments
        }
        suffix = "_detailed" if detailed else ""
        if door == "sync":
            with self.sync_door(api_key=KEY, base_url=self.server.base_url, **options) as client:
                return getattr(module, f"sync{suffix}")(client=client, **arguments)

        async def run() -> Any:
            async with self.async_door(api_key=KEY, base_url=self.server.base_url, **options) as client:
                return await getattr(module, f"asyncio{suffix}")(client=client, **arguments)

        return asyncio.run(run())

    def speech_request(self) -> Any:
        return self.package.SpeechRequest(text="Hello there.")


@pytest.fixture(params=CONSTRUCTS)
def speech(request: pytest.FixtureRequest, builds: Builds, growth_server: CannedServer) -> Speech:
    return Speech(builds, request.param, growth_server)


def audio(body: bytes, content_type: str) -> Canned:
    return Canned(200, body, (("Content-Type", content_type),))


BINARY = [
    pytest.param("synthesizeSpeech", "POST", "audio/mpeg", "audio/mpeg, application/json;q=0.5", id="audio-mpeg"),
    pytest.param("speechAsWav", "GET", "audio/wav", "audio/wav, application/json;q=0.5", id="audio-wav-no-schema"),
    pytest.param(
        "speechAsBytes", "GET", "application/octet-stream", "application/octet-stream, application/json;q=0.5",
        id="octet-stream",
    ),
]  # fmt: skip


def _binary_call(speech: Speech, operation_id: str, door: str, **options: Any) -> Any:
    body = {"body": speech.speech_request()} if operation_id == "synthesizeSpeech" else {}
    return speech.call(door, operation_id, voice_id="v1", **body, **options)


def _route(operation_id: str, method: str) -> tuple[str, str]:
    suffix = {"synthesizeSpeech": "", "speechAsWav": "/wav", "speechAsBytes": "/raw"}[operation_id]
    return method, f"/speech/v1{suffix}"


@pytest.mark.parametrize("door", ["sync", "async"])
@pytest.mark.parametrize(("operation_id", "method", "content_type", "accept"), BINARY)
def test_a_binary_answer_is_a_file_of_its_bytes_and_accept_says_what_the_operation_documents(
    speech: Speech, door: str, operation_id: str, method: str, content_type: str, accept: str
) -> None:
    sound = MP3_BYTES if content_type == "audio/mpeg" else WAV
    speech.server.answer(*_route(operation_id, method), audio(sound, content_type))
    answer = _binary_call(speech, operation_id, door)
    assert isinstance(answer, speech.package.File)
    assert answer.payload.read() == sound
    (sent,) = speech.server.requests
    assert sent.headers["Accept"] == accept


@pytest.mark.parametrize("door", ["sync", "async"])
def test_a_large_audio_answer_comes_back_whole_within_the_bound_and_is_refused_over_it(
    speech: Speech, door: str
) -> None:
    sound = (MP3_BYTES * (LARGE // len(MP3_BYTES) + 1))[:LARGE]
    speech.server.answer("POST", "/speech/v1", audio(sound, "audio/mpeg"))
    answer = _binary_call(speech, "synthesizeSpeech", door)
    assert answer.payload.getbuffer().nbytes == LARGE
    assert answer.payload.read() == sound
    with pytest.raises(speech.package.ResponseTooLargeError, match="8388608"):
        _binary_call(speech, "synthesizeSpeech", door, max_response_bytes=8 * 1024 * 1024)


def test_an_answer_whose_type_differs_from_the_documented_audio_is_still_its_bytes(speech: Speech) -> None:
    # A server that labels its MP3 as octet-stream (or not at all): the generated parse reads the bytes as they are.
    speech.server.answer("POST", "/speech/v1", Canned(200, MP3_BYTES))
    answer = _binary_call(speech, "synthesizeSpeech", "sync")
    assert answer.payload.read() == MP3_BYTES


@pytest.mark.parametrize("door", ["sync", "async"])
def test_the_key_goes_where_each_operations_security_says_and_nowhere_else(speech: Speech, door: str) -> None:
    server = speech.server
    server.answer("POST", "/speech/v1", audio(MP3_BYTES, "audio/mpeg"))
    server.answer("GET", "/status", Canned.json(200, {"ok": True}))
    server.answer("POST", "/notes", Canned.json(201, {"text": "n"}))
    _binary_call(speech, "synthesizeSpeech", door)
    status = speech.call(door, "getStatus")
    speech.call(door, "addNote", body=speech.package.Note(text="n"))
    assert status.ok is True
    carried = [
        {name: request.headers.get(name) for name in ("Authorization", "xi-api-key")} for request in server.requests
    ]
    assert carried == [
        {"Authorization": None, "xi-api-key": KEY},
        {"Authorization": None, "xi-api-key": None},
        {"Authorization": f"Bearer {KEY}", "xi-api-key": None},
    ]


def test_an_operations_own_key_header_is_redacted_and_refused_as_a_header_option(speech: Speech) -> None:
    speech.server.answer("POST", "/speech/v1", Canned.json(401, {"message": f"bad key {KEY}"}))
    with pytest.raises(speech.package.AuthenticationError) as caught:
        _binary_call(speech, "synthesizeSpeech", "sync")
    assert caught.value.request.headers["xi-api-key"] == "[redacted]"
    assert KEY not in str(caught.value) + repr(caught.value) + str(caught.value.body)
    with pytest.raises(speech.package.InvalidInputError, match="may not set xi-api-key"):
        speech.sync_door(api_key=KEY, headers={"XI-API-KEY": "other"})


def test_a_redirect_to_another_origin_drops_the_operations_own_key_header(speech: Speech) -> None:
    with CannedServer() as elsewhere:
        elsewhere.answer("POST", "/speech/v1", audio(MP3_BYTES, "audio/mpeg"))
        moved = Canned(307, b"", (("Location", f"{elsewhere.base_url}/speech/v1"),))
        speech.server.answer("POST", "/speech/v1", moved)
        answer = _binary_call(speech, "synthesizeSpeech", "sync", follow_redirects=True)
        (arrived,) = elsewhere.requests
    assert answer.payload.read() == MP3_BYTES
    assert speech.server.requests[0].headers["xi-api-key"] == KEY
    assert "xi-api-key" not in {name.lower() for name in arrived.headers}


def test_a_camel_case_path_parameter_is_a_snake_case_keyword_and_is_escaped(speech: Speech) -> None:
    speech.server.answer("GET", "/speech/v%2F1/wav", audio(WAV, "audio/wav"))
    answer = speech.call("sync", "speechAsWav", voice_id="v/1")
    assert answer.payload.read() == WAV
    (sent,) = speech.server.requests
    assert sent.path == "/speech/v%2F1/wav"
    # Still matched to its operation: its Accept, and the key where its security puts it.
    assert (sent.headers["Accept"], sent.headers["Authorization"]) == (
        "audio/wav, application/json;q=0.5",
        f"Bearer {KEY}",
    )


def test_an_accept_header_parameter_of_the_spec_is_sent_as_given(speech: Speech) -> None:
    speech.server.answer("GET", "/speech/v1/raw", audio(WAV, "audio/wav"))
    speech.call("sync", "speechAsBytes", voice_id="v1", accept="audio/wav")
    speech.call("sync", "speechAsBytes", voice_id="v1")
    assert [request.headers["Accept"] for request in speech.server.requests] == [
        "audio/wav",
        "application/octet-stream, application/json;q=0.5",
    ]


@pytest.mark.parametrize("door", ["sync", "async"])
def test_a_body_in_two_content_types_goes_out_as_the_one_given(speech: Speech, door: str) -> None:
    package = speech.package
    speech.server.answer("POST", "/notes", Canned.json(201, {"text": "n"}))
    speech.call(door, "addNote", body=package.Note(text="as json"))
    clip = package.File(payload=io.BytesIO(WAV), file_name="note.wav", mime_type="audio/wav")
    speech.call(door, "addNote", body=package.NoteUpload(text="as form", audio=clip))
    as_json, as_form = speech.server.requests
    assert as_json.headers["Content-Type"] == "application/json"
    assert as_json.json() == {"text": "as json"}
    assert as_form.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="text"\r\nContent-Type: text/plain\r\n\r\nas form\r\n' in as_form.body
    assert b'filename="note.wav"' in as_form.body and WAV in as_form.body


def test_a_spec_without_servers_takes_its_base_url_from_config(builds: Builds, monkeypatch: pytest.MonkeyPatch) -> None:
    built = builds[f"growth-{WITHOUT_SERVERS}"]
    assert "servers" not in built.growth.spec
    package = importlib.import_module(built.growth.package)
    monkeypatch.delenv(f"{WITHOUT_SERVERS.upper()}_BASE_URL", raising=False)
    sync_door, _ = (getattr(package, door) for door in FRONT_DOORS[WITHOUT_SERVERS])
    with sync_door(api_key=KEY) as client:
        assert str(client.get_httpx_client().base_url).rstrip("/") == CONFIGURED_BASE_URL


@pytest.mark.slow
def test_validator_only_slips_fail_generation_by_rule_until_accepted(tmp_path: Path) -> None:
    unaccepted = dataclasses.replace(constructs("retell"), name="slips-retell", accepted_warnings=())
    with pytest.raises(SdkgenError) as caught:
        build_ours(unaccepted, tmp_path)
    message = str(caught.value)
    assert "3 warning(s) not accepted" in message
    for rule, field in (
        ("spec-duplicate-required", "required"),
        ("spec-exclusive-bound-form", "properties.speed"),
        ("spec-invalid-default", "properties.stability"),
    ):
        assert f"sdkgen {rule} at $.components.schemas.SpeechRequest" in message, rule
        assert field in message


@pytest.mark.parametrize(
    ("method", "path", "operation_id"),
    [
        ("GET", "/voices/count", "countVoices"),
        ("GET", "/voices/names", "listVoiceNames"),
        ("GET", "/voices/v1", "getVoice"),
        ("GET", "/speech/v1/wav", "speechAsWav"),
        ("POST", "/speech/v1", "synthesizeSpeech"),
        ("POST", "/speech/v%2F1", "synthesizeSpeech"),
        ("GET", "/speech/v1", None),
        ("GET", "/elsewhere", None),
    ],
)
def test_a_request_is_matched_to_its_operation_literal_segments_before_parameters(
    speech: Speech, method: str, path: str, operation_id: str | None
) -> None:
    matching = importlib.import_module(f"{speech.growth.package}._operation")
    base = httpx.URL("https://api.example.test/v2")
    found = matching.operation_for(httpx.Request(method, base.join(f"v2{path}")), base)
    assert (found.operation_id if found else None) == operation_id
