"""The vendors this repository generates clients for, found from ``specs/<vendor>/config.yaml``, and their files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdkgen.config import VendorConfig, load_config
from sdkgen.errors import SdkgenError

ROOT = Path(__file__).resolve().parents[1]
CONFIG_FILE = "config.yaml"


@dataclass(frozen=True)
class Vendor:
    """One vendor's spec directory and the package generated from it."""

    name: str
    project: str
    package: str

    def spec_dir(self, root: Path = ROOT) -> Path:
        """``specs/<vendor>/``: page, OpenAPI YAML, upstream URL, configuration and changelog."""
        return root / "specs" / self.name

    def page_path(self, root: Path = ROOT) -> Path:
        """The vendor's documentation page as published."""
        return self.spec_dir(root) / "page.md"

    def spec_path(self, root: Path = ROOT) -> Path:
        """The OpenAPI YAML extracted from the page."""
        return self.spec_dir(root) / "openapi.yaml"

    def config_path(self, root: Path = ROOT) -> Path:
        """sdkgen's configuration of the vendor's package (see :mod:`sdkgen.config`)."""
        return self.spec_dir(root) / CONFIG_FILE

    def config(self, root: Path = ROOT) -> VendorConfig:
        """The parsed and checked configuration."""
        return load_config(self.config_path(root), f"specs/{self.name}/{CONFIG_FILE}")

    def changelog_path(self, root: Path = ROOT) -> Path:
        """The package's changelog, shipped in its sdist."""
        return self.spec_dir(root) / "CHANGELOG.md"

    def overlay_dir(self, root: Path = ROOT) -> Path:
        """``overlays/<vendor>/``: the vendor's front door and README section."""
        return root / "overlays" / self.name

    def upstream_url(self, root: Path = ROOT) -> str:
        """Where the vendor publishes the page."""
        return (self.spec_dir(root) / "upstream.url").read_text(encoding="utf-8").strip()

    def output_dir(self, root: Path = ROOT) -> Path:
        """``generated/<vendor>-client/``, the committed project."""
        return root / "generated" / self.project


def discover(root: Path = ROOT) -> dict[str, Vendor]:
    """Every vendor with a ``specs/<vendor>/config.yaml``, by name; a broken configuration is an error naming it."""
    vendors: dict[str, Vendor] = {}
    for config_path in sorted((root / "specs").glob(f"*/{CONFIG_FILE}")):
        name = config_path.parent.name
        config = load_config(config_path, f"specs/{name}/{CONFIG_FILE}")
        vendors[name] = Vendor(name=name, project=config.distribution, package=config.import_name)
    return vendors


VENDORS: dict[str, Vendor]
"""The repository's own vendors, found on first use (so that importing sdkgen never fails on a broken config.yaml:
the command that reads it reports it)."""


def __getattr__(name: str) -> dict[str, Vendor]:
    if name != "VENDORS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found = discover(ROOT)
    globals()["VENDORS"] = found
    return found


def select(names: list[str] | None, root: Path = ROOT) -> list[Vendor]:
    """The vendors named, or all of them when none is; an unknown name is an error that lists the known ones."""
    known = discover(root)
    if not names:
        return list(known.values())
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SdkgenError(f"unknown vendor {', '.join(unknown)}: choose from {', '.join(known)}")
    return [known[name] for name in names]
