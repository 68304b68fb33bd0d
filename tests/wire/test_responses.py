"""Success answers as the caller gets them: unknown enum values and unknown fields parse, are kept and round-trip."""

from __future__ import annotations

from typing import Any

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
