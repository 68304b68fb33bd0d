"""Derived clients (with_options, with_headers, with_timeout, with_cookies) never change their parent or siblings,
whatever was used first, and per-call options apply to that call alone; checked on the wire, sync and async."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import retell_client
from support import Respond, SpecServer, Stall
from support.drivers import FAKE_KEY
from support.running import Runner

OTHER_KEY = "sk-test-OTHER-0b7e11"

DERIVATIONS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], bool]]] = {
    "with_headers": (lambda c: c.with_headers({"X-Derived": "1"}), lambda r: r.header("x-derived") == "1"),
    "with_options-headers": (
        lambda c: c.with_options(headers={"X-Derived": "1"}),
        lambda r: r.header("x-derived") == "1",
    ),
    "with_cookies": (
        lambda c: c.with_cookies({"session": "derived"}),
        lambda r: "session=derived" in (r.header("cookie") or ""),
    ),
    "with_options-api_key": (
        lambda c: c.with_options(api_key=OTHER_KEY),
        lambda r: r.authorization == f"Bearer {OTHER_KEY}",
    ),
}
ORDERS = ["parent-first", "derived-first", "sibling-then-parent"]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("derivation", list(DERIVATIONS))
def test_a_derived_client_setting_reaches_only_its_own_requests(
    retell_type: type[Any], retell_server: SpecServer, run: Runner, derivation: str, order: str
) -> None:
    derive, carries = DERIVATIONS[derivation]
    parent = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    sequence = {
        "parent-first": ["parent", "derive", "derived", "parent"],
        "derived-first": ["derive", "derived", "parent", "derived"],
        "sibling-then-parent": ["derive", "sibling", "derived", "sibling", "parent"],
    }[order]
    derived: Any = None
    sibling = parent.with_options(max_retries=1)
    who: list[str] = []
    for step in sequence:
        if step == "derive":
            derived = derive(parent)
            continue
        client = {"parent": parent, "derived": derived, "sibling": sibling}[step]
        run.clone(client, name=step)
        who.append(step)
    run.close(parent)
    for name, request in zip(who, retell_server.requests, strict=True):
        assert carries(request) == (name == "derived"), (name, request.headers)
        if name != "derived" or derivation != "with_options-api_key":
            assert request.authorization in {f"Bearer {FAKE_KEY}", f"Bearer {OTHER_KEY}"}
    others = [request for name, request in zip(who, retell_server.requests, strict=True) if name != "derived"]
    assert all(request.authorization == f"Bearer {FAKE_KEY}" for request in others)


@pytest.mark.parametrize("order", ["parent-first", "derived-first"])
def test_a_derived_timeout_times_out_alone(
    retell_type: type[Any], retell_server: SpecServer, run: Runner, order: str
) -> None:
    parent = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url, max_retries=0)
    impatient = parent.with_timeout(0.3)
    if order == "parent-first":
        run.clone(parent, name="warm")
    retell_server.script(Stall(1.0, then=Respond(201, json=None)))
    with pytest.raises(retell_client.APITimeoutError):
        run.clone(impatient, name="impatient")
    retell_server.script(Stall(0.6))
    voice = run.clone(parent, name="patient")
    assert voice.voice_name == "patient"
    assert parent.timeout.read == 60.0
    run.close(parent)


def test_derived_retry_settings_apply_to_the_derived_client_only(
    retell_type: type[Any], retell_server: SpecServer, run: Runner
) -> None:
    parent = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    no_retries = parent.with_options(max_retries=0)
    retell_server.script(Respond(429, headers={"Retry-After": "0"}))
    with pytest.raises(retell_client.RateLimitError):
        run.clone(no_retries, name="once")
    retell_server.script(Respond(429, headers={"Retry-After": "0"}))
    assert run.clone(parent, name="retried").voice_name == "retried"
    assert (parent.max_retries, no_retries.max_retries) == (2, 0)
    assert len(retell_server.requests) == 3
    run.close(parent)


def test_per_call_timeout_and_extra_headers_apply_to_that_call_alone(
    retell_type: type[Any], retell_server: SpecServer, run: Runner
) -> None:
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url, max_retries=0, headers={"X-Client": "c"})
    run.clone(client, name="with-extra", extra_headers={"X-Call": "1", "X-Client": "overridden"})
    run.clone(client, name="plain")
    first, second = retell_server.requests
    assert (first.header("x-call"), first.header("x-client")) == ("1", "overridden")
    assert (second.header("x-call"), second.header("x-client")) == (None, "c")
    retell_server.script(Stall(1.0))
    with pytest.raises(retell_client.APITimeoutError):
        run.clone(client, name="short", timeout=0.3)
    retell_server.script(Stall(0.5))
    assert run.clone(client, name="default-timeout").voice_name == "default-timeout"
    run.close(client)


@pytest.mark.parametrize("header", ["Authorization", "authorization", "AUTHORIZATION"])
def test_authorization_in_extra_headers_is_refused_before_sending(
    retell_type: type[Any], retell_server: SpecServer, run: Runner, header: str
) -> None:
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    with pytest.raises(retell_client.InvalidInputError, match="may not set Authorization"):
        run.clone(client, extra_headers={header: "Bearer stolen"})
    assert retell_server.connections == 0


def test_the_user_agent_names_the_package_version_python_and_httpx_and_keeps_the_callers(
    retell_type: type[Any], retell_server: SpecServer, run: Runner
) -> None:
    import platform  # noqa: PLC0415

    import httpx  # noqa: PLC0415

    ours = f"retell-client/{retell_client.__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
    client = retell_type(api_key=FAKE_KEY, base_url=retell_server.base_url)
    run.clone(client, name="plain")
    run.clone(client.with_headers({"User-Agent": "my-app/2.1"}), name="app")
    run.clone(client, name="call", extra_headers={"User-Agent": "batch-job/7"})
    assert [r.header("user-agent") for r in retell_server.requests] == [
        ours,
        f"my-app/2.1 {ours}",
        f"batch-job/7 {ours}",
    ]
    run.close(client)
