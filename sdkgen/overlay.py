"""The hand-written overlay: generator template overrides, modules copied into every package, and the modules
sdkgen writes from the spec and the configuration for the overlay to use."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sdkgen import auth, registry
from sdkgen.config import VendorConfig
from sdkgen.errors import SdkgenError
from sdkgen.generator import ClassRef
from sdkgen.specs import base_url
from sdkgen.vendors import ROOT, Vendor

SHARED = "package"
TEMPLATES = "templates"
REPLACED_GENERATED_MODULES = frozenset({"__init__.py"})
"""Generated modules an overlay module replaces on purpose: the package root, which exports the front door."""


def overlays_root(root: Path = ROOT) -> Path:
    """``overlays/``, the root of every overlay (a vendor's own is :meth:`Vendor.overlay_dir`)."""
    return root / "overlays"


def assemble_templates(vendor: Vendor, destination: Path, root: Path = ROOT) -> Path:
    """Copy the shared template overrides, then the vendor's own, into ``destination`` for the generator."""
    base = overlays_root(root)
    shutil.copytree(base / TEMPLATES, destination, ignore=shutil.ignore_patterns("LEDGER.toml"))
    vendor_templates = base / vendor.name / TEMPLATES
    if vendor_templates.is_dir():
        shutil.copytree(vendor_templates, destination, dirs_exist_ok=True)
    return destination


def apply_modules(vendor: Vendor, package_dir: Path, root: Path = ROOT) -> None:
    """Copy the shared and the vendor's overlay modules into ``package_dir``.

    The vendor's front door (``_patch.py``) is required. An overlay module may not silently replace a generated one:
    only those in :data:`REPLACED_GENERATED_MODULES` are replaced.
    """
    base = overlays_root(root)
    front_door = vendor.overlay_dir(root) / SHARED / "_patch.py"
    if not front_door.is_file():
        raise SdkgenError(f"overlays/{vendor.name}/{SHARED}/_patch.py is missing: every vendor needs its front door")
    for source in (base / SHARED, vendor.overlay_dir(root) / SHARED):
        for module in sorted(source.glob("*.py")):
            target = package_dir / module.name
            if target.exists() and module.name not in REPLACED_GENERATED_MODULES:
                raise SdkgenError(
                    f"{module.relative_to(root)} would replace the generated {target.name}: rename the overlay module"
                )
            shutil.copyfile(module, target)


def write_package_data(  # noqa: PLR0917 - what the package's data modules are written from
    package_dir: Path,
    spec: dict[str, Any],
    config: VendorConfig,
    security: auth.Security,
    found: list[registry.OperationInfo],
    classes: list[ClassRef],
    source: str,
) -> None:
    """Write the modules the overlay reads what it needs from (``_spec.py``, ``_version.py``, ``_operations.py``,
    ``_models.py``) and the PEP 561 marker ``py.typed``."""
    (package_dir / "_spec.py").write_text(_spec_module(spec, config, security, source), encoding="utf-8")
    (package_dir / "_version.py").write_text(_version_module(config), encoding="utf-8")
    (package_dir / "_operations.py").write_text(registry.operations_module(found), encoding="utf-8")
    (package_dir / "_models.py").write_text(registry.models_module(classes), encoding="utf-8")
    (package_dir / "py.typed").write_text("", encoding="utf-8")


def _spec_module(spec: dict[str, Any], config: VendorConfig, security: auth.Security, source: str) -> str:
    url = base_url(spec, config.base_url, source)
    return (
        '"""Values taken from the vendored OpenAPI document and config.yaml at generation time."""\n\n'
        "from __future__ import annotations\n\n"
        f"DEFAULT_BASE_URL = {url!r}\n"
        f"VENDOR = {config.vendor!r}\n"
        f"AUTH: tuple[str, str, str] = {security.default()!r}\n"
        '"""Where the API key goes unless an operation says otherwise, from the spec\'s security: a header or a query\n'
        'parameter, its name, and what precedes the key in its value."""\n'
        f"AUTH_PLACEMENTS: tuple[tuple[str, str, str], ...] = {security.placements()!r}\n"
        '"""Every place an operation of the spec puts the key: what the key is kept out of, and stripped from."""\n'
    )


def _version_module(config: VendorConfig) -> str:
    return (
        '"""The distribution\'s name and version: written by sdkgen from specs/<vendor>/config.yaml."""\n\n'
        f"__title__ = {config.distribution!r}\n"
        f"__version__ = {config.version!r}\n"
    )
