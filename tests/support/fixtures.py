"""pytest fixtures for the support servers; import them into ``tests/conftest.py``.

``retell_server`` and ``vogent_server`` share one running server per vendor for the whole session
(started on first use, stopped when pytest exits); each test gets it reset before and after.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .raw_socket import RawSocketServer
from .spec_server import SpecServer

_RUNNING = pytest.StashKey[dict[str, SpecServer]]()


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
