"""The hand-written overlay: custom generator templates and the modules copied into every package."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sdkgen.errors import SdkgenError
from sdkgen.vendors import ROOT, Vendor

SHARED = "package"
TEMPLATES = "templates"


def overlay_dir(root: Path = ROOT) -> Path:
    """``overlays/``."""
    return root / "overlays"


def assemble_templates(vendor: Vendor, destination: Path, root: Path = ROOT) -> Path:
    """Copy the shared templates, then the vendor's own on top, into ``destination`` for ``--custom-template-path``."""
    base = overlay_dir(root)
    shutil.copytree(base / TEMPLATES, destination)
    vendor_templates = base / vendor.name / TEMPLATES
    if vendor_templates.is_dir():
        shutil.copytree(vendor_templates, destination, dirs_exist_ok=True)
    return destination


def apply_modules(vendor: Vendor, package_dir: Path, spec: dict[str, Any], root: Path = ROOT) -> None:
    """Copy the shared and the vendor's overlay modules into ``package_dir`` and write ``_spec.py`` from the spec."""
    base = overlay_dir(root)
    for source in (base / SHARED, base / vendor.name / SHARED):
        for module in sorted(source.glob("*.py")):
            shutil.copyfile(module, package_dir / module.name)
    (package_dir / "_spec.py").write_text(_spec_module(spec, vendor), encoding="utf-8")


def _spec_module(spec: dict[str, Any], vendor: Vendor) -> str:
    servers = spec.get("servers") or []
    url = servers[0].get("url", "") if servers and isinstance(servers[0], dict) else ""
    if not url.startswith(("https://", "http://")):
        raise SdkgenError(f"specs/{vendor.name}/openapi.yaml: servers[0].url must be an absolute http(s) URL: {url!r}")
    return (
        '"""Values taken from the vendored OpenAPI document at generation time."""\n\n'
        f"DEFAULT_BASE_URL = {url.rstrip('/')!r}\n"
    )
