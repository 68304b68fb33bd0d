"""Vogent's front door: ``Vogent`` and ``AsyncVogent``.

It reaches its endpoint only through ``_operations`` (keyed by the spec's operationId), so a regeneration that moves
the operation to another tag or renames its schemas leaves this file working.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ClassVar, Final, Unpack

from ._client import (
    AsyncAPIClient,
    AsyncRawResponseMethod,
    RawResponseMethod,
    RawResponses,
    RequestOptions,
    SyncAPIClient,
)
from ._exceptions import InvalidInputError
from ._files import FileInput, OpenedFiles, ProgressCallback, Sending, open_files
from ._operations import clone_voice as _clone_voice
from ._validation import check_text
from .types import UNSET

if TYPE_CHECKING:
    from ._operations import CloneVoiceBody, CloneVoiceModel, CloneVoiceResult


class _Vogent:
    api_key_env: ClassVar[str] = "VOGENT_API_KEY"
    base_url_env: ClassVar[str] = "VOGENT_BASE_URL"

    @staticmethod
    def _clone_request(
        clip: FileInput, name: str, model: CloneVoiceModel, transcription: str | None
    ) -> tuple[OpenedFiles, CloneVoiceBody]:
        voice_model = _clone_voice.coerce("model", model)
        voice_name = check_text("name", name, min_length=1)
        if transcription is not None:
            check_text("transcription", transcription, min_length=0)
        if isinstance(clip, list):
            raise InvalidInputError("clip: Vogent takes exactly one audio clip, not a list")
        opened = open_files([clip], argument="clip")
        try:
            body = _clone_voice.body(
                name=voice_name,
                clip=opened.files[0],
                model=voice_model,
                transcription=UNSET if transcription is None else transcription,
            )
        except BaseException:
            opened.close()
            raise
        return opened, body


class Vogent(_Vogent, SyncAPIClient):
    """Synchronous Vogent client.

    ``Vogent()`` reads ``VOGENT_API_KEY`` (and ``VOGENT_BASE_URL`` when set); explicit arguments win. See
    :class:`SyncAPIClient` for every option. Use it as a context manager, or call ``close()``, to release its
    connections.
    """

    def clone_voice(
        self,
        clip: FileInput,
        *,
        name: str,
        model: CloneVoiceModel,
        transcription: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> CloneVoiceResult:
        """Clone a new voice for the workspace (``POST /voices/clone``).

        ``clip``: exactly one audio file: a path, bytes, a binary file object or a ``(filename, content[,
        mime_type])`` tuple; a path is streamed from disk. ``name``: not blank. ``model``: one of the values the API
        lists (``"CARTESIA"``...), or a member of its enum. ``transcription``: optional text of the clip.
        ``on_progress(bytes_sent, bytes_total)`` is called as the body goes out (``bytes_total`` is ``None`` when
        the clip's length is unknown: a non-seekable stream).

        Per call, the :class:`RequestOptions` (``timeout``, ``extra_headers``, ``max_retries``,
        ``retry_non_idempotent``, ``deadline``) override the client's settings. Retries 429 and 503 answers, and
        failures before any of the request reached the server. Cloning is not idempotent: a 500, a timeout or a
        connection dropped once the request went out may already have created the voice, so those are retried only
        with ``retry_non_idempotent=True`` (or an ``Idempotency-Key`` header in ``extra_headers``).

        Raises :class:`InvalidInputError` before sending for a bad argument, :class:`APIStatusError` subclasses
        for error answers (Vogent's 400 and 422 included), :class:`APIConnectionError` / :class:`APITimeoutError`,
        :class:`FileUploadError`, and :class:`ResponseValidationError` (with the body) when the answer does not
        parse.
        """
        client = self._for_call(options)
        opened, body = self._clone_request(clip, name, model, transcription)
        with opened:
            return _clone_voice.call(client, Sending(opened, on_progress), body=body)

    @functools.cached_property
    def with_raw_response(self) -> VogentWithRawResponse:
        """The same methods, returning an :class:`APIResponse` (status, headers, request id, ``parse()``)."""
        return VogentWithRawResponse(self)


class AsyncVogent(_Vogent, AsyncAPIClient):
    """Asynchronous Vogent client: the options of :class:`Vogent`, with awaitable methods.

    Use it with ``async with``, or call ``await aclose()``, to release its connections.
    """

    async def clone_voice(
        self,
        clip: FileInput,
        *,
        name: str,
        model: CloneVoiceModel,
        transcription: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> CloneVoiceResult:
        """Clone a new voice for the workspace (``POST /voices/clone``); see :meth:`Vogent.clone_voice`."""
        client = self._for_call(options)
        opened, body = self._clone_request(clip, name, model, transcription)
        with opened:
            return await _clone_voice.acall(client, Sending(opened, on_progress), body=body)

    @functools.cached_property
    def with_raw_response(self) -> AsyncVogentWithRawResponse:
        """The same methods, returning an :class:`APIResponse` (status, headers, request id, ``parse()``)."""
        return AsyncVogentWithRawResponse(self)


class VogentWithRawResponse(RawResponses):
    """``Vogent``'s methods, each returning an :class:`APIResponse`."""

    clone_voice: Final = RawResponseMethod(Vogent.clone_voice)


class AsyncVogentWithRawResponse(RawResponses):
    """``AsyncVogent``'s methods, each returning an awaitable :class:`APIResponse`."""

    clone_voice: Final = AsyncRawResponseMethod(AsyncVogent.clone_voice)


__all__ = ["AsyncVogent", "AsyncVogentWithRawResponse", "Vogent", "VogentWithRawResponse"]
