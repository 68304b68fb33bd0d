"""Type completeness: both packages score at least 99 % with ``pyright --verifytypes``, and a typed user program
(sync, async, progress, errors, raw response, derived client, http_client) passes mypy --strict and pyright strict."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = Path(__file__).parent / "typed" / "user_program.py"
TYPOS = sorted((Path(__file__).parent / "typed" / "typos").glob("*.py"))
"""Programs with one typo each (an enum value, an argument of a raw-response method, a per-call or client option),
on the line marked ``# typo``."""


def typo_line(program: Path) -> int:
    """The line of ``program`` that holds its typo."""
    return next(number for number, line in enumerate(program.read_text().splitlines(), 1) if "# typo" in line)


def pyright(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "VIRTUAL_ENV": sys.prefix,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [sys.executable, "-m", "pyright", *args], capture_output=True, text=True, check=False, cwd=cwd, env=environment,
        timeout=600,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("package", ["retell_client", "vogent_client"])
def test_the_public_interface_is_at_least_99_percent_typed(package: str, tmp_path: Path) -> None:
    result = pyright("--verifytypes", package, "--ignoreexternal", "--outputjson", cwd=tmp_path)
    report = json.loads(result.stdout)
    score = report["typeCompleteness"]["completenessScore"]
    assert score >= 0.99, f"{package}: {score:.1%}\n{result.stdout[-3000:]}"


@pytest.mark.slow
def test_a_typed_user_program_passes_pyright_strict(tmp_path: Path) -> None:
    (tmp_path / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict"}), encoding="utf-8")
    result = pyright(str(PROGRAM), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b0 errors\b", result.stdout)


@pytest.mark.slow
def test_a_typed_user_program_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(PROGRAM)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_refuses_each_typo() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary", *map(str, TYPOS)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    flagged = {(Path(line.split(":")[0]).name, int(line.split(":")[1])) for line in result.stdout.splitlines()
               if ": error: " in line}  # fmt: skip
    assert {(program.name, typo_line(program)) for program in TYPOS} <= flagged, result.stdout


@pytest.mark.slow
def test_pyright_strict_refuses_each_typo(tmp_path: Path) -> None:
    (tmp_path / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict"}), encoding="utf-8")
    result = pyright("--outputjson", *map(str, TYPOS), cwd=tmp_path)
    errors = [found for found in json.loads(result.stdout)["generalDiagnostics"] if found["severity"] == "error"]
    flagged = {(Path(found["file"]).name, found["range"]["start"]["line"] + 1) for found in errors}
    assert {(program.name, typo_line(program)) for program in TYPOS} <= flagged, result.stdout[-3000:]
