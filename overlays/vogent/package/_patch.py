"""Vogent's front door: ``Vogent`` and ``AsyncVogent``, and the names the package exports besides its errors."""

from __future__ import annotations

from attrs import define

from ._config import ConfiguredClient
from ._exceptions import InvalidInputError
from ._files import FileInput, OpenedFiles, ProgressCallback, open_files
from ._sending import send, send_async
from ._validation import check_text, coerce_enum
from .api.default import clone_voice
from .models import AIVoice, CloneVoiceInput, VoiceModel
from .types import UNSET


@define
class _VogentClient(ConfiguredClient):
    api_key_env = "VOGENT_API_KEY"
    base_url_env = "VOGENT_BASE_URL"

    def _clone_request(
        self, clip: FileInput, name: str, model: VoiceModel | str, transcription: str | None
    ) -> tuple[OpenedFiles, CloneVoiceInput]:
        voice_model = coerce_enum(VoiceModel, model, "model")
        voice_name = check_text("name", name, min_length=1)
        if transcription is not None:
            check_text("transcription", transcription, min_length=0)
        if isinstance(clip, list):
            raise InvalidInputError("clip: Vogent takes exactly one audio clip, not a list")
        opened = open_files([clip], argument="clip")
        body = CloneVoiceInput(
            name=voice_name,
            clip=opened.files[0],
            model=voice_model,
            transcription=UNSET if transcription is None else transcription,
        )
        return opened, body


@define
class Vogent(_VogentClient):
    """Synchronous Vogent client.

    ``Vogent()`` reads ``VOGENT_API_KEY`` (and ``VOGENT_BASE_URL`` when set); explicit arguments win. See
    :class:`ConfiguredClient` for every option. Use it as a context manager, or call ``close()``, to release its
    connections.
    """

    def clone_voice(
        self,
        clip: FileInput,
        *,
        name: str,
        model: VoiceModel | str,
        transcription: str | None = None,
        on_progress: ProgressCallback | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
    ) -> AIVoice:
        """Clone a new voice for the workspace (``POST /voices/clone``).

        ``clip``: exactly one audio file: a path, bytes, a binary file object or a ``(filename, content[,
        mime_type])`` tuple; a path is streamed from disk. ``name``: not blank. ``model``: a ``VoiceModel`` member or
        its string value. ``transcription``: optional text of the clip. ``on_progress(bytes_sent, bytes_total)`` is
        called as the body goes out.

        Retries 429 and 503 answers and connections that failed before the body went out, up to ``max_retries``
        times (the client's setting by default). Cloning is not idempotent: a 500, a timeout or a connection
        dropped mid-upload may already have created the voice, so those are retried only with
        ``retry_non_idempotent=True``, at the risk of a second voice.

        Raises :class:`InvalidInputError` before sending for a bad argument, :class:`APIStatusError` subclasses
        for error answers (Vogent's 400 and 422 included), :class:`APIConnectionError` / :class:`APITimeoutError`,
        and :class:`ResponseValidationError` (with the raw body) when the answer does not parse.
        """
        opened, body = self._clone_request(clip, name, model, transcription)
        with opened:
            policy = self._retry_policy(max_retries, retry_non_idempotent)
            return send(self, clone_voice, body, uploads=opened, policy=policy, on_progress=on_progress)


@define
class AsyncVogent(_VogentClient):
    """Asynchronous Vogent client: the same options as :class:`Vogent`, with awaitable methods.

    Use it with ``async with``, or call ``await aclose()``, to release its connections.
    """

    async def clone_voice(
        self,
        clip: FileInput,
        *,
        name: str,
        model: VoiceModel | str,
        transcription: str | None = None,
        on_progress: ProgressCallback | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
    ) -> AIVoice:
        """Clone a new voice for the workspace (``POST /voices/clone``); see :meth:`Vogent.clone_voice`."""
        opened, body = self._clone_request(clip, name, model, transcription)
        with opened:
            policy = self._retry_policy(max_retries, retry_non_idempotent)
            return await send_async(self, clone_voice, body, uploads=opened, policy=policy, on_progress=on_progress)


__all__ = ["AsyncVogent", "Vogent"]
