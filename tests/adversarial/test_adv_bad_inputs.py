"""Bad inputs, one table row each: every one raises its typed error, naming the input and the rule, before a single
byte reaches the loopback server (its connection count stays 0), on both vendors' sync and async front doors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from support.attacks.bad_inputs import FROM_ENV, ROWS, BadInput
from support.audio import WAV
from support.drivers import FAKE_KEY, open_fds_under
from support.vendors import DOORS, VENDORS, Vendor


def _param(row: BadInput) -> Any:
    return pytest.param(row, id=f"{row.vendor}-{row.id}")


def test_every_row_is_distinct():
    ids = [(row.vendor, row.id) for row in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("row", [_param(row) for row in ROWS])
def test_a_bad_input_raises_its_typed_error_before_any_byte_is_sent(
    row, door, samples, drivers, request, monkeypatch, key_watch
):
    vendor: Vendor = VENDORS[row.vendor]
    server = request.getfixturevalue(f"{vendor.name}_server")
    for suffix, value in row.env.items():
        if value is None:
            monkeypatch.delenv(f"{vendor.env_prefix}_{suffix}", raising=False)
        else:
            monkeypatch.setenv(f"{vendor.env_prefix}_{suffix}", value)
    base_url = server.base_url if row.base_url is None else row.base_url(server.base_url)
    options = {"api_key": FAKE_KEY, "base_url": base_url, **row.client}
    options = {name: value for name, value in options.items() if value is not FROM_ENV}
    kwargs = (row.call or (lambda s: vendor.call(s.wav, "adversarial")))(samples)
    error_type = getattr(vendor.package, row.error)
    with pytest.raises(error_type) as caught, samples.privileges():
        drivers(vendor, door, **options).clone_voice(**kwargs)
    assert server.connections == 0
    assert server.requests == []
    assert open_fds_under(samples.root) == samples.open_paths()
    message = str(caught.value)
    for fragment in row.fragments:
        assert fragment in message
    key_watch.check(caught.value)


@pytest.mark.parametrize("door", DOORS)
def test_a_file_named_in_latin_1_goes_out_or_is_refused_locally(vendor, door, server, drivers, tmp_path, key_watch):
    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"voix-r\xe9sum\xe9.wav")))
    path.write_bytes(WAV)
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    try:
        driver.clone_voice(**vendor.call(path, "latin-1"))
    except vendor.package.InvalidInputError as refused:
        assert server.connections == 0
        key_watch.check(refused)
    else:
        assert server.created == {"latin-1": 1}
    assert open_fds_under(tmp_path) == []
