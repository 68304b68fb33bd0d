"""Contains all the data models used in inputs/outputs"""

from .clone_voice_body import CloneVoiceBody
from .clone_voice_body_voice_provider import CloneVoiceBodyVoiceProvider
from .clone_voice_response_400 import CloneVoiceResponse400
from .clone_voice_response_400_status import CloneVoiceResponse400Status
from .clone_voice_response_401 import CloneVoiceResponse401
from .clone_voice_response_401_status import CloneVoiceResponse401Status
from .clone_voice_response_402 import CloneVoiceResponse402
from .clone_voice_response_402_status import CloneVoiceResponse402Status
from .clone_voice_response_429 import CloneVoiceResponse429
from .clone_voice_response_429_status import CloneVoiceResponse429Status
from .clone_voice_response_500 import CloneVoiceResponse500
from .clone_voice_response_500_status import CloneVoiceResponse500Status
from .voice_response import VoiceResponse
from .voice_response_gender import VoiceResponseGender
from .voice_response_provider import VoiceResponseProvider

__all__ = (
    "CloneVoiceBody",
    "CloneVoiceBodyVoiceProvider",
    "CloneVoiceResponse400",
    "CloneVoiceResponse400Status",
    "CloneVoiceResponse401",
    "CloneVoiceResponse401Status",
    "CloneVoiceResponse402",
    "CloneVoiceResponse402Status",
    "CloneVoiceResponse429",
    "CloneVoiceResponse429Status",
    "CloneVoiceResponse500",
    "CloneVoiceResponse500Status",
    "VoiceResponse",
    "VoiceResponseGender",
    "VoiceResponseProvider",
)
