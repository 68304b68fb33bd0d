"""Injected faults over real loopback sockets, as a matrix: every fault x both vendors x sync and async x retries
as by default or opted in to ``retry_non_idempotent``.

For each: the typed outcome, how many requests reached the server and how many voices it created (never two for
one call unless retries were opted in), the created voice's id recoverable wherever the server's answer carried it,
and no file left open.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from support import RawSocketServer, Stall
from support.attacks.faults import FAULTS, FIRST_ID, Fault
from support.audio import WAV, wav_bytes
from support.drivers import FAKE_KEY, open_fds_under
from support.vendors import DOORS, VENDORS


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch):
    """Backoff without ``Retry-After`` starts at 10 ms here instead of 0.5 s, so the matrix runs in seconds; the
    real schedule is tested in tests/retries/."""
    for vendor in VENDORS.values():
        monkeypatch.setattr(vendor.package._retries, "INITIAL_BACKOFF_S", 0.01)


def _param(fault: Fault) -> Any:
    return pytest.param(fault, id=fault.id)


@pytest.mark.parametrize("opted_in", [False, True], ids=["default-retries", "retry-non-idempotent"])
@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("fault", [_param(fault) for fault in FAULTS])
def test_a_fault_ends_in_its_typed_outcome_without_duplicates(
    fault, door, opted_in, vendor, server, drivers, tmp_path, key_watch
):
    if fault.reset_after is None:
        upload = tmp_path / "fault.wav"
        upload.write_bytes(WAV)
        raw = None
        base_url = server.base_url
        server.script(*fault.script(vendor))
    else:
        upload = tmp_path / "big.wav"
        upload.write_bytes(wav_bytes(payload=bytes(2_000_000)))
        raw = RawSocketServer()
        raw.reset_after(fault.reset_after)
        raw.start()
        base_url = raw.base_url
    timeout = (
        {} if fault.read_timeout is None else {"timeout": httpx.Timeout(10.0, connect=2.0, read=fault.read_timeout)}
    )
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=base_url, **timeout)
    expected = fault.outcome(opted_in)
    try:
        result, error = driver.clone_voice(**vendor.call(upload, "fault"), retry_non_idempotent=opted_in), None
    except vendor.package.APIError as caught:
        result, error = None, caught
    finally:
        if raw is not None:
            raw.stop()

    if raw is None:
        assert len(server.requests) == expected.requests
        assert server.created == ({"fault": expected.created} if expected.created else {})
        assert opted_in or server.created["fault"] <= 1
        sent = server.requests[-1]
        assert sent.authorization == f"Bearer {FAKE_KEY}"
    else:
        assert raw.connections == expected.requests
    if expected.error is None:
        assert error is None
        assert result.to_dict()[vendor.id_field] == f"voice-{len(server.accepted)}"
        if fault.check is not None:
            fault.check(vendor, result, fault.script(vendor)[-1].json)
    else:
        assert type(error) is getattr(vendor.package, expected.error), repr(error)
    if expected.body_sent is not None:
        assert error is not None
        assert error.body_sent is expected.body_sent
    if fault.raw_body is not None:
        assert error is not None
        assert error.raw_body == fault.raw_body
    if fault.id_in_reply and error is not None:
        assert FIRST_ID in error.body
    if isinstance(error, vendor.package.ResponseValidationError) and isinstance(error.data, dict):
        assert error.data[vendor.id_field] == FIRST_ID
    assert open_fds_under(tmp_path) == []
    key_watch.check(error if error is not None else result, driver.client)


def test_an_async_call_cancelled_while_waiting_closes_its_file(vendor, server, tmp_path, key_watch):
    """The caller gives up (``asyncio.wait_for``) while the server holds its answer: the voice may exist, but the
    file the call opened is closed at once, and the client still closes cleanly."""
    upload = tmp_path / "cancelled.wav"
    upload.write_bytes(WAV)
    server.script(Stall(60))

    async def give_up() -> list[str]:
        client = vendor.async_type(api_key=FAKE_KEY, base_url=server.base_url)
        try:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(client.clone_voice(**vendor.call(upload, "cancelled")), 0.5)
            return open_fds_under(tmp_path)
        finally:
            await client.aclose()

    assert asyncio.run(give_up()) == []
    assert server.created == {"cancelled": 1}
    assert len(server.requests) == 1
