"""Part one of the drift check: does ``generated/`` hold exactly what the vendored specs and overlay produce?

Each vendor is regenerated into a temporary directory with :func:`sdkgen.generate.build_project` and compared file by
file with ``generated/<vendor>-client``; build caches that git ignores (``__pycache__``...) do not count.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sdkgen.generate import build_project, scratch_dir
from sdkgen.vendors import ROOT, Vendor

EXCERPT_LINES = 12
_IGNORED_DIRS = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


@dataclass(frozen=True)
class StaleFile:
    """A file of ``generated/`` that a regeneration would change: ``modified``, ``missing`` or ``unexpected``."""

    path: str
    status: str
    excerpt: str


def stale_files(vendors: Sequence[Vendor], root: Path = ROOT) -> dict[str, list[StaleFile]]:
    """For each vendor, the files where ``generated/`` differs from a fresh build (none when it is up to date)."""
    result: dict[str, list[StaleFile]] = {}
    with scratch_dir() as scratch:
        for vendor in vendors:
            fresh = build_project(vendor, scratch / vendor.name, root)
            result[vendor.name] = _compare_trees(vendor.output_dir(root), fresh, f"generated/{vendor.project}")
    return result


def as_text(stale: dict[str, list[StaleFile]]) -> str:
    """One line per vendor; for a stale one, each file with a diff excerpt and the command that fixes it."""
    lines: list[str] = []
    for vendor, files in stale.items():
        if not files:
            lines.append(f"{vendor}: generated code is up to date with specs/{vendor}/ and overlays/")
            continue
        lines.append(f"{vendor}: generated code is STALE: {len(files)} file(s) differ from a regeneration")
        for file in files:
            lines.append(f"  {file.status}: {file.path}")
            lines.extend(f"    {line}" for line in file.excerpt.splitlines())
        lines.append(f"  fix: python -m sdkgen generate {vendor}   (or: nox -s generate -- {vendor}), then commit")
    return "\n".join(lines)


def _files(directory: Path) -> dict[str, Path]:
    if not directory.is_dir():
        return {}
    return {
        path.relative_to(directory).as_posix(): path
        for path in directory.rglob("*")
        if path.is_file() and path.suffix != ".pyc" and not _IGNORED_DIRS & set(path.relative_to(directory).parts)
    }


def _compare_trees(committed_dir: Path, fresh_dir: Path, label: str) -> list[StaleFile]:
    committed, fresh = _files(committed_dir), _files(fresh_dir)
    stale: list[StaleFile] = []
    for name in sorted(committed.keys() | fresh.keys()):
        path = f"{label}/{name}"
        if name not in committed:
            stale.append(StaleFile(path, "missing", "a regeneration creates it"))
        elif name not in fresh:
            stale.append(StaleFile(path, "unexpected", "a regeneration does not produce it (added by hand?)"))
        else:
            old, new = committed[name].read_bytes(), fresh[name].read_bytes()
            if old != new:
                stale.append(StaleFile(path, "modified", _excerpt(old, new, path)))
    return stale


def _excerpt(old: bytes, new: bytes, path: str) -> str:
    try:
        old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
    except UnicodeDecodeError:
        return "binary content differs"
    diff = list(
        difflib.unified_diff(
            old_text.splitlines(),
            new_text.splitlines(),
            fromfile=f"{path} (committed)",
            tofile=f"{path} (regenerated)",
            lineterm="",
            n=1,
        )
    )
    if not diff:
        return "line endings or trailing newline differ"
    shown = diff[:EXCERPT_LINES]
    if len(diff) > EXCERPT_LINES:
        shown.append(f"... {len(diff) - EXCERPT_LINES} more diff lines")
    return "\n".join(shown)
