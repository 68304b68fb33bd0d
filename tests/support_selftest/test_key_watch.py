"""The key watch itself (``support/keywatch.py``): it sees debug records of a real call and catches a leak."""

from __future__ import annotations

import logging

import pytest
from support.audio import WAV
from support.drivers import FAKE_KEY
from support.keywatch import KeyWatch


def test_the_key_watch_captures_debug_records_and_catches_a_leak(vendor, server, drivers, key_watch):
    drivers(vendor, "sync", api_key=FAKE_KEY, base_url=server.base_url).clone_voice(**vendor.call(WAV, "watched"))
    levels = {(record.name.partition(".")[0], record.levelno) for record in key_watch.records}
    assert {("httpcore", logging.DEBUG), ("httpx", logging.INFO)} <= levels

    logging.getLogger("selftest").debug("token=%s", FAKE_KEY)
    (leak,) = key_watch.leaking_records()
    assert leak.startswith("selftest: token=")
    key_watch.records[:] = [record for record in key_watch.records if record.name != "selftest"]
    with pytest.raises(AssertionError, match="the API key shows in the str of RuntimeError"):
        KeyWatch().check(ValueError("no key here"), RuntimeError(f"key {FAKE_KEY}"))
