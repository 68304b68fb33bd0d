"""Work done once per test run and shared by the pytest-xdist workers.

The growth corpus, the stock packages and the mypy run over them take seconds each; as plain session fixtures they
would run once on every worker. :func:`once` runs them on the first worker that needs them, under a file lock; the
others wait for it and read what it recorded.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

Make = Callable[[Path], Any]
"""``make(directory)``: do the work, writing any files into ``directory``; return a JSON-serialisable result."""
Share = Callable[[str, Make], Any]
"""``share(name, make)``: :func:`once` bound to a run."""


def run_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory every worker of this run sees: the parent of the workers' own base temporary directories under
    pytest-xdist, the base temporary directory otherwise."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Make) -> Any:
    """``make``'s result for ``name``, made by the first worker of the run that asks and read back by the rest.

    ``make`` gets an empty directory that lasts for the run. When it raises, nothing is recorded: the next worker
    that asks starts again in an emptied directory (and most likely fails the same way)."""
    root = run_directory(tmp_path_factory) / "shared"
    root.mkdir(exist_ok=True)
    recorded = root / f"{name}.json"
    with FileLock(root / f"{name}.lock"):
        if not recorded.exists():
            directory = root / name
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()
            result = make(directory)
            recorded.write_text(json.dumps(result), encoding="utf-8")
    return json.loads(recorded.read_text(encoding="utf-8"))


def sharing(tmp_path_factory: pytest.TempPathFactory) -> Share:
    """:func:`once` for this run."""
    return lambda name, make: once(tmp_path_factory, name, make)
