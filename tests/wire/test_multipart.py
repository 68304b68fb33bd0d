"""What goes over the wire for a clone: the multipart parts (names, filenames, types, order), a random boundary, the
bearer token and the path, as the spec-validating server received them."""

from __future__ import annotations

import pytest
import retell_client
from retell_client.models import CloneVoiceBodyVoiceProvider, VoiceResponse
from support.audio import MP3_BYTES, WAV
from support.drivers import FAKE_KEY, open_fds_under
from vogent_client.models import AIVoice, VoiceModel


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


def boundary_of(content_type: str) -> str:
    prefix = "multipart/form-data; boundary="
    assert content_type.startswith(prefix), content_type
    return content_type.removeprefix(prefix)


def test_each_request_gets_its_own_random_boundary_that_the_body_uses(retell_server):
    """The stock generator's fixed ``+++`` boundary lets file bytes inject fields (tests/templates/); ours is httpx's
    random one, new for every request, and the body is split on it."""
    with retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url) as client:
        for name in ("first", "second"):
            client.clone_voice([WAV], voice_name=name, voice_provider="elevenlabs")
    boundaries = [boundary_of(request.header("content-type")) for request in retell_server.requests]
    assert len(set(boundaries)) == 2
    for boundary, request in zip(boundaries, retell_server.requests, strict=True):
        assert len(boundary) >= 16 and "+++" not in boundary
        assert request.body.startswith(f"--{boundary}\r\n".encode())
        assert request.body.endswith(f"--{boundary}--\r\n".encode())
        assert len(request.parts) == 3


def test_an_explicitly_constructed_unlisted_provider_is_sent_as_is(retell, retell_server, wav_file):
    provider = CloneVoiceBodyVoiceProvider("inworld")
    with pytest.raises(retell_client.BadRequestError):
        retell.clone_voice([wav_file] * 3, voice_name="future", voice_provider=provider)
    # The vendored spec does not list inworld, so the validating server refuses it: but it went out as given.
    (request,) = retell_server.requests
    provider_part = next(part for part in request.parts if part.name == "voice_provider")
    assert provider_part.data == b"inworld"
    assert len([part for part in request.parts if part.name == "files"]) == 3


def test_enum_members_are_accepted_like_their_values(retell, retell_server, wav_file):
    retell.clone_voice([wav_file], voice_name="member", voice_provider=CloneVoiceBodyVoiceProvider.FISH_AUDIO)
    assert next(p for p in retell_server.requests[0].parts if p.name == "voice_provider").data == b"fish_audio"


def test_vogent_happy_path_sends_clip_name_model_and_transcription(vogent, vogent_server, wav_file):
    voice = vogent.clone_voice(wav_file, name="Support", model="CSM", transcription="Hello there.")
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
