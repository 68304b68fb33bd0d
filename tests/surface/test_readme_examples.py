"""The package READMEs: every Python example is valid code using names the package has, and the documented
defaults are the client's."""

from __future__ import annotations

import ast
import importlib
import re

import httpx
import pytest

from sdkgen.vendors import VENDORS

BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_every_example_parses_and_names_what_the_package_has(vendor) -> None:
    readme = (vendor.output_dir() / "README.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(readme)
    assert len(blocks) >= 8
    package = importlib.import_module(vendor.package)
    for block in blocks:
        tree = ast.parse(block.replace("async with", "with").replace("await ", ""))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == vendor.package:
                assert all(hasattr(package, alias.name) for alias in node.names), block
    for shown in ("with_options", "with_raw_response", "http_client=", "extra_headers=", "timeout="):
        assert shown in readme, shown
    assert readme.index(f"pip install {vendor.project}") < readme.index(f"pip install ./generated/{vendor.project}")


@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_the_documented_defaults_are_the_clients(vendor, monkeypatch: pytest.MonkeyPatch) -> None:
    package = importlib.import_module(vendor.package)
    monkeypatch.setenv(f"{vendor.name.upper()}_API_KEY", "sk-readme-example-0000")
    client = getattr(package, vendor.name.capitalize())()
    assert client.timeout == httpx.Timeout(60.0, connect=5.0)
    assert client.max_retries == 2
    constants = importlib.import_module(f"{vendor.package}._constants")
    assert (constants.DEFAULT_DEADLINE_S, constants.DEADLINE_SECONDS_PER_MIB) == (120.0, 1.0)
    assert constants.DEFAULT_MAX_RESPONSE_BYTES == 16 * 1024 * 1024
