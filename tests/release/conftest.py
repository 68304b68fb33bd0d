"""Fixtures for the release tests: private copies of the repository, as git checkouts where a test needs history."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.repository import copy_repository, init_git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repository, not under git."""
    return copy_repository(tmp_path / "repo", tooling=True)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the repository as a git checkout whose one commit introduces both packages' ``config.yaml``, so it
    is their last release."""
    root = copy_repository(tmp_path / "checkout", tooling=True)
    init_git(root)
    return root
