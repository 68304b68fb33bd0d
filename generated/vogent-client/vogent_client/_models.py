"""Every generated model and enum, by name, for the package root to export: written by sdkgen.

A name is imported only when first used, so importing the package costs the same whatever the size of the
spec."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models.ai_voice import AIVoice as AIVoice
    from .models.clone_voice_input import CloneVoiceInput as CloneVoiceInput
    from .models.voice_model import VoiceModel as VoiceModel
    from .models.voice_tier import VoiceTier as VoiceTier

MODULES: dict[str, str] = {
    "AIVoice": ".models.ai_voice",
    "CloneVoiceInput": ".models.clone_voice_input",
    "VoiceModel": ".models.voice_model",
    "VoiceTier": ".models.voice_tier",
}
"""The module below the package that defines each name."""

__all__ = [
    "AIVoice",
    "CloneVoiceInput",
    "VoiceModel",
    "VoiceTier",
]
