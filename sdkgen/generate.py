"""Regeneration of the client packages: generator run, overlay, formatting and an atomic swap into ``generated/``."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ruff.__main__ import find_ruff_bin

from sdkgen import auth, generator, media, process, registry
from sdkgen.config import AcceptedWarning
from sdkgen.errors import SdkgenError, UnacceptedWarnings
from sdkgen.overlay import apply_modules, assemble_templates, write_package_data
from sdkgen.pins import require_pinned
from sdkgen.project import write_project_files
from sdkgen.specs import load_valid_spec
from sdkgen.vendors import ROOT, Vendor

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
    generator.require()
    source = f"specs/{vendor.name}/openapi.yaml"
    config_source = f"specs/{vendor.name}/config.yaml"
    spec, spec_warnings = load_valid_spec(vendor.spec_path(root), source)
    config = vendor.config(root)
    workdir.mkdir(parents=True)
    project = workdir / vendor.project
    package = project / vendor.package
    templates = assemble_templates(vendor, workdir / "templates", root)
    overrides = media.content_type_overrides(spec)
    layout, warnings = generator.run(
        media.for_generator(spec, overrides),
        vendor.spec_path(root),
        settings=config.generator_config(overrides),
        templates=templates,
        package=package,
        source=source,
        config_source=config_source,
    )
    check_warnings(
        [f"sdkgen {warning}" for warning in spec_warnings] + [f"{generator.DISTRIBUTION}: {text}" for text in warnings],
        config.accepted_warnings,
        source,
    )
    security = auth.Security(spec, source, config.auth)
    found = registry.operations(layout, spec, source, security)
    registry.require(found, config.operations, config_source)
    apply_modules(vendor, package, root)
    write_package_data(package, spec, config, security, found, registry.model_classes(layout), source)
    write_project_files(vendor, config, project, root, auth=security.describe(), example=registry.example(found))
    _format(project, vendor)
    _check_clean(project, workdir, vendor)
    return project


def check_warnings(warnings: Sequence[str], accepted: Sequence[AcceptedWarning], source: str) -> None:
    """Fail on a warning no accepted entry matches, and on an accepted entry that matched nothing.

    ``warnings`` are sdkgen's own about the spec (``sdkgen spec-invalid-default at $...: ...``) and the generator's
    (``openapi-python-client: ...``); an entry accepts every warning whose text contains its ``match``.
    """
    used: set[int] = set()
    unaccepted = []
    for text in warnings:
        matches = [index for index, entry in enumerate(accepted) if entry.match in text]
        used.update(matches)
        if not matches:
            unaccepted.append(text)
    if unaccepted:
        raise UnacceptedWarnings(
            f"{source}: {len(unaccepted)} warning(s) not accepted; fix the spec, or accept each under "
            f"accepted_warnings in config.yaml with its reason:\n" + "\n".join(f"  {text}" for text in unaccepted),
            unaccepted,
        )
    stale = [entry.match for index, entry in enumerate(accepted) if index not in used]
    if stale:
        raise SdkgenError(
            f"{source}: accepted_warnings lists {stale[0]!r}, which no longer occurs: remove it from config.yaml"
        )


@functools.cache
def pinned_ruff() -> Path:
    """The ruff binary this environment pins; a different version is an error, so output never depends on PATH."""
    binary = Path(find_ruff_bin())
    version = process.run([str(binary), "--version"], "ruff --version", timeout=TOOL_TIMEOUT_S).split()[-1]
    require_pinned("ruff", version, f" at {binary}")
    return binary


def _tool_env() -> dict[str, str]:
    # Keep ruff's cache out of the output.
    return {**os.environ, "RUFF_NO_CACHE": "true"}


def _format(project: Path, vendor: Vendor) -> None:
    ruff = str(pinned_ruff())
    what = f"ruff on the {vendor.project} overlay"
    for command in (["check", "--fix-only"], ["format"]):
        process.run([ruff, *command, "--no-cache", "."], what, timeout=TOOL_TIMEOUT_S, cwd=project, env=_tool_env())


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
