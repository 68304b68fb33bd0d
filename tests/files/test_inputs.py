"""File inputs: every kind a caller may pass arrives intact, files the client opened are closed and the caller's own
are left open, tuple filenames go out as base names, and unusable file objects are refused before any request."""

from __future__ import annotations

import io

import pytest
import retell_client
from retell_client.api.default import clone_voice as retell_clone_voice
from retell_client.models import CloneVoiceBody, CloneVoiceBodyVoiceProvider, VoiceResponse
from support.audio import WAV, wav_bytes
from support.drivers import FAKE_KEY, open_fds_under
from support.streams import Unseekable, closed_handle, write_only_handle


@pytest.mark.parametrize(
    ("make_input", "filename", "content_type"),
    [
        (str, "sample.wav", "audio/wav"),
        (lambda path: path, "sample.wav", "audio/wav"),
        (lambda path: path.read_bytes(), "audio.wav", "audio/wav"),
        (lambda path: bytearray(path.read_bytes()), "audio.wav", "audio/wav"),
        (lambda path: io.BytesIO(path.read_bytes()), "audio.wav", "audio/wav"),
        (lambda path: Unseekable(path.read_bytes()), "audio.wav", "audio/wav"),
        (lambda path: ("custom.wav", path), "custom.wav", "audio/wav"),
        (lambda path: ("custom.bin", path.read_bytes(), "audio/x-custom"), "custom.bin", "audio/x-custom"),
        (lambda path: ("note.txt", b"plain words", "audio/ogg"), "note.txt", "audio/ogg"),
    ],
    ids=[
        "str-path",
        "pathlike",
        "bytes",
        "bytearray",
        "bytesio",
        "unseekable-stream",
        "tuple-2",
        "tuple-3",
        "given-mime-wins",
    ],
)
def test_every_input_kind_arrives_intact(retell, retell_server, wav_file, make_input, filename, content_type):
    value = make_input(wav_file)
    retell.clone_voice([value], voice_name="kinds", voice_provider="cartesia")
    (part,) = [part for part in retell_server.requests[0].parts if part.name == "files"]
    expected = b"plain words" if filename == "note.txt" else WAV
    assert (part.filename, part.content_type, part.data) == (filename, content_type, expected)


def test_an_open_binary_file_is_sent_whole_and_left_open_for_its_owner(retell, retell_server, wav_file):
    with wav_file.open("rb") as handle:
        handle.read(10)
        retell.clone_voice([handle], voice_name="handle", voice_provider="minimax")
        assert not handle.closed
    (part,) = [part for part in retell_server.requests[0].parts if part.name == "files"]
    assert (part.filename, part.data) == ("sample.wav", WAV)


def test_tuple_filenames_are_sent_as_base_names(retell, retell_server):
    retell.clone_voice([("/home/someone/private/voice.wav", WAV)], voice_name="base", voice_provider="elevenlabs")
    assert [p.filename for p in retell_server.requests[0].parts if p.name == "files"] == ["voice.wav"]


def test_the_public_file_helper_serves_the_generated_function_alone(retell_server, wav_file, tmp_path):
    client = retell_client.AuthenticatedClient(token=FAKE_KEY, base_url=retell_server.base_url)
    with client, retell_client.open_files([wav_file, WAV]) as opened:
        body = CloneVoiceBody(
            files=opened.files, voice_name="low-level", voice_provider=CloneVoiceBodyVoiceProvider.ELEVENLABS
        )
        voice = retell_clone_voice.sync(client=client, body=body)
        assert isinstance(voice, VoiceResponse)
        assert open_fds_under(tmp_path) == [str(wav_file)]
    assert voice.voice_name == "low-level"
    assert [part.filename for part in retell_server.requests[0].parts if part.name == "files"] == [
        "sample.wav",
        "audio.wav",
    ]
    assert open_fds_under(tmp_path) == []


@pytest.mark.parametrize("make", [closed_handle, write_only_handle], ids=["closed-file", "write-only-file"])
def test_unreadable_file_objects_are_refused_with_a_typed_error(retell_server, wav_file, make):
    handle = make(wav_file)
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url)
    with client, pytest.raises(retell_client.InvalidInputError, match=r"files\[0\]: the file object cannot be read"):
        client.clone_voice([handle], voice_name="odd", voice_provider="elevenlabs")
    handle.close()
    assert retell_server.connections == 0


def test_an_async_file_object_is_refused():
    class AsyncFile:
        async def read(self, size: int = -1) -> bytes:
            return b""

    with pytest.raises(retell_client.InvalidInputError, match=r"files\[0\]: an async file object cannot be streamed"):
        retell_client.open_files([AsyncFile()])  # type: ignore[list-item]  # the wrong kind on purpose


def test_a_text_mode_file_object_is_refused_saying_so_once():
    with pytest.raises(retell_client.InvalidInputError) as caught:
        retell_client.open_files([io.StringIO("RIFF....WAVEfmt ")])  # type: ignore[list-item]  # on purpose
    assert str(caught.value) == "files[0]: the file object is open in text mode; open it with 'rb'"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda handle: handle.write(b"more samples"), "the file grew while it was being sent"),
        (lambda handle: handle.truncate(100_000), "the file shrank while it was being sent"),
    ],
    ids=["grows", "shrinks"],
)
def test_a_file_that_changes_while_it_is_sent_raises_naming_it(retell, retell_server, tmp_path, change, fragment):
    path = tmp_path / "live.wav"
    path.write_bytes(wav_bytes(payload=bytes(300_000)))

    def edit_once(sent: int, total: int | None) -> None:
        if sent and not edited:
            with path.open("r+b") as handle:
                handle.seek(0, 2)
                change(handle)
            edited.append(sent)

    edited: list[int] = []
    with pytest.raises(retell_client.FileUploadError, match=rf"files\[0\] '.*live.wav': {fragment}"):
        retell.clone_voice([path], voice_name="live", voice_provider="elevenlabs", on_progress=edit_once)
    assert edited
    retell_server.wait_for_requests(1)
    assert retell_server.created == {}
    assert open_fds_under(tmp_path) == []
