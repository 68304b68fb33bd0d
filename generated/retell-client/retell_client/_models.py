"""Every generated model and enum, by name, for the package root to export: written by sdkgen.

A name is imported only when first used, so importing the package costs the same whatever the size of the
spec."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models.clone_voice_body import CloneVoiceBody as CloneVoiceBody
    from .models.clone_voice_body_voice_provider import CloneVoiceBodyVoiceProvider as CloneVoiceBodyVoiceProvider
    from .models.clone_voice_response_400 import CloneVoiceResponse400 as CloneVoiceResponse400
    from .models.clone_voice_response_400_status import CloneVoiceResponse400Status as CloneVoiceResponse400Status
    from .models.clone_voice_response_401 import CloneVoiceResponse401 as CloneVoiceResponse401
    from .models.clone_voice_response_401_status import CloneVoiceResponse401Status as CloneVoiceResponse401Status
    from .models.clone_voice_response_402 import CloneVoiceResponse402 as CloneVoiceResponse402
    from .models.clone_voice_response_402_status import CloneVoiceResponse402Status as CloneVoiceResponse402Status
    from .models.clone_voice_response_429 import CloneVoiceResponse429 as CloneVoiceResponse429
    from .models.clone_voice_response_429_status import CloneVoiceResponse429Status as CloneVoiceResponse429Status
    from .models.clone_voice_response_500 import CloneVoiceResponse500 as CloneVoiceResponse500
    from .models.clone_voice_response_500_status import CloneVoiceResponse500Status as CloneVoiceResponse500Status
    from .models.voice_response import VoiceResponse as VoiceResponse
    from .models.voice_response_gender import VoiceResponseGender as VoiceResponseGender
    from .models.voice_response_provider import VoiceResponseProvider as VoiceResponseProvider

MODULES: dict[str, str] = {
    "CloneVoiceBody": ".models.clone_voice_body",
    "CloneVoiceBodyVoiceProvider": ".models.clone_voice_body_voice_provider",
    "CloneVoiceResponse400": ".models.clone_voice_response_400",
    "CloneVoiceResponse400Status": ".models.clone_voice_response_400_status",
    "CloneVoiceResponse401": ".models.clone_voice_response_401",
    "CloneVoiceResponse401Status": ".models.clone_voice_response_401_status",
    "CloneVoiceResponse402": ".models.clone_voice_response_402",
    "CloneVoiceResponse402Status": ".models.clone_voice_response_402_status",
    "CloneVoiceResponse429": ".models.clone_voice_response_429",
    "CloneVoiceResponse429Status": ".models.clone_voice_response_429_status",
    "CloneVoiceResponse500": ".models.clone_voice_response_500",
    "CloneVoiceResponse500Status": ".models.clone_voice_response_500_status",
    "VoiceResponse": ".models.voice_response",
    "VoiceResponseGender": ".models.voice_response_gender",
    "VoiceResponseProvider": ".models.voice_response_provider",
}
"""The module below the package that defines each name."""

__all__ = [
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
]
