"""Reproducible sdists and wheels of the generated packages, checked with ``twine check --strict``.

Each package is built from ``generated/<vendor>-client`` by the PyPA ``build`` frontend (the sdist, then the wheel
from the unpacked sdist, so the sdist is known to be complete) with the pinned hatchling, without build isolation so
the backend's version is the one pinned here, not whatever the index serves that day. ``SOURCE_DATE_EPOCH`` is the
last commit's time: hatchling then stamps every archive member with it, so two builds of the same commit are byte
for byte the same, wherever and whenever they run.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sdkgen import process
from sdkgen.errors import SdkgenError
from sdkgen.vendors import ROOT, Vendor

BUILD_TOOLS = ("build==1.6.1", "hatchling==1.33.0", "twine==7.0.0")
"""What ``nox -s build`` installs: the frontend, the backend the generated pyproject.toml names, and twine."""
INDEX_TOOLS = ("pypiserver==2.4.2",)
"""What the publish rehearsal adds: a real package index to upload to and install from."""
TIMEOUT_S = 600


@dataclass(frozen=True)
class Dist:
    """One package's built files."""

    vendor: Vendor
    sdist: Path
    wheel: Path
    seconds: float

    @property
    def files(self) -> tuple[Path, Path]:
        """The sdist and the wheel."""
        return self.sdist, self.wheel


def source_date_epoch(root: Path = ROOT) -> int:
    """The committer time of ``HEAD``, as SOURCE_DATE_EPOCH; ``$SOURCE_DATE_EPOCH`` wins when set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False, timeout=60
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SdkgenError(f"SOURCE_DATE_EPOCH: no git commit to take it from ({result.stderr.strip()}): set it")
    return int(result.stdout)


def build_dists(vendors: Sequence[Vendor], out: Path, epoch: int, root: Path = ROOT) -> list[Dist]:
    """Build each vendor's sdist and wheel into ``out`` (emptied first; all files side by side, as PyPI upload
    actions expect) with ``SOURCE_DATE_EPOCH=epoch``."""
    out = out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    dists = []
    for vendor in vendors:
        project = vendor.output_dir(root)
        if not (project / "pyproject.toml").is_file():
            raise SdkgenError(f"generated/{vendor.project} has no pyproject.toml: run `python -m sdkgen generate`")
        start = time.perf_counter()
        command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(project)]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        process.run(command, f"build of {vendor.project}", timeout=TIMEOUT_S, env=env)
        seconds = time.perf_counter() - start
        config = vendor.config(root)
        # The file names' project part is normalised: retell-client's files are retell_client-1.0.0...
        stem = f"{re.sub(r'[-_.]+', '_', config.distribution)}-{config.version}"
        sdists, wheels = sorted(out.glob(f"{stem}.tar.gz")), sorted(out.glob(f"{stem}-*.whl"))
        if len(sdists) != 1 or len(wheels) != 1:
            raise SdkgenError(f"building {vendor.project} gave {sorted(path.name for path in out.iterdir())}")
        dists.append(Dist(vendor, sdists[0], wheels[0], seconds))
    return dists


def twine_check(files: Sequence[Path]) -> str:
    """``twine check --strict``: the metadata and the README render on PyPI; its output."""
    # A wide console, so that rich does not wrap a long path over two lines.
    command = [sys.executable, "-m", "twine", "--no-color", "check", "--strict", *map(str, files)]
    return process.run(command, "twine check", timeout=TIMEOUT_S, env={**os.environ, "COLUMNS": "400"})


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
