"""Every Python example of the READMEs runs as written against the loopback servers, keys and URLs from the
environment, as a reader who copies it would run it.

A package README's examples after the first use the ``client`` of the first, as its prose says: each runs with an
open front door bound to ``client``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.audio import MP3_BYTES, WAV
from support.spec_server import SpecServer

from sdkgen.vendors import ROOT, VENDORS, Vendor

BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
CALL = re.compile(r"\bclone_voice(?:\.sync)?\(")
SAMPLES = {"sample.wav": WAV, "sample-1.wav": WAV, "sample-2.mp3": MP3_BYTES}


def _examples() -> list[object]:
    return list(_each_example())


def _each_example() -> Iterator[object]:
    readmes: dict[str, tuple[Path, Vendor | None]] = {"README": (ROOT / "README.md", None)}
    readmes |= {vendor.project: (vendor.output_dir() / "README.md", vendor) for vendor in VENDORS.values()}
    for label, (path, vendor) in readmes.items():
        for index, block in enumerate(BLOCK.findall(path.read_text(encoding="utf-8"))):
            yield pytest.param(vendor, block, id=f"{label}-{index}")


@pytest.fixture
def environment(
    retell_server: SpecServer, vogent_server: SpecServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> list[SpecServer]:
    for name, server in (("RETELL", retell_server), ("VOGENT", vogent_server)):
        monkeypatch.setenv(f"{name}_API_KEY", f"sk-{name.lower()}-readme-0000")
        monkeypatch.setenv(f"{name}_BASE_URL", server.base_url)
    for name, data in SAMPLES.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    return [retell_server, vogent_server]


def _created(servers: list[SpecServer]) -> int:
    return sum(sum(server.created.values()) for server in servers)


@pytest.mark.parametrize(("vendor", "block"), _examples())
def test_the_example_runs_as_written(vendor: Vendor | None, block: str, environment: list[SpecServer]) -> None:
    namespace: dict[str, object] = {"__name__": "__main__"}
    client = None
    if vendor is not None:
        client = getattr(importlib.import_module(vendor.package), vendor.name.capitalize())()
        namespace["client"] = client
    try:
        exec(compile(block, "<README example>", "exec"), namespace)
    finally:
        if client is not None:
            client.close()
    assert _created(environment) == len(CALL.findall(block)), "each call of the example creates one voice"


def test_every_package_readme_has_its_examples_run() -> None:
    assert len(_examples()) >= 2 + 8 * len(VENDORS)
