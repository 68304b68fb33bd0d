"""The adversarial suite runs every test under the key watch, with logging at DEBUG."""

from __future__ import annotations

import pytest
from support.keywatch import KeyWatch


@pytest.fixture(autouse=True)
def every_attack_under_key_watch(key_watch: KeyWatch) -> KeyWatch:
    """``key_watch`` for every test here, asked for or not: no log record of the test may show the key."""
    return key_watch
