"""Fixtures shared by the suites: the spec-validating servers, and front-door clients pointed at them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import retell_client
import vogent_client
from clients import FAKE_KEY, Driver
from support.fixtures import raw_socket_server, retell_server, vogent_server

__all__ = ["raw_socket_server", "retell", "retell_server", "vogent", "vogent_server"]

TEST_TIMEOUT = httpx.Timeout(10.0, connect=2.0)


@pytest.fixture(params=["sync", "async"])
def retell(request: pytest.FixtureRequest, retell_server) -> Iterator[Driver]:
    """``Retell`` or ``AsyncRetell`` pointed at the Retell test server."""
    client_type = retell_client.Retell if request.param == "sync" else retell_client.AsyncRetell
    driver = Driver(client_type, api_key=FAKE_KEY, base_url=retell_server.base_url, timeout=TEST_TIMEOUT)
    yield driver
    driver.close()


@pytest.fixture(params=["sync", "async"])
def vogent(request: pytest.FixtureRequest, vogent_server) -> Iterator[Driver]:
    """``Vogent`` or ``AsyncVogent`` pointed at the Vogent test server."""
    client_type = vogent_client.Vogent if request.param == "sync" else vogent_client.AsyncVogent
    driver = Driver(client_type, api_key=FAKE_KEY, base_url=vogent_server.base_url, timeout=TEST_TIMEOUT)
    yield driver
    driver.close()
