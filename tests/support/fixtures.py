"""pytest fixtures of the toolkit, imported by ``tests/conftest.py`` so every suite has them.

``retell_server`` and ``vogent_server`` share one running server per vendor for the whole session (started on first
use, stopped when pytest exits; under pytest-xdist, one per worker process); each test gets it reset before and
after. Every other server here is started for the test that asks for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import retell_client
import vogent_client

from .audio import WAV
from .drivers import FAKE_KEY, Driver
from .http_servers import PageServer, Redirector, closed_port, self_signed_certificate
from .keywatch import CLIENT_LOGGERS, SERVER_LOGGERS, Collecting, KeyWatch
from .lifecycle import started_until_teardown
from .raw_socket import RawSocketServer
from .repository import copy_repository
from .samples import Samples
from .shared import sharing
from .spec_server import SpecServer
from .stock import StockPackages
from .vendors import VENDORS, Vendor

_RUNNING = pytest.StashKey[dict[str, SpecServer]]()
DRIVER_TIMEOUT = httpx.Timeout(10.0, connect=2.0)
"""The timeout of the ``retell`` and ``vogent`` front-door fixtures."""


def _running(config: pytest.Config, vendor: str) -> SpecServer:
    """The session's server for ``vendor``: kept in ``config.stash``, so importing these fixtures twice is harmless."""
    servers = config.stash.setdefault(_RUNNING, {})
    if vendor not in servers:
        server = SpecServer(vendor)
        server.start()
        config.add_cleanup(server.stop)
        servers[vendor] = server
    return servers[vendor]


def _fresh(server: SpecServer) -> Iterator[SpecServer]:
    server.reset()
    yield server
    server.reset()


@pytest.fixture
def retell_server(request: pytest.FixtureRequest) -> Iterator[SpecServer]:
    """Retell's ``POST /clone-voice`` at ``retell_server.base_url``, with no recorded state and no script."""
    yield from _fresh(_running(request.config, "retell"))


@pytest.fixture
def vogent_server(request: pytest.FixtureRequest) -> Iterator[SpecServer]:
    """Vogent's ``POST /voices/clone`` under ``vogent_server.base_url`` (``.../api``), fresh as ``retell_server``."""
    yield from _fresh(_running(request.config, "vogent"))


@pytest.fixture
def raw_socket_server() -> Iterator[RawSocketServer]:
    """A new RawSocketServer for this test, resetting each connection after one byte until told otherwise."""
    with RawSocketServer() as server:
        yield server


def _drive(request: pytest.FixtureRequest, sync_type: type, async_type: type, base_url: str) -> Iterator[Driver]:
    client_type = sync_type if request.param == "sync" else async_type
    driver = Driver(client_type, api_key=FAKE_KEY, base_url=base_url, timeout=DRIVER_TIMEOUT)
    yield driver
    driver.close()


@pytest.fixture(params=["sync", "async"])
def retell(request: pytest.FixtureRequest, retell_server: SpecServer) -> Iterator[Driver]:
    """``Retell`` or ``AsyncRetell`` pointed at the Retell test server, closed after the test."""
    yield from _drive(request, retell_client.Retell, retell_client.AsyncRetell, retell_server.base_url)


@pytest.fixture(params=["sync", "async"])
def vogent(request: pytest.FixtureRequest, vogent_server: SpecServer) -> Iterator[Driver]:
    """``Vogent`` or ``AsyncVogent`` pointed at the Vogent test server, closed after the test."""
    yield from _drive(request, vogent_client.Vogent, vogent_client.AsyncVogent, vogent_server.base_url)


@pytest.fixture
def wav_file(tmp_path: Path) -> Path:
    """``sample.wav`` under ``tmp_path``, holding ``WAV``."""
    path = tmp_path / "sample.wav"
    path.write_bytes(WAV)
    return path


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
def samples(tmp_path: Path) -> Iterator[Samples]:
    """Awkward inputs under ``tmp_path``; file handles it opened are closed after the test."""
    made = Samples(tmp_path)
    yield made
    made.close()


@pytest.fixture
def key_watch(caplog: pytest.LogCaptureFixture) -> Iterator[KeyWatch]:
    """Every logger at DEBUG (the test servers' own at WARNING) for the whole test; afterwards no record may show
    the fake API key. Tests hand their exceptions, results and clients to ``key_watch.check``."""
    watch = KeyWatch()
    caplog.set_level(logging.DEBUG)
    for name in CLIENT_LOGGERS:
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


@pytest.fixture
def redirector() -> Iterator[Callable[[int, str], Redirector]]:
    """``redirector(status, target)``: a running Redirector, stopped after the test."""
    yield from started_until_teardown(Redirector)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate and key for 127.0.0.1, in one PEM file."""
    pem = self_signed_certificate(tmp_path_factory.mktemp("tls"))
    if pem is None:
        pytest.skip("the openssl command is needed to make a self-signed certificate")
    return pem


@pytest.fixture(scope="session")
def page_server() -> Iterator[PageServer]:
    """Upstream documentation pages served on 127.0.0.1 for the whole session: ``page_server.publish(name, text)``."""
    with PageServer() as server:
        yield server


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL nothing listens on: connecting is refused."""
    return f"http://127.0.0.1:{closed_port()}/page.md"


@pytest.fixture
def tooling_copy(tmp_path: Path) -> Path:
    """A private copy of the repository with sdkgen; ``python -m sdkgen`` run there works on it, not the checkout."""
    return copy_repository(tmp_path / "repo", tooling=True)


@pytest.fixture
def scratch_repository(tmp_path: Path) -> Path:
    """The inputs and the committed output of generation (no sdkgen), copied to a scratch root."""
    return copy_repository(tmp_path)


@pytest.fixture(scope="session")
def stock_packages(tmp_path_factory: pytest.TempPathFactory) -> StockPackages:
    """Stock openapi-python-client output for both vendored specs, imported as ``stock_<vendor>_client``."""
    return StockPackages(sharing(tmp_path_factory))
