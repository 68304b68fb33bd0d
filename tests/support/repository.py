"""Scratch copies of the repository, for tests that regenerate without touching the checkout, optionally as git
checkouts, ``python -m sdkgen`` run on them, and tree digests that tell whether a regeneration changed anything."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sdkgen.__main__ import main
from sdkgen.vendors import ROOT

GENERATION_INPUTS = ("specs", "overlays", "LICENSE")
"""What a build reads besides sdkgen itself."""

_IGNORED = shutil.ignore_patterns("__pycache__", ".sdkgen-*", ".*.previous")
# Fixed identities and dates, so that commits made by tests do not depend on the machine's git configuration.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Release Tests", "GIT_AUTHOR_EMAIL": "release-tests@example.invalid",
    "GIT_COMMITTER_NAME": "Release Tests", "GIT_COMMITTER_EMAIL": "release-tests@example.invalid",
    "GIT_AUTHOR_DATE": "2026-12-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-12-01T12:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


def copy_repository(destination: Path, *, tooling: bool = False) -> Path:
    """Copy the generation inputs and ``generated/`` (and ``sdkgen/`` and the root ``pyproject.toml``, whose pins
    ``release`` compares, with ``tooling``, for ``python -m sdkgen`` run there) to ``destination``; return it."""
    names = (*GENERATION_INPUTS, "generated", *(("sdkgen", "pyproject.toml") if tooling else ()))
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=_IGNORED)
        else:
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination / name)
    return destination


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with the fixed identity; its output."""
    result = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return result.stdout


def commit_all(root: Path, message: str) -> str:
    """Commit everything in ``root``; the new commit's id."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def init_git(root: Path) -> str:
    """Make ``root`` a git checkout whose one commit holds everything in it; that commit's id."""
    git(root, "init", "-q", "-b", "main")
    return commit_all(root, "initial")


def run_sdkgen(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sdkgen ARGS`` run in ``root``, so on the copy of sdkgen there and on its files."""
    command = [sys.executable, "-m", "sdkgen", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, check=False)


def sdkgen_in_process(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sdkgen ARGS`` on this checkout, run in this process: its exit status and output as
    :func:`run_sdkgen` gives them, without an interpreter's start-up per call. For commands that write nothing."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse: --help, usage errors
            status = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    return subprocess.CompletedProcess(["python", "-m", "sdkgen", *args], status, out.getvalue(), err.getvalue())


def snapshot(root: Path) -> dict[str, str]:
    """A digest of every file under specs/ and generated/: equal snapshots, equal files."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for top in ("specs", "generated")
        for path in sorted((root / top).rglob("*"))
        if path.is_file()
    }


CACHES = {"__pycache__", ".mypy_cache", ".pytest_cache"}
"""Caches that tools leave beside code they run or check, and that git ignores."""


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, with its sha256, tool caches aside."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not CACHES.intersection(path.parts)
    }
