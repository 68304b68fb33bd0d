"""The front doors' lifecycle and fixed parts: a closed client can be used again, the auth scheme cannot be changed,
the base classes are not clients, and the key is added to each request, never kept in the pool's headers."""

from __future__ import annotations

import asyncio
import gc
import io
import warnings

import httpx
import pytest
import retell_client
from support.audio import WAV
from support.drivers import FAKE_KEY
from support.spec_server import SpecServer


def test_a_closed_client_can_be_used_again(retell_server):
    client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url)
    with client:
        client.clone_voice([io.BytesIO(WAV)], voice_name="first", voice_provider="elevenlabs")
    client.clone_voice([io.BytesIO(WAV)], voice_name="second", voice_provider="elevenlabs")
    client.close()
    assert retell_server.created == {"first": 1, "second": 1}
    assert retell_server.connections == 2, "closing dropped the first connection"


def test_the_auth_scheme_of_the_front_doors_is_fixed():
    with pytest.raises(TypeError, match="prefix"):
        retell_client.Retell(api_key=FAKE_KEY, prefix="Token")  # type: ignore[call-arg]


@pytest.mark.parametrize("base", [retell_client.SyncAPIClient, retell_client.AsyncAPIClient])
def test_the_front_doors_base_classes_are_not_clients_of_their_own(base):
    with pytest.raises(TypeError, match="base class"):
        base(api_key=FAKE_KEY)


def test_the_key_goes_on_each_request_and_not_in_the_pools_headers(retell_server):
    """httpx's own repr of headers hides Authorization, so a repr check could not see a stored key: look at the
    values the pooled client would send with any request, and at what reached the server."""
    given = httpx.Client()
    with retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, http_client=given) as client:
        client.clone_voice([WAV], voice_name="per-request", voice_provider="elevenlabs")
        assert not [name for name, value in given.headers.multi_items() if FAKE_KEY in value]
    given.close()
    (request,) = retell_server.requests
    assert request.authorization == f"Bearer {FAKE_KEY}"


def test_a_generated_function_takes_the_front_door_as_its_client(retell_server):
    from retell_client.api.default import clone_voice  # noqa: PLC0415

    with retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url) as client:
        assert isinstance(client, retell_client.AuthenticatedClient)
        assert client.get_httpx_client() is client.get_httpx_client()
        file = retell_client.File(payload=io.BytesIO(WAV), file_name="a.wav", mime_type="audio/wav")
        provider = retell_client.CloneVoiceBodyVoiceProvider.ELEVENLABS
        body = retell_client.CloneVoiceBody(files=[file], voice_name="generated", voice_provider=provider)
        voice = clone_voice.sync(client=client, body=body)
    assert isinstance(voice, retell_client.VoiceResponse) and voice.voice_name == "generated"
    (request,) = retell_server.requests
    assert request.authorization == f"Bearer {FAKE_KEY}"


def test_sync_clients_dropped_unclosed_release_their_connections_without_a_resource_warning(retell_server):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        for index in range(3):
            client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url)
            client.clone_voice([WAV], voice_name=f"dropped-{index}", voice_provider="elevenlabs")
            del client
        gc.collect()
    assert _resource_warnings(caught) == []
    assert retell_server.created == {f"dropped-{index}": 1 for index in range(3)}


def _resource_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(warning.message) for warning in caught if warning.category is ResourceWarning]


def test_async_clients_dropped_unclosed_inside_their_loop_close_their_connections_there(
    retell_server: SpecServer,
) -> None:
    async def drop_three() -> int:
        for index in range(3):
            client = retell_client.AsyncRetell(api_key=FAKE_KEY, base_url=retell_server.base_url)
            await client.clone_voice([WAV], voice_name=f"dropped-{index}", voice_provider="elevenlabs")
            del client
            gc.collect()
        for _ in range(3):
            await asyncio.sleep(0)  # the loop runs the closes the collection scheduled
        return retell_server.connections

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        connections = asyncio.run(drop_three())
        gc.collect()
    assert _resource_warnings(caught) == []
    assert connections == 3
    assert retell_server.created == {f"dropped-{index}": 1 for index in range(3)}


def test_async_clients_outliving_their_loop_had_their_connections_closed_when_it_ended(
    retell_server: SpecServer,
) -> None:
    async def clone(client: retell_client.AsyncRetell, name: str) -> None:
        await client.clone_voice([WAV], voice_name=name, voice_provider="elevenlabs")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        for index in range(3):
            client = retell_client.AsyncRetell(api_key=FAKE_KEY, base_url=retell_server.base_url)
            asyncio.run(clone(client, f"outlived-{index}"))
            del client
            gc.collect()
    assert _resource_warnings(caught) == []
    assert retell_server.created == {f"outlived-{index}": 1 for index in range(3)}


def test_a_sync_call_with_no_deadline_and_no_timeout_goes_through(retell_server):
    with retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, deadline=None, timeout=None) as client:
        voice = client.clone_voice([WAV], voice_name="unbounded", voice_provider="elevenlabs")
    assert voice.voice_name == "unbounded"
