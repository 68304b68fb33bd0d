"""Stock openapi-python-client 0.29.1 output for the vendored specs, generated without our templates under other
package names (``stock_retell_client``, ``stock_vogent_client``) so it can be driven beside ours."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from sdkgen.vendors import VENDORS

from .shared import Share


def generate_stock(vendor: str, destination: Path, path_variable: str = "") -> subprocess.CompletedProcess[str]:
    """Run the stock generator on ``vendor``'s spec into ``destination/stock_<vendor>_client``; with
    ``path_variable``, under that ``PATH`` alone."""
    config = destination / f"{vendor}.yaml"
    config.write_text(f"package_name_override: stock_{vendor}_client\n", encoding="utf-8")
    env = {"PATH": path_variable} if path_variable else None
    return subprocess.run(
        [
            sys.executable,
            *("-m", "openapi_python_client", "generate"),
            *("--path", str(VENDORS[vendor].spec_path())),
            *("--config", str(config)),
            *("--meta", "none"),
            *("--output-path", str(destination / f"stock_{vendor}_client")),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def _generate_all(root: Path) -> str:
    for vendor in VENDORS:
        result = generate_stock(vendor, root)
        if result.returncode != 0:
            raise RuntimeError(f"stock generation of {vendor} failed:\n{result.stdout}{result.stderr}")
    return str(root)


class StockPackages:
    """The stock packages, generated once per run and imported: ``module(vendor, "api.default.clone_voice")`` and
    the like."""

    def __init__(self, share: Share) -> None:
        root = str(share("stock-packages", _generate_all))
        sys.path.insert(0, root)
        try:
            self.packages = {vendor: importlib.import_module(f"stock_{vendor}_client") for vendor in VENDORS}
        finally:
            sys.path.remove(root)

    def __getitem__(self, vendor: str) -> ModuleType:
        return self.packages[vendor]

    def module(self, vendor: str, name: str) -> ModuleType:
        """The stock package's submodule ``name``, e.g. ``models``."""
        return importlib.import_module(f"{self.packages[vendor].__name__}.{name}")
