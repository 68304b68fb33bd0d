"""The load test's figures and script: how many calls, how many in flight, and which requests fail."""

from __future__ import annotations

from ..actions import Action, Respond, RespondAfterCreate

CALLS = 2_000
IN_FLIGHT = 128
FAULT_EVERY = 20
"""One scripted request in 20 (5%) fails."""
FAULTS: list[Action] = [
    Respond(429, json={"status": "error", "message": "slow down"}, headers={"Retry-After": "0"}),
    Respond(503, body=b"Service Unavailable", content_type="text/plain"),
    Respond(429, json={"status": "error", "message": "slow down"}),
    Respond(503, body=b"Service Unavailable", content_type="text/plain", headers={"Retry-After": "0"}),
]
"""The failures, in turn: 429 and 503, with and without ``Retry-After``."""


def script() -> list[Action]:
    """One action per call, in arrival order: the real handler, but every 20th request fails.

    Retries arrive after the script is used up and get the real handler."""
    return [
        FAULTS[(n // FAULT_EVERY) % len(FAULTS)] if n % FAULT_EVERY == 7 else RespondAfterCreate() for n in range(CALLS)
    ]
