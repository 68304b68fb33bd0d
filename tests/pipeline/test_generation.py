"""Generation: the vendored page and spec agree, regeneration gives the committed packages with the overlay,
deterministically, with the pinned ruff, into wheels that carry the overlay."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate
from support.repository import tree_digest

from sdkgen.errors import SdkgenError
from sdkgen.generate import build_project
from sdkgen.pages import extract_openapi
from sdkgen.vendors import ROOT, VENDORS

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_vendored_spec_is_the_pages_fenced_block_byte_for_byte(vendor):
    page = vendor.page_path().read_text(encoding="utf-8")
    assert extract_openapi(page, "page") == vendor.spec_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_vendored_page_is_the_published_seed(vendor):
    seeds = {"retell": "000_c352281db2fb3841.txt", "vogent": "002_18b0ab689e8769d2.txt"}
    seed = SEEDS / seeds[vendor.name]
    if not seed.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    assert vendor.page_path().read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_vendored_spec_is_valid_openapi(vendor):
    validate(yaml.safe_load(vendor.spec_path().read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("# Clone Voice\nno spec here\n", "no OpenAPI block"),
        ("````yaml a\nopenapi: 3.0.3\n````\n````yaml b\nopenapi: 3.0.3\n````\n", "2 OpenAPI blocks"),
        ("````yaml a\nopenapi: 3.0.3\n", "never closed"),
        ("````yaml a\nopenapi: [3.0.3\n````\n", "does not parse"),
        ("````yaml a\n- just a list\n````\n", "not an OpenAPI document"),
    ],
)
def test_bad_pages_are_refused_with_the_page_named(page, reason):
    with pytest.raises(SdkgenError, match=reason) as caught:
        extract_openapi(page, "specs/x/page.md")
    assert str(caught.value).startswith("specs/x/page.md: ")


@pytest.mark.slow
def test_regenerating_from_scratch_gives_the_committed_packages_with_the_overlay(tmp_path):
    for vendor in VENDORS.values():
        project = build_project(vendor, tmp_path / vendor.name)
        assert tree_digest(project) == tree_digest(vendor.output_dir())
        package = project / vendor.package
        for module in (ROOT / "overlays" / "package").glob("*.py"):
            assert (package / module.name).read_bytes() == module.read_bytes(), module.name
        assert (package / "_patch.py").read_bytes() == (
            ROOT / "overlays" / vendor.name / "package" / "_patch.py"
        ).read_bytes()
        assert (package / "py.typed").exists()
        assert not any(path.name in {".ruff_cache", "__pycache__"} for path in project.rglob("*"))


@pytest.mark.slow
def test_generation_is_deterministic_and_free_of_local_paths(tmp_path):
    vendor = VENDORS["vogent"]
    first = build_project(vendor, tmp_path / "one")
    second = build_project(vendor, tmp_path / "two")
    assert tree_digest(first) == tree_digest(second)
    for path in first.rglob("*"):
        if path.is_file():
            text = path.read_bytes()
            assert str(tmp_path).encode() not in text, path
            assert str(Path.home()).encode() not in text or str(Path.home()) == "/", path


@pytest.mark.slow
def test_the_pinned_ruff_is_used_whatever_ruff_comes_first_on_path(tmp_path, monkeypatch):
    impostor = tmp_path / "bin" / "ruff"
    impostor.parent.mkdir()
    impostor.write_text("#!/bin/sh\necho impostor ruff ran >&2\nexit 1\n")
    impostor.chmod(impostor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{impostor.parent}{os.pathsep}{os.environ['PATH']}")
    vendor = VENDORS["vogent"]
    assert tree_digest(build_project(vendor, tmp_path / "out")) == tree_digest(vendor.output_dir())


@pytest.mark.slow
@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_each_package_builds_a_wheel_with_the_overlay_and_py_typed(vendor, tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(vendor.output_dir()),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(
        subprocess.run(
            [sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for member in ("py.typed", "_patch.py", "_files.py", "_transport.py", "_spec.py", "client.py"):
        assert f"{vendor.package}/{member}" in names
