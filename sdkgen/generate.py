"""Regeneration of the client packages: generator run, overlay, formatting and an atomic swap into ``generated/``."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ruff.__main__ import find_ruff_bin

from sdkgen.errors import SdkgenError
from sdkgen.overlay import apply_modules, assemble_templates
from sdkgen.specs import load_valid_spec
from sdkgen.vendors import ROOT, Vendor

RUFF_VERSION = "0.17.5"
GENERATOR_TIMEOUT_S = 300


def generate(vendors: list[Vendor], root: Path = ROOT) -> None:
    """Regenerate ``vendors`` into ``generated/``: every one is built in a temporary directory first, and
    ``generated/`` is touched only once all of them succeeded."""
    generated = root / "generated"
    generated.mkdir(exist_ok=True)
    _recover_interrupted_swaps(generated)
    with tempfile.TemporaryDirectory(prefix=".sdkgen-", dir=generated) as scratch:
        built = [(vendor, build(vendor, Path(scratch) / vendor.name, root)) for vendor in vendors]
        for vendor, project in built:
            _swap(project, vendor.output_dir(root))


def build(vendor: Vendor, workdir: Path, root: Path = ROOT) -> Path:
    """Generate ``vendor``'s project under ``workdir`` and return its directory; ``generated/`` is not touched."""
    spec_path = vendor.spec_path(root)
    spec = load_valid_spec(spec_path, f"specs/{vendor.name}/openapi.yaml")
    workdir.mkdir(parents=True)
    templates = assemble_templates(vendor, workdir / "templates", root)
    project = workdir / vendor.project
    _run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(spec_path),
            "--config",
            str(vendor.config_path(root)),
            "--custom-template-path",
            str(templates),
            "--output-path",
            str(project),
            # Any meta but "none": it makes the generator write pyproject.toml and README.md from our templates.
            "--meta",
            "pdm",
            "--fail-on-warning",
        ],
        cwd=workdir,
        what=f"openapi-python-client on specs/{vendor.name}/openapi.yaml",
    )
    apply_modules(vendor, project / vendor.package, spec, root)
    _format(project, vendor)
    _check_clean(project, workdir, vendor)
    return project


@functools.cache
def pinned_ruff() -> Path:
    """The ruff binary this environment pins; a different version is an error, so output never depends on PATH."""
    binary = Path(find_ruff_bin())
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    if version != RUFF_VERSION:
        raise SdkgenError(f"ruff {RUFF_VERSION} is pinned but {binary} is {version}: reinstall with `pip install -e .`")
    return binary


def _tool_env() -> dict[str, str]:
    # The generator's post hooks call plain `ruff`: put the pinned one first on PATH, keep its cache out of the output.
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(pinned_ruff().parent), env.get("PATH", "")])
    env["RUFF_NO_CACHE"] = "true"
    return env


def _run(command: list[str], cwd: Path, what: str) -> None:
    try:
        result = subprocess.run(
            command, cwd=cwd, env=_tool_env(), capture_output=True, text=True, timeout=GENERATOR_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise SdkgenError(f"{what}: did not finish in {GENERATOR_TIMEOUT_S} s") from exc
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise SdkgenError(f"{what} failed (exit {result.returncode}):\n{output}")


def _format(project: Path, vendor: Vendor) -> None:
    ruff = str(pinned_ruff())
    what = f"ruff on the {vendor.project} overlay"
    _run([ruff, "check", "--fix-only", "--no-cache", "--quiet", "."], cwd=project, what=what)
    _run([ruff, "format", "--no-cache", "--quiet", "."], cwd=project, what=what)


def _check_clean(project: Path, workdir: Path, vendor: Vendor) -> None:
    strays = [path for path in project.rglob("*") if path.name in {".ruff_cache", "__pycache__"}]
    if strays:
        raise SdkgenError(f"{vendor.project}: stray build artefacts in the output: {strays[0].name}")
    marker = str(workdir.parent).encode()
    leaks = [path for path in project.rglob("*") if path.is_file() and marker in path.read_bytes()]
    if leaks:
        raise SdkgenError(f"{vendor.project}: {leaks[0].relative_to(project)} contains a temporary absolute path")


def _backup(target: Path) -> Path:
    return target.with_name(f".{target.name}.previous")


def _swap(new: Path, target: Path) -> None:
    backup = _backup(target)
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        target.rename(backup)
    new.rename(target)
    if backup.exists():
        shutil.rmtree(backup)


def _recover_interrupted_swaps(generated: Path) -> None:
    # A kill leaves its scratch directory behind, and a kill between the two renames of _swap leaves only the
    # backup: clear the one and put the other back before anything else.
    for scratch in generated.glob(".sdkgen-*"):
        shutil.rmtree(scratch)
    for backup in generated.glob(".*.previous"):
        target = backup.with_name(backup.name[1 : -len(".previous")])
        if target.exists():
            shutil.rmtree(backup)
        else:
            backup.rename(target)


@contextmanager
def scratch_dir() -> Iterator[Path]:
    """A temporary directory for a build whose output is not swapped into ``generated/`` (tests, drift)."""
    with tempfile.TemporaryDirectory(prefix="sdkgen-") as directory:
        yield Path(directory)
