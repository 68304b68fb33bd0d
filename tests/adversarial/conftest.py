"""Fixtures of the adversarial suite: every test runs under the key watch, with logging at DEBUG."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from adversary import SERVER_LOGGERS, VENDORS, Collecting, KeyWatch, Samples, Vendor
from support import SpecServer
from support.drivers import Driver


@pytest.fixture(autouse=True)
def key_watch(caplog: pytest.LogCaptureFixture) -> Iterator[KeyWatch]:
    """Every logger at DEBUG (the test servers' own at WARNING) for the whole test; afterwards no record may show
    the fake API key. Tests hand their exceptions, results and clients to ``key_watch.check``."""
    watch = KeyWatch()
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "retell_client", "vogent_client"):
        caplog.set_level(logging.DEBUG, logger=name)
    for name in SERVER_LOGGERS:
        caplog.set_level(logging.WARNING, logger=name)
    handler = Collecting(watch.records)
    logging.getLogger().addHandler(handler)
    try:
        yield watch
    finally:
        logging.getLogger().removeHandler(handler)
    assert watch.leaking_records() == []


@pytest.fixture(params=list(VENDORS))
def vendor(request: pytest.FixtureRequest) -> Vendor:
    """Each vendor in turn."""
    return VENDORS[request.param]


@pytest.fixture
def server(vendor: Vendor, request: pytest.FixtureRequest) -> SpecServer:
    """The vendor's spec-validating loopback server, fresh for the test."""
    spec_server: SpecServer = request.getfixturevalue(f"{vendor.name}_server")
    return spec_server


@pytest.fixture
def drivers() -> Iterator[Callable[..., Driver]]:
    """``drivers(vendor, door, **options)``: front doors that are closed when the test ends."""
    opened: list[Driver] = []

    def make(vendor: Vendor, door: str, **options: Any) -> Driver:
        driver = vendor.driver(door, **options)
        opened.append(driver)
        return driver

    yield make
    for driver in opened:
        driver.close()


@pytest.fixture
def samples(tmp_path) -> Iterator[Samples]:
    """Awkward inputs under ``tmp_path``; file handles it opened are closed after the test."""
    made = Samples(tmp_path)
    yield made
    made.close()
