"""``http_client=``: a caller's own httpx client (event hooks, a custom transport) with the front door's base URL,
key, timeouts and retries still applied, and left open by the front door's ``close()``."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import retell_client
from support import Respond, SpecServer
from support.audio import wav_bytes
from support.drivers import FAKE_KEY

WAV = wav_bytes()


def test_a_sync_http_client_with_event_hooks_gets_our_url_key_and_retries(retell_server: SpecServer) -> None:
    seen: list[httpx.Request] = []
    retell_server.script(Respond(503, headers={"Retry-After": "0"}))
    with httpx.Client(event_hooks={"request": [seen.append]}) as http:
        client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, http_client=http, timeout=7.0)
        voice = client.clone_voice([WAV], voice_name="hooked", voice_provider="elevenlabs")
        client.close()
        assert not http.is_closed, "the caller's client stays the caller's to close"
    assert voice.voice_name == "hooked"
    assert [str(request.url) for request in seen] == [f"{retell_server.base_url}/clone-voice"] * 2
    assert all(request.headers["authorization"] == f"Bearer {FAKE_KEY}" for request in seen)
    assert seen[0].extensions["timeout"]["read"] == 7.0
    assert retell_server.created == {"hooked": 1}


def test_an_async_http_client_with_a_custom_transport_gets_the_same(retell_server: SpecServer) -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}), None])
    forwarded: list[httpx.Request] = []
    real = httpx.AsyncHTTPTransport()

    class Transport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            forwarded.append(request)
            scripted = next(answers)
            return scripted if scripted is not None else await real.handle_async_request(request)

        async def aclose(self) -> None:
            await real.aclose()  # its pooled connection, else collected unclosed (a ResourceWarning, an error here)

    async def scenario() -> Any:
        async with httpx.AsyncClient(transport=Transport()) as http:
            client = retell_client.AsyncRetell(api_key=FAKE_KEY, base_url=retell_server.base_url, http_client=http)
            return await client.clone_voice([WAV], voice_name="custom", voice_provider="elevenlabs")

    voice = asyncio.run(scenario())
    assert voice.voice_name == "custom"
    assert len(forwarded) == 2, "the 429 from the transport was retried by the front door"
    assert forwarded[1].headers["authorization"] == f"Bearer {FAKE_KEY}"


class Refusing(httpx.BaseTransport):
    """A transport that fails to connect, reading nothing of the request."""

    def __init__(self) -> None:
        self.attempts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        raise httpx.ConnectError("no route", request=request)


def test_a_transport_failure_of_a_custom_transport_is_typed_and_retried_as_safe() -> None:
    transport = Refusing()
    with httpx.Client(transport=transport) as http:
        client = retell_client.Retell(api_key=FAKE_KEY, base_url="https://api.example.com", http_client=http)
        with pytest.raises(retell_client.APIConnectionError, match="before the request reached the server") as caught:
            client.clone_voice([WAV], voice_name="n", voice_provider="elevenlabs", max_retries=1)
    assert not caught.value.body_sent
    assert not caught.value.request_written
    assert transport.attempts == 2, "nothing was sent, so the failure was retried"
