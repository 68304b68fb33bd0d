"""Fixtures of the client-surface tests: a runner for sync and async calls, and both Retell front doors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import retell_client
from support.running import Runner


@pytest.fixture
def run() -> Iterator[Runner]:
    """A :class:`Runner` whose loop is closed after the test."""
    runner = Runner()
    yield runner
    runner.shutdown()


@pytest.fixture(params=["sync", "async"])
def retell_type(request: pytest.FixtureRequest) -> type[Any]:
    """``Retell`` or ``AsyncRetell``."""
    return retell_client.Retell if request.param == "sync" else retell_client.AsyncRetell
