"""Scratch copies of the repository, for tests that regenerate without touching the checkout."""

from __future__ import annotations

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
