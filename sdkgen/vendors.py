"""The vendors this repository generates clients for, and where their files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdkgen.errors import SdkgenError

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Vendor:
    """One vendor's spec directory and the package generated from it."""

    name: str
    project: str
    package: str

    def spec_dir(self, root: Path = ROOT) -> Path:
        """``specs/<vendor>/``: page, OpenAPI YAML, upstream URL and generator config."""
        return root / "specs" / self.name

    def page_path(self, root: Path = ROOT) -> Path:
        """The vendor's documentation page as published."""
        return self.spec_dir(root) / "page.md"

    def spec_path(self, root: Path = ROOT) -> Path:
        """The OpenAPI YAML extracted from the page."""
        return self.spec_dir(root) / "openapi.yaml"

    def config_path(self, root: Path = ROOT) -> Path:
        """The openapi-python-client configuration."""
        return self.spec_dir(root) / "config.yaml"

    def upstream_url(self, root: Path = ROOT) -> str:
        """Where the vendor publishes the page."""
        return (self.spec_dir(root) / "upstream.url").read_text(encoding="utf-8").strip()

    def output_dir(self, root: Path = ROOT) -> Path:
        """``generated/<vendor>-client/``, the committed project."""
        return root / "generated" / self.project


VENDORS: dict[str, Vendor] = {
    vendor.name: vendor
    for vendor in (
        Vendor(name="retell", project="retell-client", package="retell_client"),
        Vendor(name="vogent", project="vogent-client", package="vogent_client"),
    )
}


def select(names: list[str] | None) -> list[Vendor]:
    """The vendors named, or all of them when none is; an unknown name is an error that lists the known ones."""
    if not names:
        return list(VENDORS.values())
    unknown = [name for name in names if name not in VENDORS]
    if unknown:
        raise SdkgenError(f"unknown vendor {', '.join(unknown)}: choose from {', '.join(VENDORS)}")
    return [VENDORS[name] for name in names]
