"""Regeneration of the client packages: generator run, overlay, formatting and an atomic swap into ``generated/``."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser.errors import ErrorLevel, GeneratorError
from openapi_python_client.parser.openapi import GeneratorData
from ruff.__main__ import find_ruff_bin

from sdkgen import process, registry
from sdkgen.config import AcceptedWarning, VendorConfig
from sdkgen.errors import SdkgenError
from sdkgen.overlay import apply_modules, assemble_templates, write_package_data
from sdkgen.project import write_project_files
from sdkgen.specs import load_valid_spec
from sdkgen.vendors import ROOT, Vendor

RUFF_VERSION = "0.17.5"
TOOL_TIMEOUT_S = 300


def generate(vendors: list[Vendor], root: Path = ROOT) -> None:
    """Regenerate ``vendors`` into ``generated/``: every one is built in a temporary directory first, and
    ``generated/`` is touched only once all of them succeeded."""
    generated = root / "generated"
    generated.mkdir(exist_ok=True)
    _recover_interrupted_swaps(generated)
    with tempfile.TemporaryDirectory(prefix=".sdkgen-", dir=generated) as scratch:
        built = [(vendor, build_project(vendor, Path(scratch) / vendor.name, root)) for vendor in vendors]
        for vendor, project in built:
            _swap(project, vendor.output_dir(root))


def build_project(vendor: Vendor, workdir: Path, root: Path = ROOT) -> Path:
    """Generate ``vendor``'s project under ``workdir`` and return its directory; ``generated/`` is not touched."""
    source = f"specs/{vendor.name}/openapi.yaml"
    spec = load_valid_spec(vendor.spec_path(root), source)
    config = vendor.config(root)
    workdir.mkdir(parents=True)
    project = workdir / vendor.project
    package = project / vendor.package
    templates = assemble_templates(vendor, workdir / "templates", root)
    openapi = run_generator(spec, vendor.spec_path(root), config, templates, package, source)
    found = registry.operations(openapi, spec, str(config.generator.get("field_prefix", "field_")))
    registry.require(found, config.operations, f"specs/{vendor.name}/config.yaml")
    apply_modules(vendor, package, root)
    write_package_data(package, spec, config, found, registry.model_classes(openapi), source)
    write_project_files(vendor, config, project, root)
    _format(project, vendor)
    _check_clean(project, workdir, vendor)
    return project


def run_generator(  # noqa: PLR0917 - the inputs of one generator run
    spec: dict[str, Any], spec_path: Path, config: VendorConfig, templates: Path, package: Path, source: str
) -> GeneratorData:
    """Run openapi-python-client in this process on ``spec``, writing the bare package to ``package``.

    An error, or a warning that ``config.accepted_warnings`` does not list, fails the build; so does an accepted
    warning that no longer occurs, so the list never outlives its reason.
    """
    generator_config = Config.from_sources(
        ConfigFile(**{**config.generator_config(), "post_hooks": []}),
        MetaType.NONE,
        spec_path,
        "utf-8",
        overwrite=False,
        output_path=package,
    )
    with contextlib.redirect_stdout(io.StringIO()):
        openapi = GeneratorData.from_dict(spec, config=generator_config)
        if isinstance(openapi, GeneratorError):
            raise SdkgenError(f"{source}: openapi-python-client failed: {_describe(openapi)}")
        problems = Project(openapi=openapi, config=generator_config, custom_template_path=templates).build()
    check_warnings(problems, config.accepted_warnings, source)
    return openapi


def check_warnings(problems: Sequence[GeneratorError], accepted: Sequence[AcceptedWarning], source: str) -> None:
    """Fail on an error, on a warning no accepted entry matches, and on an accepted entry that matched nothing."""
    errors = [problem for problem in problems if problem.level is not ErrorLevel.WARNING]
    if errors:
        raise SdkgenError(f"{source}: openapi-python-client failed: {_describe(errors[0])}")
    used: set[int] = set()
    unaccepted = []
    for problem in problems:
        text = _describe(problem)
        matches = [index for index, entry in enumerate(accepted) if entry.match in text]
        used.update(matches)
        if not matches:
            unaccepted.append(text)
    if unaccepted:
        raise SdkgenError(
            f"{source}: openapi-python-client warned ({len(unaccepted)} warning(s)); fix the spec, or accept a "
            f"warning under accepted_warnings in config.yaml with its reason:\n" + "\n".join(unaccepted)
        )
    stale = [entry.match for index, entry in enumerate(accepted) if index not in used]
    if stale:
        raise SdkgenError(
            f"{source}: accepted_warnings lists {stale[0]!r}, which no longer occurs: remove it from config.yaml"
        )


_UNPRINTED = re.compile(r"<openapi_python_client\.schema\.untrusted_string\.UntrustedString object at 0x[0-9a-fA-F]+>")
"""How openapi-python-client 0.29.1 prints a spec string it will not print (the status code of a response it cannot
parse): an object repr with a memory address, different on every run."""


def _describe(problem: GeneratorError) -> str:
    """The problem's header and detail, the same on every run, so an ``accepted_warnings`` entry can match it."""
    text = " ".join(part.strip() for part in (problem.header, problem.detail or "") if part and part.strip())
    return _UNPRINTED.sub("<code>", text)


@functools.cache
def pinned_ruff() -> Path:
    """The ruff binary this environment pins; a different version is an error, so output never depends on PATH."""
    binary = Path(find_ruff_bin())
    version = process.run([str(binary), "--version"], "ruff --version", timeout=TOOL_TIMEOUT_S).split()[-1]
    if version != RUFF_VERSION:
        raise SdkgenError(f"ruff {RUFF_VERSION} is pinned but {binary} is {version}: reinstall with `pip install -e .`")
    return binary


def _tool_env() -> dict[str, str]:
    # Keep ruff's cache out of the output.
    return {**os.environ, "RUFF_NO_CACHE": "true"}


def _format(project: Path, vendor: Vendor) -> None:
    ruff = str(pinned_ruff())
    what = f"ruff on the {vendor.project} overlay"
    for command in (["check", "--fix-only"], ["format"]):
        process.run(
            [ruff, *command, "--no-cache", "--quiet", "."], what, timeout=TOOL_TIMEOUT_S, cwd=project, env=_tool_env()
        )


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
