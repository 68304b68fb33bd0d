"""The fault table: each injected fault with the outcome a call must end in, by default and with
``retry_non_idempotent``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..actions import Action, Respond, RespondAfterCreate, Stall
from ..vendors import Vendor

HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>"
ERROR_JSON = {"status": "error", "message": "injected"}
CORRUPT_GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"this is not deflate data"
"""A gzip header followed by bytes that do not inflate."""
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
    raw_body: bytes | None = None
    """The bytes the server answered with, which the error's ``raw_body`` must hold exactly."""

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
        UNPARSEABLE_VOICE,
        script=lambda _: [
            RespondAfterCreate(body=CORRUPT_GZIP, content_type="application/json", headers={"Content-Encoding": "gzip"})
        ],
        raw_body=CORRUPT_GZIP,
    ),
    Fault(
        "201-wrong-type-for-a-field",
        UNPARSEABLE_VOICE,
        script=lambda v: [RespondAfterCreate(json=voice_json(v, **{v.name_field: 42}))],
        id_in_reply=True,
    ),
]
