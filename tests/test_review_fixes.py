"""Edge cases found in review: resends by redirect, echoed keys, odd file objects, client reuse, fixed auth scheme."""

from __future__ import annotations

import io

import httpx
import pytest
import retell_client
from support import Respond, SpecServer
from support.audio import wav_bytes
from support.drivers import FAKE_KEY, counting
from test_clone_voice import Unseekable

WAV = wav_bytes()


def test_a_followed_redirect_never_resends_a_one_pass_stream_empty(retell_server):
    with SpecServer("retell") as other:
        retell_server.script(Respond(307, headers={"Location": f"{other.base_url}/clone-voice"}))
        client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, follow_redirects=True)
        with client, pytest.raises(retell_client.StreamNotRewindableError):
            client.clone_voice([Unseekable(WAV)], voice_name="moved", voice_provider="elevenlabs")
        # httpx sends the redirected request's head before it rewinds the stream and gives up, so the other
        # server may see a request start; what matters is that no body, and so no voice, reaches it.
        assert not any(request.body for request in other.requests)
        assert not other.created


def test_progress_restarts_with_each_attempt_and_ends_at_the_total(retell, retell_server):
    retell_server.script(Respond(429, headers={"Retry-After": "0"}))
    calls: list[tuple[int, int | None]] = []
    retell.clone_voice([WAV], voice_name="progress", voice_provider="elevenlabs", on_progress=counting(calls))
    total = len(retell_server.requests[-1].body)
    assert calls[-1] == (total, total)
    assert all(sent <= total for sent, _ in calls)


def test_a_key_echoed_back_by_a_server_is_redacted_from_the_error(retell, retell_server):
    retell_server.script(Respond(400, json={"status": "error", "message": f"bad key Bearer {FAKE_KEY}"}))
    with pytest.raises(retell_client.BadRequestError) as caught:
        retell.clone_voice([WAV], voice_name="echo", voice_provider="elevenlabs")
    for shown in (str(caught.value), caught.value.message, caught.value.body, repr(caught.value)):
        assert FAKE_KEY not in shown
    assert "[redacted]" in caught.value.message


def _closed(path):
    handle = open(path, "rb")  # noqa: SIM115 - closed on purpose
    handle.close()
    return handle


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (_closed, "cannot be read"),
        (lambda path: open(path, "ab"), "cannot be read"),  # noqa: SIM115 - closed by the test's tmp_path cleanup
    ],
    ids=["closed-file", "write-only-file"],
)
def test_unreadable_file_objects_are_refused_with_a_typed_error(retell_server, tmp_path, make, fragment):
    path = tmp_path / "x.wav"
    path.write_bytes(WAV)
    handle = make(path)
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url)
    with client, pytest.raises(retell_client.InvalidInputError, match=fragment):
        client.clone_voice([handle], voice_name="odd", voice_provider="elevenlabs")
    handle.close()
    assert retell_server.connections == 0


def test_an_async_file_object_is_refused():
    class AsyncFile:
        async def read(self, size: int = -1) -> bytes:
            return b""

    with pytest.raises(retell_client.InvalidInputError, match="async file object"):
        retell_client.open_files([AsyncFile()])


def test_tuple_filenames_are_sent_as_base_names(retell, retell_server):
    retell.clone_voice([("/home/someone/private/voice.wav", WAV)], voice_name="base", voice_provider="elevenlabs")
    assert [p.filename for p in retell_server.requests[0].parts if p.name == "files"] == ["voice.wav"]


def test_a_closed_client_can_be_used_again(retell_server):
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url)
    with client:
        client.clone_voice([io.BytesIO(WAV)], voice_name="first", voice_provider="elevenlabs")
    client.clone_voice([io.BytesIO(WAV)], voice_name="second", voice_provider="elevenlabs")
    client.close()
    assert retell_server.created == {"first": 1, "second": 1}


def test_the_auth_scheme_of_the_front_doors_is_fixed():
    with pytest.raises(TypeError, match="prefix"):
        retell_client.Retell(api_key=FAKE_KEY, prefix="Token")  # type: ignore[call-arg]


@pytest.mark.parametrize("base", [retell_client.SyncAPIClient, retell_client.AsyncAPIClient])
def test_the_front_doors_base_classes_are_not_clients_of_their_own(base):
    with pytest.raises(TypeError, match="base class"):
        base(api_key=FAKE_KEY)


@pytest.mark.parametrize("header", ["nan", "inf", "-inf"])
def test_a_non_finite_retry_after_falls_back_to_backoff(header):
    from retell_client._retries import retry_after  # noqa: PLC0415 - a private helper, tested directly

    assert retry_after(httpx.Response(429, headers={"Retry-After": header})) is None


def test_a_listed_enum_value_is_known_and_an_unlisted_one_is_not():
    from retell_client.models import VoiceResponseGender  # noqa: PLC0415

    assert VoiceResponseGender("male").is_known
    assert not VoiceResponseGender("unknown").is_known
