"""A vendor's spec and ``config.yaml`` edited in a scratch copy of the repository, and the vendor generated there:
for tests of what sdkgen makes of specs as vendors publish them (``openapi.yaml`` and ``config.yaml`` stay YAML
documents, edited as Python data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from sdkgen.generate import build_project
from sdkgen.vendors import Vendor, discover

from .repository import copy_repository

Edit = Callable[[dict[str, Any]], object]
"""Changes a parsed document in place (its return value is ignored, so a lambda may call ``update``)."""


def edit_vendor(root: Path, vendor: str, spec: Edit | None = None, config: Edit | None = None) -> Vendor:
    """Apply ``spec`` to ``specs/<vendor>/openapi.yaml`` and ``config`` to its ``config.yaml`` under ``root``."""
    for name, edit in (("openapi.yaml", spec), ("config.yaml", config)):
        if edit is None:
            continue
        path = root / "specs" / vendor / name
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(document)
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return discover(root)[vendor]


def edited_repository(destination: Path, vendor: str, spec: Edit | None = None, config: Edit | None = None) -> Vendor:
    """A copy of the repository at ``destination`` with ``vendor``'s spec and configuration edited."""
    return edit_vendor(copy_repository(destination), vendor, spec, config)


def build_edited(workdir: Path, vendor: str, spec: Edit | None = None, config: Edit | None = None) -> Path:
    """Generate ``vendor`` from an edited copy of the repository made under ``workdir``: the project directory."""
    root = workdir / "repo"
    return build_project(edited_repository(root, vendor, spec, config), workdir / "out", root)
