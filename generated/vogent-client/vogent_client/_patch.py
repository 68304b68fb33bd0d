"""Vogent's front door: ``Vogent`` and ``AsyncVogent``.

It reaches its endpoint only through ``_operations`` (keyed by the spec's operationId), so a regeneration that moves
the operation to another tag or renames its schemas leaves this file working.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from ._client import AsyncAPIClient, SyncAPIClient, async_to_raw_response_wrapper, to_raw_response_wrapper
from ._config import TimeoutTypes
from ._exceptions import InvalidInputError
from ._files import FileInput, OpenedFiles, ProgressCallback, open_files
from ._operations import clone_voice as _clone_voice
from ._response import APIResponse
from ._types import NOT_GIVEN, NotGiven
from ._validation import check_text
from .types import UNSET

if TYPE_CHECKING:
    from ._operations import CloneVoiceBody, CloneVoiceResult


class _Vogent:
    api_key_env: ClassVar[str] = "VOGENT_API_KEY"
    base_url_env: ClassVar[str] = "VOGENT_BASE_URL"

    @staticmethod
    def _clone_request(
        clip: FileInput, name: str, model: str, transcription: str | None
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
        model: str,
        transcription: str | None = None,
        on_progress: ProgressCallback | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> CloneVoiceResult:
        """Clone a new voice for the workspace (``POST /voices/clone``).

        ``clip``: exactly one audio file: a path, bytes, a binary file object or a ``(filename, content[,
        mime_type])`` tuple; a path is streamed from disk. ``name``: not blank. ``model``: one of the values the API
        lists (``"CARTESIA"``...), or a member of its enum. ``transcription``: optional text of the clip.
        ``on_progress(bytes_sent, bytes_total)`` is called as the body goes out (``bytes_total`` is ``None`` when
        the clip's length is unknown: a non-seekable stream).

        Per call, ``timeout``, ``extra_headers``, ``max_retries``, ``retry_non_idempotent`` and ``deadline``
        override the client's settings. Retries 429 and 503 answers and connections that failed before the body
        went out. Cloning is not idempotent: a 500, a timeout or a connection dropped mid-upload may already have
        created the voice, so those are retried only with ``retry_non_idempotent=True``.

        Raises :class:`InvalidInputError` before sending for a bad argument, :class:`APIStatusError` subclasses
        for error answers (Vogent's 400 and 422 included), :class:`APIConnectionError` / :class:`APITimeoutError`,
        :class:`FileUploadError`, and :class:`ResponseValidationError` (with the body) when the answer does not
        parse.
        """
        call = self._call(
            timeout=timeout, extra_headers=extra_headers, max_retries=max_retries,
            retry_non_idempotent=retry_non_idempotent, deadline=deadline, on_progress=on_progress,
        )  # fmt: skip
        opened, body = self._clone_request(clip, name, model, transcription)
        with opened:
            return self._send(_clone_voice, {"body": body}, opened, call)

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
        model: str,
        transcription: str | None = None,
        on_progress: ProgressCallback | None = None,
        max_retries: int | None = None,
        retry_non_idempotent: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> CloneVoiceResult:
        """Clone a new voice for the workspace (``POST /voices/clone``); see :meth:`Vogent.clone_voice`."""
        call = self._call(
            timeout=timeout, extra_headers=extra_headers, max_retries=max_retries,
            retry_non_idempotent=retry_non_idempotent, deadline=deadline, on_progress=on_progress,
        )  # fmt: skip
        opened, body = self._clone_request(clip, name, model, transcription)
        with opened:
            return await self._send(_clone_voice, {"body": body}, opened, call)

    @functools.cached_property
    def with_raw_response(self) -> AsyncVogentWithRawResponse:
        """The same methods, returning an :class:`APIResponse` (status, headers, request id, ``parse()``)."""
        return AsyncVogentWithRawResponse(self)


class VogentWithRawResponse:
    """``Vogent``'s methods, each returning an :class:`APIResponse`."""

    def __init__(self, client: Vogent) -> None:
        self.clone_voice: Callable[..., APIResponse[CloneVoiceResult]] = to_raw_response_wrapper(client.clone_voice)
        self.call: Callable[..., APIResponse[Any]] = to_raw_response_wrapper(client.call)


class AsyncVogentWithRawResponse:
    """``AsyncVogent``'s methods, each returning an :class:`APIResponse`."""

    def __init__(self, client: AsyncVogent) -> None:
        self.clone_voice: Callable[..., Awaitable[APIResponse[CloneVoiceResult]]] = async_to_raw_response_wrapper(
            client.clone_voice
        )
        self.call: Callable[..., Awaitable[APIResponse[Any]]] = async_to_raw_response_wrapper(client.call)


__all__ = ["AsyncVogent", "AsyncVogentWithRawResponse", "Vogent", "VogentWithRawResponse"]
