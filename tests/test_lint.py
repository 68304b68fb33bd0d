"""ruff and mypy --strict stay clean on everything hand-written, and on the packages it ends up in."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sdkgen.vendors import ROOT, VENDORS

HAND_WRITTEN = ["sdkgen", "overlays", "tests", "noxfile.py"]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check_is_clean():
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", *HAND_WRITTEN)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = run(sys.executable, "-m", "ruff", "format", "--check", "--no-cache", *HAND_WRITTEN)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean_on_the_tooling():
    result = run(sys.executable, "-m", "mypy", "--strict", "sdkgen", "noxfile.py")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_mypy_strict_is_clean_on_each_package_with_its_overlay(vendor):
    result = run(sys.executable, "-m", "mypy", "--strict", str(vendor.output_dir() / vendor.package))
    assert result.returncode == 0, result.stdout + result.stderr
