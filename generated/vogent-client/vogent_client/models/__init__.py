"""Contains all the data models used in inputs/outputs"""

from .ai_voice import AIVoice
from .clone_voice_input import CloneVoiceInput
from .voice_model import VoiceModel
from .voice_tier import VoiceTier

__all__ = (
    "AIVoice",
    "CloneVoiceInput",
    "VoiceModel",
    "VoiceTier",
)
