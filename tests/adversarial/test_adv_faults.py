"""Injected faults over real loopback sockets, as a matrix: every fault x both vendors x sync and async x retries
as by default or opted in to ``retry_non_idempotent``.

For each: the typed outcome, how many requests reached the server and how many voices it created (never two for
one call unless retries were opted in), the created voice's id recoverable wherever the server's answer carried it,
and no file left open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from adversary import DOORS, VENDORS, WAV, Vendor
from support import Action, RawSocketServer, Respond, RespondAfterCreate, Stall
from support.audio import wav_bytes
from support.drivers import FAKE_KEY, open_fds_under

HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>"
ERROR_JSON = {"status": "error", "message": "injected"}
FIRST_ID = "voice-1"
"""The id the loopback server gives the first voice created after its reset, i.e. in each test."""


@dataclass(frozen=True)
class Outcome:
    """What a call must end in: ``error`` (the name of the package's error class) or the voice when ``None``;
    the requests (or raw connections) that reached the server; the voices it created for the call's name; and for
    a transport error, whether any of the body had gone out."""

    error: str | None
    requests: int
    created: int
    body_sent: bool | None = None
    exact: bool = True
    """Whether the error must be of exactly that class, not a subclass."""


@dataclass(frozen=True)
class Fault:
    """One injected fault: the server's script, or a raw socket that resets after ``reset_after`` bytes."""

    id: str
    default: Outcome
    opted_in: Outcome | None = None
    """The outcome with ``retry_non_idempotent=True`` when it differs from ``default``."""
    script: Callable[[Vendor], list[Action]] = lambda _: []
    reset_after: int | None = None
    read_timeout: float | None = None
    """The client's read timeout, when the fault needs a short one."""
    id_in_reply: bool = False
    """Whether the server's answer to the creating request carries the voice's id (so it must be recoverable)."""
    check: Callable[[Vendor, Any, dict[str, Any]], None] | None = None
    """Further checks of a returned voice, given the body the server sent."""

    def outcome(self, opted_in: bool) -> Outcome:
        return self.opted_in if opted_in and self.opted_in is not None else self.default


def voice_json(vendor: Vendor, **changes: Any) -> dict[str, Any]:
    """The body the server sends for the test's voice (``FIRST_ID``, named ``fault``), with ``changes`` applied;
    a change to ``None`` drops the field."""
    body = {**vendor.voice(FIRST_ID, "fault"), **changes}
    return {name: value for name, value in body.items() if value is not None}


def unknown_enums(vendor: Vendor) -> dict[str, Any]:
    return voice_json(vendor, **{field: value for field, (_, value) in vendor.unknown_enums.items()})


def keeps_unknown_fields(vendor: Vendor, voice: Any, sent: dict[str, Any]) -> None:
    assert voice.additional_properties == {"embedding": [0.5, -1], "labels": {"tier": "beta"}, "deprecated": None}
    assert voice.to_dict() == sent


def keeps_unknown_enum_values(vendor: Vendor, voice: Any, sent: dict[str, Any]) -> None:
    for field, (attribute, value) in vendor.unknown_enums.items():
        member = getattr(voice, attribute)
        assert (member.value, member.is_known, str(member)) == (value, False, value), field
    assert voice.to_dict() == sent


def rate_limited(retry_after: str | None) -> Action:
    return Respond(429, json=ERROR_JSON, headers={} if retry_after is None else {"Retry-After": retry_after})


def unavailable(retry_after: str | None) -> Action:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return Respond(503, body=b"Service Unavailable", content_type="text/plain", headers=headers)


RETRIED_THEN_CREATED = Outcome(None, requests=2, created=1)
NOT_RETRIED_NO_VOICE = Outcome("InternalServerError", requests=1, created=0)
UNPARSEABLE_VOICE = Outcome("ResponseValidationError", requests=1, created=1)

FAULTS = [
    Fault("429-retry-after-0", RETRIED_THEN_CREATED, script=lambda _: [rate_limited("0")]),
    Fault("429-no-retry-after", RETRIED_THEN_CREATED, script=lambda _: [rate_limited(None)]),
    Fault("429-retry-after-garbage", RETRIED_THEN_CREATED, script=lambda _: [rate_limited("soon")]),
    Fault("503-retry-after-0", RETRIED_THEN_CREATED, script=lambda _: [unavailable("0")]),
    Fault("503-no-retry-after", RETRIED_THEN_CREATED, script=lambda _: [unavailable(None)]),
    Fault("429-persistent", Outcome("RateLimitError", 3, 0), script=lambda _: [rate_limited("0")] * 3),
    Fault("503-persistent", Outcome("InternalServerError", 3, 0), script=lambda _: [unavailable("0")] * 3),
    Fault(
        "502-html-from-a-proxy",
        NOT_RETRIED_NO_VOICE,
        opted_in=RETRIED_THEN_CREATED,
        script=lambda _: [Respond(502, body=HTML, content_type="text/html")],
    ),
    Fault(
        "500-after-creating",
        Outcome("InternalServerError", 1, 1),
        opted_in=Outcome(None, requests=2, created=2),
        script=lambda _: [RespondAfterCreate(500, json=ERROR_JSON)],
    ),
    Fault(
        "stall-past-read-timeout",
        Outcome("APITimeoutError", 1, 1, body_sent=True),
        opted_in=Outcome(None, requests=2, created=2),
        script=lambda _: [Stall(60)],
        read_timeout=0.75,
    ),
    Fault(
        "response-cut-short",
        Outcome("APIConnectionError", 1, 1, body_sent=True),
        opted_in=Outcome(None, requests=2, created=2),
        script=lambda _: [RespondAfterCreate(headers={"Content-Length": "100000"})],
    ),
    Fault(
        "reset-mid-upload",
        Outcome("APIConnectionError", 1, 0, body_sent=True),
        opted_in=Outcome("APIConnectionError", 3, 0, body_sent=True),
        reset_after=50_000,
    ),
    Fault(
        "201-html",
        UNPARSEABLE_VOICE,
        script=lambda _: [RespondAfterCreate(body=HTML, content_type="text/html")],
    ),
    Fault(
        "201-truncated-json",
        UNPARSEABLE_VOICE,
        script=lambda v: [RespondAfterCreate(body=f'{{"{v.id_field}": "{FIRST_ID}", "na'.encode())],
        id_in_reply=True,
    ),
    Fault(
        "201-json-array",
        UNPARSEABLE_VOICE,
        script=lambda v: [RespondAfterCreate(json=[voice_json(v)])],
        id_in_reply=True,
    ),
    Fault(
        "201-empty-body",
        UNPARSEABLE_VOICE,
        script=lambda _: [RespondAfterCreate(body=b"", content_type="application/json")],
    ),
    Fault(
        "201-missing-required-field",
        UNPARSEABLE_VOICE,
        script=lambda v: [RespondAfterCreate(json=voice_json(v, **{v.required_field: None}))],
        id_in_reply=True,
    ),
    Fault(
        "undocumented-2xx-status",
        UNPARSEABLE_VOICE,
        script=lambda v: [RespondAfterCreate(status=200 if v.success_status == 201 else 201)],
        id_in_reply=True,
    ),
    Fault(
        "201-unknown-fields",
        Outcome(None, 1, 1),
        script=lambda v: [
            RespondAfterCreate(json=voice_json(v, embedding=[0.5, -1], labels={"tier": "beta"}) | {"deprecated": None})
        ],
        check=keeps_unknown_fields,
    ),
    Fault(
        "201-unknown-enum-values",
        Outcome(None, 1, 1),
        script=lambda v: [RespondAfterCreate(json=unknown_enums(v))],
        check=keeps_unknown_enum_values,
    ),
    Fault(
        "201-corrupt-gzip-body",
        Outcome("APIError", 1, 1, exact=False),
        script=lambda v: [RespondAfterCreate(headers={"Content-Encoding": "gzip"})],
    ),
    Fault(
        "201-wrong-type-for-a-field",
        UNPARSEABLE_VOICE,
        script=lambda v: [RespondAfterCreate(json=voice_json(v, **{v.name_field: 42}))],
        id_in_reply=True,
    ),
]


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch):
    """Backoff without ``Retry-After`` starts at 10 ms here instead of 0.5 s, so the matrix runs in seconds; the
    real schedule is tested in test_errors_and_retries.py."""
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
        expected_type = getattr(vendor.package, expected.error)
        assert isinstance(error, expected_type) and (type(error) is expected_type or not expected.exact), repr(error)
    if expected.body_sent is not None:
        assert error.body_sent is expected.body_sent
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
