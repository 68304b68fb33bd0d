from enum import StrEnum
from typing import Self


class CloneVoiceBodyVoiceProvider(StrEnum):
    """Values listed by the API. A value the API adds later still parses: it becomes a member whose ``name`` is
    ``UNKNOWN`` and whose ``value`` is the raw string, so it round-trips through ``to_dict()`` unchanged."""

    CARTESIA = "cartesia"
    ELEVENLABS = "elevenlabs"
    FISH_AUDIO = "fish_audio"
    MINIMAX = "minimax"
    PLATFORM = "platform"

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether the value is one the OpenAPI document lists."""
        return self._value_ in type(self)._value2member_map_

    def __str__(self) -> str:
        return str(self.value)
