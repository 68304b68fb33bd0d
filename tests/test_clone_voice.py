"""clone_voice over a real loopback socket against the spec-validating servers: inputs, wire format, results."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import retell_client
from retell_client.api.default import clone_voice as retell_clone_voice
from retell_client.models import CloneVoiceBody, CloneVoiceBodyVoiceProvider, VoiceResponse
from support.audio import MP3_BYTES, wav_bytes
from support.drivers import FAKE_KEY, counting, open_fds_under
from vogent_client.models import AIVoice, VoiceModel

WAV = wav_bytes()


class Unseekable(io.RawIOBase):
    """A binary stream that cannot seek, like a pipe or a socket."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.fixture
def wav_path(tmp_path: Path) -> Path:
    path = tmp_path / "sample.wav"
    path.write_bytes(WAV)
    return path


def test_retell_happy_path_sends_repeated_files_parts_with_names_types_and_bearer(retell, retell_server, tmp_path):
    first, second = tmp_path / "one.wav", tmp_path / "two.mp3"
    first.write_bytes(WAV)
    second.write_bytes(MP3_BYTES)
    voice = retell.clone_voice([first, str(second)], voice_name="Adrian", voice_provider="elevenlabs")

    assert isinstance(voice, VoiceResponse)
    assert voice.voice_name == "Adrian"
    assert voice.voice_id.startswith("voice-")
    (request,) = retell_server.requests
    assert request.header("authorization") == f"Bearer {FAKE_KEY}"
    assert request.header("content-type").startswith("multipart/form-data; boundary=")
    assert "+++" not in request.header("content-type")
    files = [part for part in request.parts if part.name == "files"]
    assert [(part.filename, part.content_type, part.data) for part in files] == [
        ("one.wav", "audio/wav", WAV),
        ("two.mp3", "audio/mpeg", MP3_BYTES),
    ]
    texts = {part.name: part for part in request.parts if part.name != "files"}
    assert set(texts) == {"voice_name", "voice_provider"}
    assert texts["voice_name"].data == b"Adrian" and texts["voice_name"].filename is None
    assert texts["voice_provider"].data == b"elevenlabs"
    assert not any(part.name == "files[]" for part in request.parts)
    (accepted,) = retell_server.accepted
    assert len(accepted.files) == 2
    assert retell_server.created == {"Adrian": 1}
    assert open_fds_under(tmp_path) == []


@pytest.mark.parametrize(
    ("make_input", "filename", "content_type"),
    [
        (str, "sample.wav", "audio/wav"),
        (lambda path: path, "sample.wav", "audio/wav"),
        (lambda path: path.read_bytes(), "audio.wav", "audio/wav"),
        (lambda path: io.BytesIO(path.read_bytes()), "audio.wav", "audio/wav"),
        (lambda path: Unseekable(path.read_bytes()), "audio.wav", "audio/wav"),
        (lambda path: ("custom.wav", path), "custom.wav", "audio/wav"),
        (lambda path: ("custom.bin", path.read_bytes(), "audio/x-custom"), "custom.bin", "audio/x-custom"),
        (lambda path: ("note.txt", b"plain words", "audio/ogg"), "note.txt", "audio/ogg"),
    ],
    ids=["str-path", "pathlike", "bytes", "bytesio", "unseekable-stream", "tuple-2", "tuple-3", "given-mime-wins"],
)
def test_every_input_kind_arrives_intact(retell, retell_server, wav_path, make_input, filename, content_type):
    value = make_input(wav_path)
    retell.clone_voice([value], voice_name="kinds", voice_provider="cartesia")
    (part,) = [part for part in retell_server.requests[0].parts if part.name == "files"]
    expected = b"plain words" if filename == "note.txt" else WAV
    assert (part.filename, part.content_type, part.data) == (filename, content_type, expected)


def test_an_open_binary_file_is_sent_whole_and_left_open_for_its_owner(retell, retell_server, wav_path):
    with wav_path.open("rb") as handle:
        retell.clone_voice([handle], voice_name="handle", voice_provider="minimax")
        assert not handle.closed
    (part,) = [part for part in retell_server.requests[0].parts if part.name == "files"]
    assert (part.filename, part.data) == ("sample.wav", WAV)


def test_a_path_is_streamed_with_a_content_length_and_closed_after(retell, retell_server, tmp_path):
    big = tmp_path / "big.wav"
    big.write_bytes(wav_bytes(payload=os.urandom(3 * 1024 * 1024)))
    calls: list[tuple[int, int | None]] = []
    retell.clone_voice([big], voice_name="big", voice_provider="elevenlabs", on_progress=counting(calls))
    request = retell_server.requests[0]
    assert int(request.header("content-length")) == len(request.body)
    assert calls[-1] == (len(request.body), len(request.body))
    assert len(calls) > 10, "progress is reported as the body goes out, not once at the end"
    assert [sent for sent, _ in calls] == sorted(sent for sent, _ in calls)
    assert open_fds_under(tmp_path) == []


def test_an_explicitly_constructed_unlisted_provider_is_sent_as_is(retell, retell_server, wav_path):
    provider = CloneVoiceBodyVoiceProvider("inworld")
    request_seen = None
    retell_server.script()
    try:
        retell.clone_voice([wav_path] * 3, voice_name="future", voice_provider=provider)
    except retell_client.BadRequestError:
        request_seen = retell_server.requests[0]
    else:
        pytest.fail("the vendored spec does not list inworld, so the validating server must refuse it")
    provider_part = next(part for part in request_seen.parts if part.name == "voice_provider")
    assert provider_part.data == b"inworld"
    assert len([part for part in request_seen.parts if part.name == "files"]) == 3


def test_enum_members_are_accepted_like_their_values(retell, retell_server, wav_path):
    retell.clone_voice([wav_path], voice_name="member", voice_provider=CloneVoiceBodyVoiceProvider.FISH_AUDIO)
    assert next(p for p in retell_server.requests[0].parts if p.name == "voice_provider").data == b"fish_audio"


def test_vogent_happy_path_sends_clip_name_model_and_transcription(vogent, vogent_server, wav_path):
    voice = vogent.clone_voice(wav_path, name="Support", model="CSM", transcription="Hello there.")
    assert isinstance(voice, AIVoice)
    assert voice.name == "Support"
    request = vogent_server.requests[0]
    assert request.path == "/api/voices/clone"
    assert request.header("authorization") == f"Bearer {FAKE_KEY}"
    parts = {part.name: part for part in request.parts}
    assert set(parts) == {"clip", "name", "model", "transcription"}
    assert (parts["clip"].filename, parts["clip"].content_type, parts["clip"].data) == ("sample.wav", "audio/wav", WAV)
    assert (parts["name"].data, parts["model"].data, parts["transcription"].data) == (
        b"Support",
        b"CSM",
        b"Hello there.",
    )
    assert vogent_server.created == {"Support": 1}


def test_vogent_omits_an_absent_transcription_and_takes_enum_members(vogent, vogent_server):
    vogent.clone_voice(("clip.mp3", MP3_BYTES), name="Plain", model=VoiceModel.CARTESIA)
    parts = {part.name: part for part in vogent_server.requests[0].parts}
    assert set(parts) == {"clip", "name", "model"}
    assert parts["model"].data == b"CARTESIA"
    assert parts["clip"].content_type == "audio/mpeg"


def test_the_public_file_helper_serves_the_generated_function_alone(retell_server, wav_path, tmp_path):
    client = retell_client.AuthenticatedClient(token=FAKE_KEY, base_url=retell_server.base_url)
    with client, retell_client.open_files([wav_path, WAV]) as opened:
        body = CloneVoiceBody(
            files=opened.files, voice_name="low-level", voice_provider=CloneVoiceBodyVoiceProvider.ELEVENLABS
        )
        voice = retell_clone_voice.sync(client=client, body=body)
    assert voice.voice_name == "low-level"
    assert [part.filename for part in retell_server.requests[0].parts if part.name == "files"] == [
        "sample.wav",
        "audio.wav",
    ]
    assert open_fds_under(tmp_path) == []


@pytest.mark.parametrize(
    ("head", "content_type", "filename"),
    [
        (b"fLaC\x00\x00\x00\x22" + bytes(100), "audio/flac", "audio.flac"),
        (b"OggS\x00\x02" + bytes(100), "audio/ogg", "audio.ogg"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + bytes(100), "audio/mp4", "audio.m4a"),
        (b"FORM\x00\x00\x00\x00AIFFCOMM" + bytes(100), "audio/x-aiff", "audio.aiff"),
        (b"\xff\xfb\x90\x64" + bytes(300), "audio/mpeg", "audio.mpga"),
        (bytes(range(1, 200)) * 3, "audio/wav", "raw.wav"),
    ],
    ids=["flac", "ogg", "m4a", "aiff", "mp3-frame", "unknown-bytes-named-wav"],
)
def test_the_mime_type_comes_from_the_first_bytes_then_the_extension(
    retell, retell_server, head, content_type, filename
):
    value = ("raw.wav", head) if filename == "raw.wav" else head
    retell.clone_voice([value], voice_name="formats", voice_provider="elevenlabs")
    (part,) = [part for part in retell_server.requests[0].parts if part.name == "files"]
    assert (part.content_type, part.filename) == (content_type, filename)
