from enum import StrEnum
from typing import Self


class CloneVoiceBodyVoiceProvider(StrEnum):
    CARTESIA = "cartesia"
    ELEVENLABS = "elevenlabs"
    FISH_AUDIO = "fish_audio"
    MINIMAX = "minimax"
    PLATFORM = "platform"

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str) or isinstance(value, bool):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether the value is one the OpenAPI document lists (an unlisted one has ``name == "UNKNOWN"``)."""
        return self._value_ in type(self)._value2member_map_

    def __str__(self) -> str:
        return str(self.value)
