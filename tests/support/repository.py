"""Scratch copies of the repository, for tests that regenerate without touching the checkout, and tree digests
that tell whether a regeneration changed anything."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sdkgen.vendors import ROOT

GENERATION_INPUTS = ("specs", "overlays", "LICENSE")
"""What a build reads besides sdkgen itself."""

_IGNORED = shutil.ignore_patterns("__pycache__", ".sdkgen-*", ".*.previous")


def copy_repository(destination: Path, *, tooling: bool = False) -> Path:
    """Copy the generation inputs and ``generated/`` (and ``sdkgen/`` with ``tooling``, for ``python -m sdkgen``
    run there) to ``destination``; return it."""
    names = (*GENERATION_INPUTS, "generated", *(("sdkgen",) if tooling else ()))
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=_IGNORED)
        else:
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination / name)
    return destination


CACHES = {"__pycache__", ".mypy_cache", ".pytest_cache"}
"""Caches that tools leave beside code they run or check, and that git ignores."""


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, with its sha256, tool caches aside."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not CACHES.intersection(path.parts)
    }
