from http import HTTPStatus
from typing import Any

import httpx

from ..._exceptions import error_for_status, parsing_response
from ...client import AuthenticatedClient, Client
from ...models.ai_voice import AIVoice
from ...models.clone_voice_input import CloneVoiceInput
from ...types import Response


def _get_kwargs(
    *,
    body: CloneVoiceInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/voices/clone",
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AIVoice:
    if response.status_code == 200:
        with parsing_response(response):
            response_200 = AIVoice.from_dict(response.json())

            return response_200

    raise error_for_status(response)


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AIVoice]:
    parsed = _parse_response(client=client, response=response)
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceInput,
) -> Response[AIVoice]:
    """Clone Voice

    Clones a new voice for the workspace.

    Args:
        body (CloneVoiceInput):

    Sends one request: no retries (the package's front-door client retries what is safe to retry).

    Raises:
        errors.APIStatusError: For every status outside 2xx, as the subclass for that status (RateLimitError...).
        errors.ResponseValidationError: For a 2xx body that does not parse; its ``body`` keeps the raw text.
        httpx.TimeoutException, httpx.TransportError: As httpx raises them (the front doors type them as APIConnectionError).

    Returns:
        Response[AIVoice]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceInput,
) -> AIVoice:
    """Clone Voice

    Clones a new voice for the workspace.

    Args:
        body (CloneVoiceInput):

    Sends one request: no retries (the package's front-door client retries what is safe to retry).

    Raises:
        errors.APIStatusError: For every status outside 2xx, as the subclass for that status (RateLimitError...).
        errors.ResponseValidationError: For a 2xx body that does not parse; its ``body`` keeps the raw text.
        httpx.TimeoutException, httpx.TransportError: As httpx raises them (the front doors type them as APIConnectionError).

    Returns:
        AIVoice
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceInput,
) -> Response[AIVoice]:
    """Clone Voice

    Clones a new voice for the workspace.

    Args:
        body (CloneVoiceInput):

    Sends one request: no retries (the package's front-door client retries what is safe to retry).

    Raises:
        errors.APIStatusError: For every status outside 2xx, as the subclass for that status (RateLimitError...).
        errors.ResponseValidationError: For a 2xx body that does not parse; its ``body`` keeps the raw text.
        httpx.TimeoutException, httpx.TransportError: As httpx raises them (the front doors type them as APIConnectionError).

    Returns:
        Response[AIVoice]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceInput,
) -> AIVoice:
    """Clone Voice

    Clones a new voice for the workspace.

    Args:
        body (CloneVoiceInput):

    Sends one request: no retries (the package's front-door client retries what is safe to retry).

    Raises:
        errors.APIStatusError: For every status outside 2xx, as the subclass for that status (RateLimitError...).
        errors.ResponseValidationError: For a 2xx body that does not parse; its ``body`` keeps the raw text.
        httpx.TimeoutException, httpx.TransportError: As httpx raises them (the front doors type them as APIConnectionError).

    Returns:
        AIVoice
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
