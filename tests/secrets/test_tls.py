"""TLS verification is on by default: a server whose certificate is not trusted never sees the request (or the key);
the default context is made once per process."""

from __future__ import annotations

import ssl

import pytest
from support.audio import WAV
from support.drivers import FAKE_KEY
from support.http_servers import TLSServer
from support.vendors import DOORS, Vendor


@pytest.mark.parametrize("door", DOORS)
def test_tls_verification_is_on_by_default(vendor: Vendor, door, certificate, drivers, key_watch):
    body = f'{{"{vendor.id_field}": "voice-tls"}}'.encode()
    with TLSServer(certificate, vendor.success_status, body) as tls:
        default = drivers(vendor, door, api_key=FAKE_KEY, base_url=tls.base_url, max_retries=0)
        with pytest.raises(vendor.package.APIConnectionError) as caught:
            default.clone_voice(**vendor.call(WAV, "tls"))
        assert tls.received == []
        assert "CERTIFICATE_VERIFY_FAILED" in repr(caught.value.__cause__)
        assert not caught.value.body_sent

        trusting = ssl.create_default_context(cafile=certificate)
        control = drivers(vendor, door, api_key=FAKE_KEY, base_url=tls.base_url, max_retries=0, verify_ssl=trusting)
        with pytest.raises(vendor.package.ResponseValidationError):
            control.clone_voice(**vendor.call(WAV, "tls"))
    (request,) = tls.received
    assert f"Bearer {FAKE_KEY}".encode() in request, "with its certificate trusted, the same server is reached"
    assert tls.failed_handshakes == 1
    key_watch.check(caught.value, default.client)


@pytest.mark.parametrize("door", DOORS)
def test_clients_share_one_default_context_so_the_ca_bundle_is_read_once(
    vendor: Vendor, door, server, drivers, monkeypatch
):
    reads: list[object] = []
    read = ssl.SSLContext.load_verify_locations

    def counted(context: ssl.SSLContext, *args, **kwargs) -> None:
        reads.append(args or kwargs)
        read(context, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counted)
    for n in range(5):
        driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
        driver.clone_voice(**vendor.call(WAV, f"tls-{n}"))
    assert len(reads) <= 1, "a client per call re-read the CA bundle (35 ms each)"
    assert server.created == {f"tls-{n}": 1 for n in range(5)}
