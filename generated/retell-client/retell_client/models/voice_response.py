from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.voice_response_gender import VoiceResponseGender
from ..models.voice_response_provider import VoiceResponseProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="VoiceResponse")


@_attrs_define
class VoiceResponse:
    """
    Attributes:
        voice_id (str): Unique id for the voice. Example: retell-Cimo.
        voice_name (str): Name of the voice. Example: Adrian.
        provider (VoiceResponseProvider): Indicates the provider of voice. Example: elevenlabs.
        gender (VoiceResponseGender): Gender of voice. Example: male.
        accent (str | Unset): Accent annotation of the voice. Example: American.
        age (str | Unset): Age annotation of the voice. Example: Young.
        preview_audio_url (str | Unset): URL to the preview audio of the voice. Example: https://retell-utils-
            public.s3.us-west-2.amazonaws.com/adrian.mp3.
    """

    voice_id: str
    voice_name: str
    provider: VoiceResponseProvider
    gender: VoiceResponseGender
    accent: str | Unset = UNSET
    age: str | Unset = UNSET
    preview_audio_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        voice_id = self.voice_id

        voice_name = self.voice_name

        provider = self.provider.value

        gender = self.gender.value

        accent = self.accent

        age = self.age

        preview_audio_url = self.preview_audio_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "voice_id": voice_id,
                "voice_name": voice_name,
                "provider": provider,
                "gender": gender,
            }
        )
        if accent is not UNSET:
            field_dict["accent"] = accent
        if age is not UNSET:
            field_dict["age"] = age
        if preview_audio_url is not UNSET:
            field_dict["preview_audio_url"] = preview_audio_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        voice_id = d.pop("voice_id")

        voice_name = d.pop("voice_name")

        provider = VoiceResponseProvider(d.pop("provider"))

        gender = VoiceResponseGender(d.pop("gender"))

        accent = d.pop("accent", UNSET)

        age = d.pop("age", UNSET)

        preview_audio_url = d.pop("preview_audio_url", UNSET)

        voice_response = cls(
            voice_id=voice_id,
            voice_name=voice_name,
            provider=provider,
            gender=gender,
            accent=accent,
            age=age,
            preview_audio_url=preview_audio_url,
        )

        voice_response.additional_properties = d
        return voice_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
