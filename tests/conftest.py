"""Fixtures shared by the suites: the spec-validating servers, and front-door clients pointed at them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import retell_client
import vogent_client
from support.drivers import FAKE_KEY, Driver
from support.fixtures import raw_socket_server, retell_server, vogent_server

__all__ = ["raw_socket_server", "retell", "retell_server", "vogent", "vogent_server"]

TEST_TIMEOUT = httpx.Timeout(10.0, connect=2.0)


def drive(request: pytest.FixtureRequest, sync_type: type, async_type: type, base_url: str) -> Iterator[Driver]:
    """A driver for the sync or async front door, as the fixture's parameter says, closed after the test."""
    client_type = sync_type if request.param == "sync" else async_type
    driver = Driver(client_type, api_key=FAKE_KEY, base_url=base_url, timeout=TEST_TIMEOUT)
    yield driver
    driver.close()


@pytest.fixture(params=["sync", "async"])
def retell(request: pytest.FixtureRequest, retell_server) -> Iterator[Driver]:
    """``Retell`` or ``AsyncRetell`` pointed at the Retell test server."""
    yield from drive(request, retell_client.Retell, retell_client.AsyncRetell, retell_server.base_url)


@pytest.fixture(params=["sync", "async"])
def vogent(request: pytest.FixtureRequest, vogent_server) -> Iterator[Driver]:
    """``Vogent`` or ``AsyncVogent`` pointed at the Vogent test server."""
    yield from drive(request, vogent_client.Vogent, vogent_client.AsyncVogent, vogent_server.base_url)
