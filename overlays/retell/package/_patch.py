"""Retell's front door: ``Retell`` and ``AsyncRetell``, and the names the package exports besides its errors."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import define

from ._config import ConfiguredClient
from ._files import FileInput, OpenedFiles, ProgressCallback, open_files
from ._sending import send, send_async
from ._validation import check_text, coerce_enum, file_list
from .api.default import clone_voice
from .models import CloneVoiceBody, CloneVoiceBodyVoiceProvider, VoiceResponse

MAX_FILES = 25
FILE_LIMITS_BY_PROVIDER = {"cartesia": 1, "minimax": 1, "inworld": 3}
"""Retell's documented per-provider file limits, keyed by the provider's string value (Inworld before the spec
lists it); other providers take up to ``MAX_FILES``."""

VOICE_NAME_LENGTH = (1, 200)


@define
class _RetellClient(ConfiguredClient):
    api_key_env = "RETELL_API_KEY"
    base_url_env = "RETELL_BASE_URL"

    def _clone_request(
        self, files: Iterable[FileInput], voice_name: str, voice_provider: CloneVoiceBodyVoiceProvider | str
    ) -> tuple[OpenedFiles, CloneVoiceBody]:
        provider = coerce_enum(CloneVoiceBodyVoiceProvider, voice_provider, "voice_provider")
        name = check_text("voice_name", voice_name, min_length=VOICE_NAME_LENGTH[0], max_length=VOICE_NAME_LENGTH[1])
        limit = FILE_LIMITS_BY_PROVIDER.get(provider.value, MAX_FILES)
        inputs = file_list("files", files, at_most=limit, reason=f"voice_provider {provider.value!r}")
        opened = open_files(inputs, argument="files")
        return opened, CloneVoiceBody(files=opened.files, voice_name=name, voice_provider=provider)


@define
class Retell(_RetellClient):
    """Synchronous Retell client.

    ``Retell()`` reads ``RETELL_API_KEY`` (and ``RETELL_BASE_URL`` when set); explicit arguments win. See
    :class:`ConfiguredClient` for every option. Use it as a context manager, or call ``close()``, to release its
    connections.
    """

    def clone_voice(
        self,
        files: Iterable[FileInput],
        *,
        voice_name: str,
        voice_provider: CloneVoiceBodyVoiceProvider | str,
        on_progress: ProgressCallback | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
    ) -> VoiceResponse:
        """Clone a voice from audio files (``POST /clone-voice``).

        ``files``: a list of 1 to 25 audio files (1 for cartesia and minimax, 3 for inworld), each a path, bytes, a
        binary file object or a ``(filename, content[, mime_type])`` tuple. Paths are streamed from disk.
        ``voice_name``: 1 to 200 characters. ``voice_provider``: a ``CloneVoiceBodyVoiceProvider`` member or its
        string value. ``on_progress(bytes_sent, bytes_total)`` is called as the body goes out.

        Retries 429 and 503 answers and connections that failed before the body went out, up to ``max_retries``
        times (the client's setting by default). Cloning is not idempotent: a 500, a timeout or a connection
        dropped mid-upload may already have created the voice, so those are retried only with
        ``retry_non_idempotent=True``, at the risk of a second voice.

        Raises :class:`InvalidInputError` before sending for a bad argument, :class:`APIStatusError` subclasses
        for error answers, :class:`APIConnectionError` / :class:`APITimeoutError`, and
        :class:`ResponseValidationError` (with the raw body) when the answer does not parse.
        """
        opened, body = self._clone_request(files, voice_name, voice_provider)
        with opened:
            policy = self._retry_policy(max_retries, retry_non_idempotent)
            return send(self, clone_voice, body, uploads=opened, policy=policy, on_progress=on_progress)


@define
class AsyncRetell(_RetellClient):
    """Asynchronous Retell client: the same options as :class:`Retell`, with awaitable methods.

    Use it with ``async with``, or call ``await aclose()``, to release its connections.
    """

    async def clone_voice(
        self,
        files: Iterable[FileInput],
        *,
        voice_name: str,
        voice_provider: CloneVoiceBodyVoiceProvider | str,
        on_progress: ProgressCallback | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
    ) -> VoiceResponse:
        """Clone a voice from audio files (``POST /clone-voice``); see :meth:`Retell.clone_voice`."""
        opened, body = self._clone_request(files, voice_name, voice_provider)
        with opened:
            policy = self._retry_policy(max_retries, retry_non_idempotent)
            return await send_async(self, clone_voice, body, uploads=opened, policy=policy, on_progress=on_progress)


__all__ = ["AsyncRetell", "Retell"]
