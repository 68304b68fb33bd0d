"""Retell's front door: ``Retell`` and ``AsyncRetell``.

It reaches its endpoint only through ``_operations`` (keyed by the spec's operationId), so a regeneration that moves
the operation to another tag or renames its schemas leaves this file working.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Final, Unpack

from ._client import (
    AsyncAPIClient,
    AsyncRawResponseMethod,
    RawResponseMethod,
    RawResponses,
    RequestOptions,
    SyncAPIClient,
)
from ._files import FileInput, OpenedFiles, ProgressCallback, Sending, open_files
from ._operations import clone_voice as _clone_voice
from ._validation import check_text, file_list

if TYPE_CHECKING:
    from ._operations import CloneVoiceBody, CloneVoiceResult, CloneVoiceVoiceProvider

MAX_FILES = 25
FILE_LIMITS_BY_PROVIDER = {"cartesia": 1, "minimax": 1, "inworld": 3}
"""Retell's documented per-provider file limits, keyed by the provider's string value (Inworld before the spec
lists it); other providers take up to ``MAX_FILES``."""

VOICE_NAME_LENGTH = (1, 200)


class _Retell:
    api_key_env: ClassVar[str] = "RETELL_API_KEY"
    base_url_env: ClassVar[str] = "RETELL_BASE_URL"

    @staticmethod
    def _clone_request(
        files: Iterable[FileInput], voice_name: str, voice_provider: CloneVoiceVoiceProvider
    ) -> tuple[OpenedFiles, CloneVoiceBody]:
        provider = str(_clone_voice.coerce("voice_provider", voice_provider))
        name = check_text("voice_name", voice_name, min_length=VOICE_NAME_LENGTH[0], max_length=VOICE_NAME_LENGTH[1])
        limit = FILE_LIMITS_BY_PROVIDER.get(provider, MAX_FILES)
        inputs = file_list("files", files, at_most=limit, reason=f"voice_provider {provider!r}")
        opened = open_files(inputs, argument="files")
        try:
            return opened, _clone_voice.body(files=opened.files, voice_name=name, voice_provider=voice_provider)
        except BaseException:
            opened.close()
            raise


class Retell(_Retell, SyncAPIClient):
    """Synchronous Retell client.

    ``Retell()`` reads ``RETELL_API_KEY`` (and ``RETELL_BASE_URL`` when set); explicit arguments win. See
    :class:`SyncAPIClient` for every option. Use it as a context manager, or call ``close()``, to release its
    connections.
    """

    def clone_voice(
        self,
        files: Iterable[FileInput],
        *,
        voice_name: str,
        voice_provider: CloneVoiceVoiceProvider,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> CloneVoiceResult:
        """Clone a voice from audio files (``POST /clone-voice``).

        ``files``: 1 to 25 audio files (1 for cartesia and minimax, 3 for inworld), each a path, bytes, a binary
        file object or a ``(filename, content[, mime_type])`` tuple; paths are streamed from disk. ``voice_name``:
        1 to 200 characters. ``voice_provider``: one of the values the API lists (``"elevenlabs"``,
        ``"cartesia"``...), or a member of its enum. ``on_progress(bytes_sent, bytes_total)`` is called as the body
        goes out (``bytes_total`` is ``None`` when a file's length is unknown: a non-seekable stream).

        Per call, the :class:`RequestOptions` (``timeout``, ``extra_headers``, ``max_retries``,
        ``retry_non_idempotent``, ``deadline``) override the client's settings. Retries 429 and 503 answers, and
        failures before any of the request reached the server. Cloning is not idempotent: a 500, a timeout or a
        connection dropped once the request went out may already have created the voice, so those are retried only
        with ``retry_non_idempotent=True`` (or an ``Idempotency-Key`` header in ``extra_headers``).

        Raises :class:`InvalidInputError` before sending for a bad argument, :class:`APIStatusError` subclasses
        for error answers, :class:`APIConnectionError` / :class:`APITimeoutError`, :class:`FileUploadError`, and
        :class:`ResponseValidationError` (with the body) when the answer does not parse.
        """
        client = self._for_call(options)
        opened, body = self._clone_request(files, voice_name, voice_provider)
        with opened:
            return _clone_voice.call(client, Sending(opened, on_progress), body=body)

    @functools.cached_property
    def with_raw_response(self) -> RetellWithRawResponse:
        """The same methods, returning an :class:`APIResponse` (status, headers, request id, ``parse()``)."""
        return RetellWithRawResponse(self)


class AsyncRetell(_Retell, AsyncAPIClient):
    """Asynchronous Retell client: the options of :class:`Retell`, with awaitable methods.

    Use it with ``async with``, or call ``await aclose()``, to release its connections.
    """

    async def clone_voice(
        self,
        files: Iterable[FileInput],
        *,
        voice_name: str,
        voice_provider: CloneVoiceVoiceProvider,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> CloneVoiceResult:
        """Clone a voice from audio files (``POST /clone-voice``); see :meth:`Retell.clone_voice`."""
        client = self._for_call(options)
        opened, body = self._clone_request(files, voice_name, voice_provider)
        with opened:
            return await _clone_voice.acall(client, Sending(opened, on_progress), body=body)

    @functools.cached_property
    def with_raw_response(self) -> AsyncRetellWithRawResponse:
        """The same methods, returning an :class:`APIResponse` (status, headers, request id, ``parse()``)."""
        return AsyncRetellWithRawResponse(self)


class RetellWithRawResponse(RawResponses):
    """``Retell``'s methods, each returning an :class:`APIResponse`."""

    clone_voice: Final = RawResponseMethod(Retell.clone_voice)


class AsyncRetellWithRawResponse(RawResponses):
    """``AsyncRetell``'s methods, each returning an awaitable :class:`APIResponse`."""

    clone_voice: Final = AsyncRawResponseMethod(AsyncRetell.clone_voice)


__all__ = ["AsyncRetell", "AsyncRetellWithRawResponse", "Retell", "RetellWithRawResponse"]
