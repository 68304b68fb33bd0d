from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.clone_voice_body_voice_provider import CloneVoiceBodyVoiceProvider
from ..types import File

T = TypeVar("T", bound="CloneVoiceBody")


@_attrs_define
class CloneVoiceBody:
    """
    Attributes:
        files (list[File]): Audio files to use for voice cloning. Up to 25 files allowed. For Cartesia and MiniMax, only
            1 file is supported. For Inworld, up to 3 files are supported.
        voice_name (str): Name for the cloned voice
        voice_provider (CloneVoiceBodyVoiceProvider): Voice provider to use for cloning.
    """

    files: list[File]
    voice_name: str
    voice_provider: CloneVoiceBodyVoiceProvider
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_tuple()

            files.append(files_item)

        voice_name = self.voice_name

        voice_provider = self.voice_provider.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "files": files,
                "voice_name": voice_name,
                "voice_provider": voice_provider,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for files_item_element in self.files:
            files.append(("files", files_item_element.to_tuple()))

        files.append(("voice_name", (None, str(self.voice_name).encode(), "text/plain")))

        files.append(("voice_provider", (None, str(self.voice_provider.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = File(payload=BytesIO(files_item_data))

            files.append(files_item)

        voice_name = d.pop("voice_name")

        voice_provider = CloneVoiceBodyVoiceProvider(d.pop("voice_provider"))

        clone_voice_body = cls(
            files=files,
            voice_name=voice_name,
            voice_provider=voice_provider,
        )

        clone_voice_body.additional_properties = d
        return clone_voice_body

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
