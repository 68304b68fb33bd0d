"""Session fixtures of the growth suite: one generation of each growth spec (ours and stock) and one mypy run over
every package, each shared by the run's workers, and one canned loopback server."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import Builds
from support.canned import CannedServer
from support.shared import once, sharing


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    """The corpus' builds; ``sys.path`` is restored afterwards (the imported modules stay, under unique names)."""
    saved = list(sys.path)
    yield Builds(sharing(tmp_path_factory))
    sys.path[:] = saved


@pytest.fixture(scope="session")
def mypy_errors(builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, list[str]]:
    """``mypy --strict`` run once over every package of the corpus: its error lines by package directory."""
    packages = [package for built in builds.all() for package in (built.ours, built.stock)]
    lines: list[str] = once(tmp_path_factory, "growth-mypy", lambda cache: _mypy_errors(packages, cache))
    return {
        package: [line for line in lines if Path(line.split(":", 1)[0]).resolve().is_relative_to(package)]
        for package in packages
    }


def _mypy_errors(packages: list[Path], cache: Path) -> list[str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(cache),
            *map(str, packages),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1) or result.stderr.strip():
        raise RuntimeError(f"mypy did not run (exit {result.returncode}):\n{result.stderr}")
    return [line for line in result.stdout.splitlines() if ": error: " in line]


@pytest.fixture(scope="session")
def canned_server() -> Iterator[CannedServer]:
    """One canned-answer server for the session."""
    with CannedServer() as growth_server:
        yield growth_server


@pytest.fixture
def growth_server(canned_server: CannedServer) -> Iterator[CannedServer]:
    """The session's canned server with no answers and no recorded requests."""
    canned_server.reset()
    yield canned_server
    canned_server.reset()
