from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.voice_model import VoiceModel
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CloneVoiceInput")


@_attrs_define
class CloneVoiceInput:
    """
    Attributes:
        name (str): The name of the cloned voice.
        clip (File): The audio clip to use for cloning.
        model (VoiceModel):
        transcription (str | Unset): Optional transcription of the audio clip.
    """

    name: str
    clip: File
    model: VoiceModel
    transcription: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        clip = self.clip.to_tuple()

        model = self.model.value

        transcription = self.transcription

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "clip": clip,
                "model": model,
            }
        )
        if transcription is not UNSET:
            field_dict["transcription"] = transcription

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("name", (None, str(self.name).encode(), "text/plain")))

        files.append(("clip", self.clip.to_tuple()))

        files.append(("model", (None, str(self.model.value).encode(), "text/plain")))

        if not isinstance(self.transcription, Unset):
            files.append(("transcription", (None, str(self.transcription).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        clip = File(payload=BytesIO(d.pop("clip")))

        model = VoiceModel(d.pop("model"))

        transcription = d.pop("transcription", UNSET)

        clone_voice_input = cls(
            name=name,
            clip=clip,
            model=model,
            transcription=transcription,
        )

        clone_voice_input.additional_properties = d
        return clone_voice_input

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
