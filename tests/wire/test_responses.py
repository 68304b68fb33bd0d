"""Success answers as the caller gets them: unknown enum values and unknown fields parse, are kept and round-trip."""

from __future__ import annotations

import io
from typing import Any

import pytest
import retell_client
from retell_client.models import VoiceResponseGender
from support import RespondAfterCreate


def test_an_unknown_enum_value_and_unknown_fields_parse_and_round_trip(retell, retell_server, wav_file):
    voice_json: dict[str, Any] = {
        "voice_id": "voice-new",
        "voice_name": "new",
        "provider": "inworld",
        "gender": "nonbinary",
        "accent": "Irish",
        "embedding_version": 3,
    }
    retell_server.script(RespondAfterCreate(json=voice_json))
    voice = retell.clone_voice([wav_file], voice_name="new", voice_provider="elevenlabs")
    assert voice.voice_id == "voice-new"
    assert (voice.provider.value, voice.provider.is_known, voice.gender.value) == ("inworld", False, "nonbinary")
    assert voice.additional_properties == {"embedding_version": 3}
    assert voice.to_dict() == voice_json


def test_a_listed_enum_value_is_known_and_an_unlisted_one_is_not():
    assert VoiceResponseGender("male").is_known
    assert VoiceResponseGender("male") is VoiceResponseGender.MALE
    unlisted = VoiceResponseGender("unknown")
    assert not unlisted.is_known
    assert (unlisted.value, str(unlisted)) == ("unknown", "unknown")


def test_a_file_answer_passes_the_type_check_of_parsed_answers():
    """A binary answer the generator parses into ``File`` (``payload: BinaryIO``) holds a ``BytesIO``, which typing's
    ``BinaryIO`` does not count as an instance: the check takes any readable payload, and only that."""
    from retell_client._checks import check_parsed  # noqa: PLC0415

    check_parsed(retell_client.File(payload=io.BytesIO(b"ID3 audio"), file_name="speech.mp3"), retell_client.File)
    with pytest.raises(TypeError, match=r"response\.payload"):
        check_parsed(retell_client.File(payload=b"not a stream"), retell_client.File)  # type: ignore[arg-type]
