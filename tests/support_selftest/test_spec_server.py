"""The loopback test servers themselves, driven with plain httpx: validation, recording, scripts and faults."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter

import httpx
import pytest
from support import Respond, RespondAfterCreate, SpecServer, Stall, UploadedFile

TOKEN = "sk-test-7c1e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WAV_A = b"RIFF\x24\x00\x00\x00WAVEfmt first"
WAV_B = b"RIFF\x24\x00\x00\x00WAVEfmt second"
TWO_FILES = [("files", ("a.wav", WAV_A, "audio/wav")), ("files", ("b.wav", WAV_B, "audio/wav"))]


def text(name, value):
    """A multipart text part (no filename); httpx sends even a file-less form as multipart this way."""
    return (name, (None, value))


def retell_form(voice_name="Adrian", voice_provider="elevenlabs", files=TWO_FILES):
    return [text("voice_name", voice_name), text("voice_provider", voice_provider), *files]


def clone_retell(server, form=None, headers=AUTH, timeout=5.0):
    form = retell_form() if form is None else form
    return httpx.post(f"{server.base_url}/clone-voice", files=form, headers=headers, timeout=timeout)


def clone_vogent(server, form, headers=AUTH):
    return httpx.post(f"{server.base_url}/voices/clone", files=form, headers=headers, timeout=5.0)


def test_a_valid_retell_request_with_two_files_is_accepted_recorded_and_counted(retell_server):
    response = clone_retell(retell_server)

    assert response.status_code == 201
    assert response.json() == {
        "voice_id": "voice-1",
        "voice_name": "Adrian",
        "provider": "elevenlabs",
        "gender": "male",
    }
    [request] = retell_server.requests
    assert (request.method, request.path, request.complete) == ("POST", "/clone-voice", True)
    assert request.authorization == f"Bearer {TOKEN}"
    assert request.header("Content-Type").startswith("multipart/form-data; boundary=")
    assert [(part.name, part.filename, part.content_type, part.data) for part in request.parts] == [
        ("voice_name", None, None, b"Adrian"),
        ("voice_provider", None, None, b"elevenlabs"),
        ("files", "a.wav", "audio/wav", WAV_A),
        ("files", "b.wav", "audio/wav", WAV_B),
    ]
    assert request.body.count(WAV_A) == 1
    [accepted] = retell_server.accepted
    assert accepted.fields == {"voice_name": "Adrian", "voice_provider": "elevenlabs"}
    assert accepted.files == [
        UploadedFile("files", "a.wav", "audio/wav", WAV_A),
        UploadedFile("files", "b.wav", "audio/wav", WAV_B),
    ]
    assert accepted.token == TOKEN
    assert retell_server.created == Counter({"Adrian": 1})
    assert retell_server.connections == 1


def test_each_creation_gets_a_new_voice_id_and_is_counted_per_name(retell_server):
    ids = [clone_retell(retell_server, retell_form(voice_name=name)).json()["voice_id"] for name in ("A", "B", "A")]

    assert ids == ["voice-1", "voice-2", "voice-3"]
    assert retell_server.created == Counter({"A": 2, "B": 1})


@pytest.mark.parametrize("provider", ["cartesia", "minimax", "fish_audio", "platform"])
def test_the_response_echoes_the_requested_provider(retell_server, provider):
    response = clone_retell(retell_server, retell_form(voice_provider=provider, files=TWO_FILES[:1]))

    assert response.status_code == 201
    assert response.json()["provider"] == provider


@pytest.mark.parametrize("voice_name", ["x", "x" * 200])
def test_voice_names_at_the_length_bounds_are_accepted(retell_server, voice_name):
    assert clone_retell(retell_server, retell_form(voice_name=voice_name)).status_code == 201


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(retell_form(voice_provider="bogus"), id="unknown-provider"),
        pytest.param(retell_form(voice_name=""), id="empty-name"),
        pytest.param(retell_form(voice_name="x" * 201), id="name-too-long"),
        pytest.param(retell_form(files=[]), id="no-files"),
        pytest.param(retell_form()[1:], id="no-name"),
        pytest.param([*retell_form(), text("language", "en")], id="unknown-field"),
        pytest.param([*retell_form(), text("voice_name", "Bob")], id="name-twice"),
        pytest.param(retell_form(files=[text("files", WAV_A)]), id="file-as-text"),
    ],
)
def test_an_invalid_retell_request_is_a_400_and_never_creates_a_voice(retell_server, form):
    response = clone_retell(retell_server, form)

    assert response.status_code == 400
    assert response.json()["status"] == "error"
    assert response.json()["message"]
    assert len(retell_server.requests) == 1
    assert retell_server.accepted == []
    assert retell_server.created == Counter()


def test_a_body_that_is_not_multipart_is_a_415_and_is_still_recorded(retell_server):
    response = httpx.post(f"{retell_server.base_url}/clone-voice", json={"voice_name": "A"}, headers=AUTH)

    assert response.status_code == 415
    [request] = retell_server.requests
    assert (request.body, request.parts) == (b'{"voice_name":"A"}', [])


def test_an_unknown_query_parameter_is_a_400_and_is_recorded(retell_server):
    response = httpx.post(f"{retell_server.base_url}/clone-voice?x=1", files=retell_form(), headers=AUTH)

    assert response.status_code == 400
    assert retell_server.requests[0].query == "x=1"
    assert retell_server.created == Counter()


@pytest.mark.parametrize("authorization", [None, "Basic dXNlcjpwYXNz", "Bearer"])
def test_a_request_without_a_bearer_token_is_a_401(retell_server, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}

    response = clone_retell(retell_server, headers=headers)

    assert response.status_code == 401
    assert response.json()["status"] == "error"
    assert retell_server.requests[0].authorization == authorization
    assert retell_server.created == Counter()


def test_a_valid_vogent_request_under_the_api_prefix_gets_an_ai_voice(vogent_server):
    form = [text("name", "Ada"), text("model", "CSM"), ("clip", ("clip.mp3", WAV_A, "audio/mpeg"))]

    response = clone_vogent(vogent_server, form)

    assert vogent_server.base_url.endswith("/api")
    assert response.status_code == 200
    assert response.json() == {
        "id": "voice-1",
        "name": "Ada",
        "voiceType": "cloned",
        "voiceTier": "STANDARD",
        "description": "",
    }
    assert vogent_server.requests[0].path == "/api/voices/clone"
    [accepted] = vogent_server.accepted
    assert accepted.fields == {"name": "Ada", "model": "CSM"}
    assert accepted.files == [UploadedFile("clip", "clip.mp3", "audio/mpeg", WAV_A)]
    assert vogent_server.created == Counter({"Ada": 1})


@pytest.mark.parametrize(
    "form",
    [
        pytest.param([text("name", "Ada"), text("model", "ELEVEN"), ("clip", ("c.mp3", WAV_A))], id="unknown-model"),
        pytest.param([text("name", "Ada"), text("model", "CSM")], id="no-clip"),
        pytest.param(
            [text("name", "Ada"), text("model", "CSM"), ("clip", ("a.mp3", WAV_A)), ("clip", ("b.mp3", WAV_B))],
            id="two-clips",
        ),
    ],
)
def test_an_invalid_vogent_request_is_a_400(vogent_server, form):
    assert clone_vogent(vogent_server, form).status_code == 400
    assert vogent_server.created == Counter()


def test_vogent_is_not_served_outside_its_api_prefix(vogent_server):
    url = vogent_server.base_url.removesuffix("/api") + "/voices/clone"

    assert httpx.post(url, files=[text("name", "Ada")], headers=AUTH).status_code == 404


def test_a_scripted_429_comes_first_then_the_default_answer(retell_server):
    retell_server.script(Respond(429, json={"status": "error", "message": "slow down"}, headers={"Retry-After": "0"}))

    first, second = clone_retell(retell_server), clone_retell(retell_server)

    assert (first.status_code, first.headers["retry-after"], first.json()["message"]) == (429, "0", "slow down")
    assert first.headers["content-type"] == "application/json"
    assert second.status_code == 201
    assert retell_server.pending == 0
    assert retell_server.created == Counter({"Adrian": 1})
    assert [request.body.count(WAV_A) for request in retell_server.requests] == [1, 1]


def test_a_scripted_response_skips_validation_and_the_handler(retell_server):
    retell_server.script(Respond(201, body=b"<html>ok</html>", content_type="text/html"))

    response = clone_retell(retell_server, retell_form(voice_provider="bogus"))

    assert (response.status_code, response.headers["content-type"], response.text) == (
        201,
        "text/html",
        "<html>ok</html>",
    )
    assert retell_server.accepted == []
    assert retell_server.requests[0].complete


def test_a_content_length_beyond_the_body_is_a_truncated_response(retell_server):
    retell_server.script(Respond(201, json={"voice_id": "v"}, headers={"Content-Length": "1000"}))

    with pytest.raises(httpx.RemoteProtocolError):
        clone_retell(retell_server)


def test_a_response_without_reading_the_body_records_no_body(retell_server):
    retell_server.script(Respond(503, read_body=False))

    assert clone_retell(retell_server).status_code == 503
    [request] = retell_server.requests
    assert (request.body, request.complete, request.parts) == (b"", False, [])


@pytest.mark.parametrize(
    ("action", "status", "body"),
    [
        pytest.param(RespondAfterCreate(500, body=b"<h1>oops</h1>", content_type="text/html"), 500, "<h1>oops</h1>"),
        pytest.param(RespondAfterCreate(json={"voice_id": "v"}), 201, '{"voice_id": "v"}'),
        pytest.param(
            RespondAfterCreate(json={"voice_id": "v", "voice_name": "A", "provider": "inworld", "gender": "male"}),
            201,
            '{"voice_id": "v", "voice_name": "A", "provider": "inworld", "gender": "male"}',
        ),
    ],
)
def test_a_response_after_create_replaces_the_answer_of_a_real_creation(retell_server, action, status, body):
    retell_server.script(action)

    response = clone_retell(retell_server)

    assert (response.status_code, response.text) == (status, body)
    assert retell_server.created == Counter({"Adrian": 1})


def test_a_response_after_create_keeps_extra_fields_on_the_real_answer(retell_server):
    retell_server.script(RespondAfterCreate(headers={"X-Extra": "1"}))

    response = clone_retell(retell_server)

    assert (response.status_code, response.headers["x-extra"], response.json()["voice_id"]) == (201, "1", "voice-1")


def test_a_response_after_create_passes_a_rejection_through(retell_server):
    retell_server.script(RespondAfterCreate(500))

    assert clone_retell(retell_server, retell_form(voice_name="")).status_code == 400
    assert retell_server.created == Counter()


def test_a_stall_runs_into_the_client_read_timeout_after_creating_the_voice(retell_server):
    retell_server.script(Stall(30))

    with pytest.raises(httpx.ReadTimeout):
        clone_retell(retell_server, timeout=0.3)
    assert retell_server.created == Counter({"Adrian": 1})
    assert clone_retell(retell_server).status_code == 201


def test_a_stall_can_hold_back_a_response_that_creates_nothing(retell_server):
    retell_server.script(Stall(0.2, then=Respond(502)))

    assert clone_retell(retell_server).status_code == 502
    assert retell_server.created == Counter()


@pytest.mark.anyio
async def test_a_stall_blocks_no_other_request_and_ends_at_reset(retell_server):
    retell_server.script(Stall(30))
    async with httpx.AsyncClient(base_url=retell_server.base_url, headers=AUTH, timeout=10) as client:
        stalled = asyncio.create_task(client.post("/clone-voice", files=retell_form()))
        while not retell_server.accepted:
            await asyncio.sleep(0.01)

        assert (await client.post("/clone-voice", files=retell_form())).status_code == 201
        assert not stalled.done()
        started = time.monotonic()
        retell_server.reset()
        assert (await stalled).status_code == 201
        assert time.monotonic() - started < 1


def test_the_connection_count_follows_tcp_connections(retell_server):
    assert retell_server.connections == 0
    with httpx.Client(base_url=retell_server.base_url, headers=AUTH) as client:
        client.post("/clone-voice", files=retell_form())
        client.post("/clone-voice", files=retell_form())
    assert retell_server.connections == 1
    clone_retell(retell_server)
    assert retell_server.connections == 2


def test_a_reset_mid_upload_is_a_transport_error(raw_socket_server):
    raw_socket_server.reset_after(64 * 1024)
    upload = retell_form(files=[("files", ("big.wav", b"\0" * (8 * 1024 * 1024), "audio/wav"))])

    with pytest.raises(httpx.TransportError):
        httpx.post(f"{raw_socket_server.base_url}/clone-voice", files=upload, headers=AUTH, timeout=5)
    assert raw_socket_server.connections == 1
    [received] = raw_socket_server.received
    assert len(received) == 64 * 1024
    assert received.startswith(b"POST /clone-voice HTTP/1.1\r\n")


def test_the_reset_is_a_tcp_rst_not_an_orderly_close(raw_socket_server):
    request = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    raw_socket_server.reset_after(len(request))

    with socket.create_connection(("127.0.0.1", int(raw_socket_server.base_url.rsplit(":", 1)[1]))) as client:
        client.sendall(request)
        with pytest.raises(ConnectionResetError):
            client.recv(1)
    assert raw_socket_server.received == [request]


def test_a_close_on_accept_is_a_transport_error(raw_socket_server):
    raw_socket_server.close_on_accept()

    with pytest.raises(httpx.TransportError):
        httpx.post(f"{raw_socket_server.base_url}/clone-voice", files=retell_form(), headers=AUTH, timeout=5)
    assert raw_socket_server.received == [b""]


def test_a_server_starts_fast_and_stops_cleanly_even_with_a_stall_in_progress():
    threads_before = set(threading.enumerate())
    started = time.monotonic()
    server = SpecServer("vogent")
    with server:
        assert time.monotonic() - started < 1
        server.script(Stall(60, then=Respond(504)))
        answers = []
        client = threading.Thread(target=lambda: answers.append(clone_vogent(server, []).status_code))
        client.start()
        while not server.requests:
            time.sleep(0.01)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 2
    client.join(5)
    assert answers == [504]
    assert set(threading.enumerate()) == threads_before
    port = int(server.base_url.split(":")[-1].removesuffix("/api"))
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
