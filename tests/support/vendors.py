"""The two vendors side by side: front doors, request and response shapes, so a test is written once for both."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx
import retell_client
import vogent_client
from retell_client.models import VoiceResponse
from vogent_client.models import AIVoice

from .drivers import Driver

TIMEOUT = httpx.Timeout(10.0, connect=2.0)
"""The clients' timeout when a test sets none of its own."""


@dataclass(frozen=True)
class Vendor:
    """One vendor's front doors and the shapes of its requests and responses, so a test can be written once."""

    name: str
    package: ModuleType
    sync_type: type[Any]
    async_type: type[Any]
    model: type[Any]
    """The generated success model."""
    schema: str
    """The name of the success model's schema in the vendored spec."""
    id_field: str
    name_field: str
    success_status: int
    required_field: str
    """A required field of the success body that the server's handler always sends, to drop in a fault."""
    unknown_enums: dict[str, tuple[str, str]]
    """JSON field -> (model attribute, a value the spec does not list)."""

    @property
    def env_prefix(self) -> str:
        """``RETELL`` or ``VOGENT``, as in ``RETELL_API_KEY``."""
        return self.name.upper()

    def call(self, file: Any, name: str) -> dict[str, Any]:
        """Keyword arguments of a valid ``clone_voice`` call sending ``file`` as a voice called ``name``."""
        if self.name == "retell":
            return {"files": [file], "voice_name": name, "voice_provider": "elevenlabs"}
        return {"clip": file, "name": name, "model": "CSM"}

    def voice(self, voice_id: str, name: str) -> dict[str, Any]:
        """The success body the loopback server's handler sends for a voice called ``name``."""
        if self.name == "retell":
            return {"voice_id": voice_id, "voice_name": name, "provider": "elevenlabs", "gender": "male"}
        return {"id": voice_id, "name": name, "voiceType": "cloned", "voiceTier": "STANDARD", "description": ""}

    def driver(self, door: str, **options: Any) -> Driver:
        """The sync or async front door built with ``options``, with ``TIMEOUT`` unless they set one."""
        options.setdefault("timeout", TIMEOUT)
        return Driver(self.sync_type if door == "sync" else self.async_type, **options)


VENDORS = {
    "retell": Vendor(
        name="retell",
        package=retell_client,
        sync_type=retell_client.Retell,
        async_type=retell_client.AsyncRetell,
        model=VoiceResponse,
        schema="VoiceResponse",
        id_field="voice_id",
        name_field="voice_name",
        success_status=201,
        required_field="gender",
        unknown_enums={"provider": ("provider", "inworld"), "gender": ("gender", "nonbinary")},
    ),
    "vogent": Vendor(
        name="vogent",
        package=vogent_client,
        sync_type=vogent_client.Vogent,
        async_type=vogent_client.AsyncVogent,
        model=AIVoice,
        schema="AIVoice",
        id_field="id",
        name_field="name",
        success_status=200,
        required_field="voiceTier",
        unknown_enums={"voiceTier": ("voice_tier", "ULTRA")},
    ),
}
DOORS = ("sync", "async")
