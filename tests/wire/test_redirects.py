"""Redirects: not followed by default; followed on request, never to another host with the key, never by sending a
one-pass stream again (empty), and a loop ends in a typed error."""

from __future__ import annotations

from typing import Any

import pytest
import retell_client
from support import Respond, SpecServer
from support.audio import WAV
from support.drivers import FAKE_KEY
from support.streams import Unseekable
from support.vendors import DOORS, Vendor


@pytest.mark.parametrize("status", [302, 307, 308])
@pytest.mark.parametrize("follow", [False, True], ids=["default", "follow_redirects"])
@pytest.mark.parametrize("door", DOORS)
def test_a_redirect_to_another_host_never_carries_the_key(
    vendor: Vendor, door, follow, status, server, redirector, drivers, key_watch
):
    other_host = server.base_url.replace("127.0.0.1", "localhost")
    path = "/clone-voice" if vendor.name == "retell" else "/voices/clone"
    source = redirector(status, other_host + path)
    options = {"follow_redirects": True} if follow else {}
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=source.base_url, max_retries=0, **options)

    with pytest.raises(vendor.package.APIStatusError) as caught:
        driver.clone_voice(**vendor.call(WAV, "redirected"))

    assert source.authorizations == [f"Bearer {FAKE_KEY}"]
    if follow:
        (followed,) = server.requests
        assert followed.authorization is None
        assert not [name for name, value in followed.headers if FAKE_KEY in value]
        # Without a token the spec server answers 401; a 302/303 turns the POST into a GET, which it does not serve.
        assert caught.value.status_code == (401 if status in (307, 308) else 405)
    else:
        assert caught.value.status_code == status
        assert server.connections == 0
    assert server.created == {}
    key_watch.check(caught.value, driver.client)


@pytest.mark.parametrize("door", DOORS)
def test_a_followed_redirect_loop_ends_in_a_typed_error(vendor: Vendor, door, redirector, drivers, key_watch):
    loop = redirector(307, "/")
    loop.target = f"{loop.base_url}/again"
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=loop.base_url, follow_redirects=True)
    with pytest.raises(vendor.package.APIConnectionError, match="TooManyRedirects") as caught:
        driver.clone_voice(**vendor.call(WAV, "loop"), max_retries=0)
    assert len(loop.authorizations) > 1
    key_watch.check(caught.value)


def test_a_followed_redirect_never_resends_a_one_pass_stream_empty(retell_server):
    with SpecServer("retell") as other:
        retell_server.script(Respond(307, headers={"Location": f"{other.base_url}/clone-voice"}))
        client = retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url, follow_redirects=True)
        with client, pytest.raises(retell_client.StreamNotRewindableError):
            one_pass: Any = Unseekable(WAV)  # a RawIOBase: a binary file object, though not typing.IO
            client.clone_voice([one_pass], voice_name="moved", voice_provider="elevenlabs")
        # httpx sends the redirected request's head before it rewinds the stream and gives up, so the other
        # server may see a request start; what matters is that no body, and so no voice, reaches it.
        assert not any(request.body for request in other.requests)
        assert not other.created
    assert [part.data for part in retell_server.requests[0].parts if part.name == "files"] == [WAV]
