from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.voice_tier import VoiceTier

T = TypeVar("T", bound="AIVoice")


@_attrs_define
class AIVoice:
    """
    Attributes:
        id (str):
        name (str):
        voice_type (str):
        voice_tier (VoiceTier):
        description (str):
    """

    id: str
    name: str
    voice_type: str
    voice_tier: VoiceTier
    description: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        voice_type = self.voice_type

        voice_tier = self.voice_tier.value

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "voiceType": voice_type,
                "voiceTier": voice_tier,
                "description": description,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        voice_type = d.pop("voiceType")

        voice_tier = VoiceTier(d.pop("voiceTier"))

        description = d.pop("description")

        ai_voice = cls(
            id=id,
            name=name,
            voice_type=voice_type,
            voice_tier=voice_tier,
            description=description,
        )

        ai_voice.additional_properties = d
        return ai_voice

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
