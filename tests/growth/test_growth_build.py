"""Each growth spec, built with our templates and with stock ones: generation, imports, mypy --strict and ruff."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import CONSTRUCTS, SPECS, Builds
from endpoints import endpoint, operation_ids, stock_endpoint

from sdkgen.generate import pinned_ruff

pytestmark = pytest.mark.slow


def modules_of(package: Path) -> list[str]:
    """The dotted name of every module in the package directory ``package``."""
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def import_failures(package: Path) -> dict[str, str]:
    """Every module of ``package`` that does not import, with its error."""
    failures = {}
    for name in modules_of(package):
        try:
            importlib.import_module(name)
        except Exception as exc:
            failures[name] = f"{type(exc).__name__}: {exc}"
    return failures


@pytest.mark.parametrize("name", SPECS)
def test_every_operation_of_the_spec_gets_an_endpoint_in_ours_and_in_stock(builds: Builds, name: str) -> None:
    built = builds[name]
    expected = operation_ids(built.growth.spec)
    assert "cloneVoice" in expected, "the front door's operation is part of every growth spec"
    defects = stock_defects(name, built.growth.stock_package)
    for operation_id in expected:
        assert callable(endpoint(built.growth.package, operation_id).sync_detailed), operation_id
        try:
            stock = stock_endpoint(built.growth.package, built.growth.stock_package, operation_id)
        except NameError as exc:
            assert f"{type(exc).__name__}: {exc}" in defects.values(), operation_id
            continue
        assert callable(stock.sync_detailed), operation_id


STOCK_UNSET = "NameError: name 'Unset' is not defined"
"""Stock's defect with a body in two content types: the body is optional (``A | B | Unset``), and the endpoint module
imports ``UNSET`` but not ``Unset``; ours imports it (``endpoint_module.py.jinja``)."""


def stock_defects(name: str, stock_package: str) -> dict[str, str]:
    """The modules of stock's package for growth spec ``name`` that fail to import, with the error."""
    return {f"{stock_package}.api.speech.add_note": STOCK_UNSET} if name in CONSTRUCTS else {}


@pytest.mark.parametrize("name", SPECS)
def test_every_module_imports_in_ours_and_in_stock_but_its_known_defect(builds: Builds, name: str) -> None:
    built = builds[name]
    assert import_failures(built.stock) == stock_defects(name, built.growth.stock_package)
    assert import_failures(built.ours) == {}
    assert len(modules_of(built.ours)) > len(modules_of(built.stock)), "ours has the overlay's modules besides"


@pytest.mark.parametrize("name", SPECS)
def test_mypy_strict_finds_nothing_in_ours_and_no_more_than_in_stock(
    builds: Builds, mypy_errors: dict[Path, list[str]], name: str, record_property: Callable[[str, object], None]
) -> None:
    built = builds[name]
    ours, stock = mypy_errors[built.ours], mypy_errors[built.stock]
    record_property("mypy_errors", {"ours": len(ours), "stock": len(stock)})
    assert len(ours) <= len(stock)
    assert ours == []


def ruff(package: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The pinned ruff on ``package``, run from its project directory so the project's own configuration applies
    (ours ships one in its pyproject.toml; stock, generated with ``--meta none``, has none: ruff's defaults)."""
    return subprocess.run(
        [str(pinned_ruff()), *arguments, "--no-cache", package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("side", ["ours", "stock"])
def test_ruff_check_and_format_are_clean(builds: Builds, name: str, side: str) -> None:
    package = getattr(builds[name], side)
    for arguments in (("check", "--output-format", "concise"), ("format", "--check")):
        result = ruff(package, *arguments)
        if side == "stock" and arguments[0] == "check" and name in CONSTRUCTS:
            problems = [line for line in result.stdout.splitlines() if ": " in line and line.startswith(package.name)]
            assert problems, "stock's known defect is found"
            assert {line.split(":")[0] for line in problems} == {f"{package.name}/api/speech/add_note.py"}
            assert all("F821 Undefined name `Unset`" in line for line in problems), result.stdout
            continue
        assert result.returncode == 0, result.stdout + result.stderr


def models_loaded(path: Path, statement: str) -> int:
    """How many generated model modules a fresh interpreter has loaded after ``statement``, with ``path`` first."""
    probe = (
        f"import sys\nsys.path.insert(0, {str(path)!r})\n{statement}\nprint(sum('.models.' in m for m in sys.modules))"
    )
    return int(subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize("name", ["growth-retell", "large-retell"])
def test_importing_the_front_door_loads_no_model_whatever_the_specs_size_while_stock_loads_them_all(
    builds: Builds, name: str
) -> None:
    built = builds[name]
    growth = built.growth
    assert models_loaded(built.ours_path, f"import {growth.package}\n{growth.package}.Retell") == 0
    models = len(list((built.stock / "models").glob("[!_]*.py")))
    assert models_loaded(built.stock_path, f"import {growth.stock_package}.api.default.clone_voice") == models
