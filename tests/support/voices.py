"""The operation handlers behind connexion: they see only validated requests and create voices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from connexion.exceptions import BadRequestProblem

if TYPE_CHECKING:
    from starlette.datastructures import UploadFile

Handler: TypeAlias = Callable[..., Awaitable[tuple[dict[str, str], int]]]


@dataclass(frozen=True)
class UploadedFile:
    """A file part as the handler received it after validation."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class Accepted:
    """A request that passed validation and created a voice: its form fields, files and bearer token."""

    fields: dict[str, str]
    files: list[UploadedFile]
    token: str


class VoiceStore:
    """What the handlers did: the requests accepted, voices created per name, and the next voice id."""

    def __init__(self) -> None:
        self.accepted: list[Accepted] = []
        self.created: Counter[str] = Counter()

    def reset(self) -> None:
        """Forget everything; voice ids start again at ``voice-1``."""
        self.accepted.clear()
        self.created.clear()

    async def create(
        self, name: str, fields: Mapping[str, str], uploads: Mapping[str, Sequence[UploadFile]], token: str
    ) -> str:
        """Record an accepted request, count a voice called ``name`` and return its new id.

        ``uploads`` maps each binary field of the operation to the files received for it. Connexion's
        validation lets a binary field through when it arrives as a plain text part (no filename): it then
        shows up in ``fields``, and this is a 400 here, as no file was sent.
        """
        try:
            if as_text := sorted(uploads.keys() & fields.keys()):
                raise BadRequestProblem(detail=f"{', '.join(as_text)}: expected file part(s), got text")
            files = [
                UploadedFile(field, upload.filename, upload.content_type, await upload.read())
                for field, batch in uploads.items()
                for upload in batch
            ]
        finally:
            for batch in uploads.values():
                for upload in batch:
                    await upload.close()
        self.accepted.append(Accepted(dict(fields), files, token))
        self.created[name] += 1
        return f"voice-{len(self.accepted)}"


def retell_handler(store: VoiceStore, spec: Mapping[str, Any]) -> Handler:
    """``cloneVoice`` of Retell's ``POST /clone-voice``: 201 with a VoiceResponse."""
    providers = frozenset(spec["components"]["schemas"]["VoiceResponse"]["properties"]["provider"]["enum"])

    async def clone_voice(
        body: dict[str, str], context_: dict[str, Any], files: list[UploadFile] | None = None
    ) -> tuple[dict[str, str], int]:
        name, provider = body["voice_name"], body["voice_provider"]
        voice_id = await store.create(name, body, {"files": files or []}, context_["user"])
        voice = {"voice_id": voice_id, "voice_name": name, "provider": provider, "gender": "male"}
        if provider not in providers:
            voice["provider"] = "elevenlabs"
        return voice, 201

    return clone_voice


def vogent_handler(store: VoiceStore, _spec: Mapping[str, Any]) -> Handler:
    """``cloneVoice`` of Vogent's ``POST /voices/clone``: 200 with an AIVoice."""

    async def clone_voice(
        body: dict[str, str], context_: dict[str, Any], clip: UploadFile | None = None
    ) -> tuple[dict[str, str], int]:
        name = body["name"]
        voice_id = await store.create(name, body, {"clip": [] if clip is None else [clip]}, context_["user"])
        return {"id": voice_id, "name": name, "voiceType": "cloned", "voiceTier": "STANDARD", "description": ""}, 200

    return clone_voice


HANDLERS: dict[str, Callable[[VoiceStore, Mapping[str, Any]], Handler]] = {
    "retell": retell_handler,
    "vogent": vogent_handler,
}
