"""The regeneration pipeline: extraction, validation, determinism, atomicity and the overlay's presence."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate
from support.repository import copy_repository

from sdkgen.errors import SdkgenError
from sdkgen.generate import build, generate
from sdkgen.pages import extract_openapi
from sdkgen.vendors import ROOT, VENDORS

SEEDS = ROOT.parent / "shared" / "seeds"
CACHES = {"__pycache__", ".mypy_cache", ".pytest_cache"}
"""Caches that tools leave beside code they run or check, and that git ignores."""


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, with its sha256, tool caches aside."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not CACHES.intersection(path.parts)
    }


@pytest.fixture
def scratch_repository(tmp_path: Path) -> Path:
    """The inputs and the committed output of generation, copied to a scratch root."""
    return copy_repository(tmp_path)


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
        project = build(vendor, tmp_path / vendor.name)
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
    first = build(vendor, tmp_path / "one")
    second = build(vendor, tmp_path / "two")
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
    assert tree_digest(build(vendor, tmp_path / "out")) == tree_digest(vendor.output_dir())


def _corrupt(repo: Path, vendor: str, text: str) -> None:
    (repo / "specs" / vendor / "openapi.yaml").write_text(text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("spec_text", "reason"),
    [
        ("openapi: 3.0.3\ninfo: [unclosed\n", "does not parse"),
        ("openapi: 3.0.3\ninfo:\n  title: x\npaths: 7\n", "not a valid OpenAPI document"),
    ],
)
def test_a_broken_spec_leaves_generated_untouched_and_names_the_spec(scratch_repository, spec_text, reason):
    before = tree_digest(scratch_repository / "generated")
    _corrupt(scratch_repository, "vogent", spec_text)
    with pytest.raises(SdkgenError, match=reason) as caught:
        generate(list(VENDORS.values()), root=scratch_repository)
    assert "specs/vogent/openapi.yaml" in str(caught.value)
    assert tree_digest(scratch_repository / "generated") == before


@pytest.mark.slow
def test_a_generator_warning_is_an_error_and_leaves_generated_untouched(scratch_repository):
    spec_path = scratch_repository / "specs" / "vogent" / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec["paths"]["/unsupported"] = {
        "post": {
            "operationId": "unsupported",
            "requestBody": {"content": {"application/x-unknown": {"schema": {"type": "string"}}}},
            "responses": {"200": {"description": "ok"}},
        }
    }
    spec_path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    before = tree_digest(scratch_repository / "generated")
    with pytest.raises(SdkgenError, match="Unsupported content type"):
        generate([VENDORS["vogent"]], root=scratch_repository)
    assert tree_digest(scratch_repository / "generated") == before


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_generation_leaves_generated_untouched(scratch_repository, sig):
    before = tree_digest(scratch_repository / "generated")
    script = (
        "import sys; from pathlib import Path; from sdkgen.generate import generate; "
        "from sdkgen.vendors import VENDORS; "
        "generate(list(VENDORS.values()), root=Path(sys.argv[1]))"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(scratch_repository)])
    deadline = time.monotonic() + 60
    # Interrupt once the generator is running, i.e. once the first scratch project has appeared.
    while not list((scratch_repository / "generated").glob(".sdkgen-*/retell/retell-client")):
        assert process.poll() is None, "generation finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(sig)
    process.wait(timeout=60)
    committed = {
        path: digest for path, digest in tree_digest(scratch_repository / "generated").items() if path[0] != "."
    }
    assert committed == before
    generate([VENDORS["vogent"]], root=scratch_repository)
    assert not list((scratch_repository / "generated").glob(".sdkgen-*"))
    assert tree_digest(scratch_repository / "generated") == before


@pytest.mark.slow
def test_an_interrupted_swap_is_recovered_on_the_next_run(scratch_repository):
    generated = scratch_repository / "generated"
    before = tree_digest(generated)
    (generated / "retell-client").rename(generated / ".retell-client.previous")
    generate([VENDORS["vogent"]], root=scratch_repository)
    assert tree_digest(generated) == before


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
    for member in ("py.typed", "_patch.py", "_files.py", "_sending.py", "_spec.py", "client.py"):
        assert f"{vendor.package}/{member}" in names
