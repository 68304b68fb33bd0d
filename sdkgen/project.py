"""The files around a generated package: ``pyproject.toml``, ``README.md``, ``LICENSE`` and ``CHANGELOG.md``.

They are ours, not the generator's: sdkgen renders them from ``overlays/project/`` (and the vendor's
``overlays/<vendor>/project/``) with the vendor's ``config.yaml``, so the generator runs with ``--meta none``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from sdkgen.config import VendorConfig
from sdkgen.errors import SdkgenError
from sdkgen.registry import OperationInfo
from sdkgen.vendors import ROOT, Vendor

PYTHONS = ("3.11", "3.12", "3.13", "3.14")
"""The Python versions the packages support and declare."""

PROJECT = "project"
GITIGNORE = "# Written by sdkgen.\n__pycache__/\n*.py[cod]\nbuild/\ndist/\n"


def write_project_files(
    vendor: Vendor,
    config: VendorConfig,
    project: Path,
    root: Path = ROOT,
    *,
    auth: str,
    example: OperationInfo | None = None,
) -> None:
    """Render the project files of ``vendor``'s package into ``project``; ``auth`` says where the key goes, and
    ``example`` is the operation a README without front-door methods shows a call of."""
    loader = jinja2.FileSystemLoader([vendor.overlay_dir(root) / PROJECT, root / "overlays" / PROJECT])
    environment = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # noqa: S701 - renders TOML and Markdown, not HTML
    )
    context = {"config": config, "pythons": PYTHONS, "auth": auth, "example": example}
    for name in ("pyproject.toml", "README.md"):
        try:
            text = environment.get_template(f"{name}.jinja").render(context)
        except jinja2.TemplateError as exc:
            raise SdkgenError(f"overlays/{PROJECT}/{name}.jinja for {vendor.name}: {exc}") from exc
        (project / name).write_text(text, encoding="utf-8")
    license_file = root / "LICENSE"
    if not license_file.is_file():
        raise SdkgenError("LICENSE is missing from the repository root: the packages ship it")
    shutil.copyfile(license_file, project / "LICENSE")
    changelog = vendor.changelog_path(root)
    if not changelog.is_file():
        raise SdkgenError(f"specs/{vendor.name}/CHANGELOG.md is missing: every package ships its changelog")
    shutil.copyfile(changelog, project / "CHANGELOG.md")
    # hatchling puts the nearest .gitignore (up to the checkout's root) into the sdist: give each project its own, so
    # the sdist is the same whether it is built in this checkout, in a copy of it or from an unpacked sdist.
    (project / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
