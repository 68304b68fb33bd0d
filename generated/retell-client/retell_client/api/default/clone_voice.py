from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clone_voice_body import CloneVoiceBody
from ...models.clone_voice_response_400 import CloneVoiceResponse400
from ...models.clone_voice_response_401 import CloneVoiceResponse401
from ...models.clone_voice_response_402 import CloneVoiceResponse402
from ...models.clone_voice_response_429 import CloneVoiceResponse429
from ...models.clone_voice_response_500 import CloneVoiceResponse500
from ...models.voice_response import VoiceResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CloneVoiceBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/clone-voice",
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CloneVoiceResponse400
    | CloneVoiceResponse401
    | CloneVoiceResponse402
    | CloneVoiceResponse429
    | CloneVoiceResponse500
    | VoiceResponse
    | None
):
    if response.status_code == 201:
        response_201 = VoiceResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CloneVoiceResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CloneVoiceResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = CloneVoiceResponse402.from_dict(response.json())

        return response_402

    if response.status_code == 429:
        response_429 = CloneVoiceResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = CloneVoiceResponse500.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CloneVoiceResponse400
    | CloneVoiceResponse401
    | CloneVoiceResponse402
    | CloneVoiceResponse429
    | CloneVoiceResponse500
    | VoiceResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceBody,
) -> Response[
    CloneVoiceResponse400
    | CloneVoiceResponse401
    | CloneVoiceResponse402
    | CloneVoiceResponse429
    | CloneVoiceResponse500
    | VoiceResponse
]:
    """Clone a voice from audio files

    Args:
        body (CloneVoiceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CloneVoiceResponse400 | CloneVoiceResponse401 | CloneVoiceResponse402 | CloneVoiceResponse429 | CloneVoiceResponse500 | VoiceResponse]
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
    body: CloneVoiceBody,
) -> (
    CloneVoiceResponse400
    | CloneVoiceResponse401
    | CloneVoiceResponse402
    | CloneVoiceResponse429
    | CloneVoiceResponse500
    | VoiceResponse
    | None
):
    """Clone a voice from audio files

    Args:
        body (CloneVoiceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CloneVoiceResponse400 | CloneVoiceResponse401 | CloneVoiceResponse402 | CloneVoiceResponse429 | CloneVoiceResponse500 | VoiceResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceBody,
) -> Response[
    CloneVoiceResponse400
    | CloneVoiceResponse401
    | CloneVoiceResponse402
    | CloneVoiceResponse429
    | CloneVoiceResponse500
    | VoiceResponse
]:
    """Clone a voice from audio files

    Args:
        body (CloneVoiceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CloneVoiceResponse400 | CloneVoiceResponse401 | CloneVoiceResponse402 | CloneVoiceResponse429 | CloneVoiceResponse500 | VoiceResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CloneVoiceBody,
) -> (
    CloneVoiceResponse400
    | CloneVoiceResponse401
    | CloneVoiceResponse402
    | CloneVoiceResponse429
    | CloneVoiceResponse500
    | VoiceResponse
    | None
):
    """Clone a voice from audio files

    Args:
        body (CloneVoiceBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CloneVoiceResponse400 | CloneVoiceResponse401 | CloneVoiceResponse402 | CloneVoiceResponse429 | CloneVoiceResponse500 | VoiceResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
