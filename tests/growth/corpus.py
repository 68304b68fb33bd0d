"""The growth corpus: specs that extend a vendor's vendored spec, built with our templates and with stock ones.

A growth spec is a vendor's ``specs/<vendor>/openapi.yaml`` with a fragment's ``tags``, ``paths`` and
``components.schemas`` added, so the vendor's front door (which needs ``cloneVoice``) still works. Ours is built the
way ``python -m sdkgen generate`` builds a vendor, by :func:`sdkgen.generate.build_project` on a temporary repository
root holding ``overlays/``, ``LICENSE`` and the vendor's ``specs/<vendor>/``; stock is openapi-python-client 0.29.1
with no custom templates and ``--meta none``, formatted by the same pinned ruff, under another package name so both
import side by side. The benchmarks use this module too (``benchmarks/growth.py``), for the import cost of a large spec.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sdkgen.generate import build_project, pinned_ruff
from sdkgen.generator import generate_stock
from sdkgen.vendors import ROOT, Vendor

HERE = Path(__file__).resolve().parent
FRONT_DOORS = {"retell": ("Retell", "AsyncRetell"), "vogent": ("Vogent", "AsyncVogent")}
"""The sync and async front doors of each vendor's packages, growth packages included."""
OPENAPI_VERSION = "3.1.0"
"""The growth specs' version: 3.1 for ``type: 'null'`` members of unions (the vendors' own specs are 3.0.3)."""


@dataclass(frozen=True)
class GrowthSpec:
    """A vendor's spec extended by a fragment, and the names its two packages import under."""

    name: str
    vendor: str
    spec: dict[str, Any]
    accepted_warnings: tuple[Mapping[str, str], ...] = ()
    base_url: str | None = None
    """``base_url`` in the package's ``config.yaml`` (a spec without ``servers`` needs it)."""

    @property
    def package(self) -> str:
        """Ours' import name."""
        return self.name.replace("-", "_") + "_client"

    @property
    def stock_package(self) -> str:
        """Stock's import name."""
        return f"stock_{self.package}"


@dataclass(frozen=True)
class Built:
    """Both packages of one growth spec: each ``*_path`` is the directory to put on ``sys.path``."""

    growth: GrowthSpec
    ours_path: Path
    stock_path: Path
    stock_problems: tuple[str, ...] = field(default=())

    @property
    def ours(self) -> Path:
        """Ours' package directory."""
        return self.ours_path / self.growth.package

    @property
    def stock(self) -> Path:
        """Stock's package directory."""
        return self.stock_path / self.growth.stock_package


def fragment(name: str) -> dict[str, Any]:
    """The fragment ``tests/growth/<name>.yaml``."""
    loaded: dict[str, Any] = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    return loaded


def extend(vendor: str, addition: Mapping[str, Any]) -> dict[str, Any]:
    """``specs/<vendor>/openapi.yaml`` with ``addition``'s tags, paths, schemas and security schemes added; a clash is
    an error."""
    spec: dict[str, Any] = yaml.safe_load((ROOT / "specs" / vendor / "openapi.yaml").read_text(encoding="utf-8"))
    spec["openapi"] = OPENAPI_VERSION
    spec["tags"] = [*spec.get("tags", []), *copy.deepcopy(addition.get("tags", []))]
    components = spec["components"]
    for key, target in (
        ("paths", spec["paths"]),
        ("schemas", components.setdefault("schemas", {})),
        ("securitySchemes", components.setdefault("securitySchemes", {})),
    ):
        added = addition.get("paths", {}) if key == "paths" else addition.get("components", {}).get(key, {})
        clashes = sorted(set(added) & set(target))
        if clashes:
            raise ValueError(f"the fragment's {key} {clashes} are in {vendor}'s spec already")
        target.update(copy.deepcopy(added))
    return spec


def make_root(growth: GrowthSpec, destination: Path) -> Path:
    """A repository root for :func:`sdkgen.generate.build_project`: the overlay, the licence and ``specs/<vendor>/``."""
    shutil.copytree(ROOT / "overlays", destination / "overlays")
    shutil.copyfile(ROOT / "LICENSE", destination / "LICENSE")
    specs = destination / "specs" / growth.vendor
    specs.mkdir(parents=True)
    shutil.copyfile(ROOT / "specs" / growth.vendor / "CHANGELOG.md", specs / "CHANGELOG.md")
    config = yaml.safe_load((ROOT / "specs" / growth.vendor / "config.yaml").read_text(encoding="utf-8"))
    config["package"]["distribution"] = growth.package.replace("_", "-")
    config["package"]["import_name"] = growth.package
    config["accepted_warnings"] = [dict(entry) for entry in growth.accepted_warnings]
    if growth.base_url is not None:
        config["base_url"] = growth.base_url
    (specs / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (specs / "openapi.yaml").write_text(yaml.safe_dump(growth.spec, sort_keys=False), encoding="utf-8")
    return destination


def vendor_of(growth: GrowthSpec) -> Vendor:
    """The :class:`Vendor` that builds ``growth``'s package."""
    return Vendor(name=growth.vendor, project=growth.package.replace("_", "-"), package=growth.package)


def build_ours(growth: GrowthSpec, workdir: Path) -> Path:
    """Build ours under ``workdir``; return the project directory (the one to put on ``sys.path``)."""
    root = make_root(growth, workdir / "root")
    project: Path = build_project(vendor_of(growth), workdir / "build", root)
    return project


def build_stock(growth: GrowthSpec, workdir: Path) -> tuple[Path, tuple[str, ...]]:
    """Generate stock output under ``workdir`` and format it as stock's default post hooks do, with the pinned ruff;
    return the directory to put on ``sys.path`` and the generator's warnings."""
    workdir.mkdir(parents=True)
    spec_path = workdir / "openapi.yaml"
    spec_path.write_text(yaml.safe_dump(growth.spec, sort_keys=False), encoding="utf-8")
    package = workdir / growth.stock_package
    problems = generate_stock(spec_path, growth.stock_package, package)
    ruff = str(pinned_ruff())
    for command in (["check", "--fix-only", "--quiet", "."], ["format", "--quiet", "."]):
        subprocess.run([ruff, *command, "--no-cache"], cwd=package, check=True, capture_output=True)
    return workdir, tuple(problems)


def build_both(growth: GrowthSpec, workdir: Path) -> Built:
    """Ours and stock of ``growth`` under ``workdir``."""
    ours = build_ours(growth, workdir / "ours")
    stock, problems = build_stock(growth, workdir / "stock")
    return Built(growth, ours, stock, problems)


SLIPS = (
    {"match": "spec-duplicate-required at $.components.schemas.SpeechRequest", "reason": "the generator reads it once"},
    {"match": "spec-exclusive-bound-form at $.components.schemas.SpeechRequest", "reason": "the generator reads both"},
    {"match": "spec-invalid-default at $.components.schemas.SpeechRequest", "reason": "the generator converts '1'"},
)
"""What ``constructs.yaml`` gets wrong on purpose, as vendors' specs do (see :mod:`sdkgen.tolerance`), accepted."""
WITHOUT_SERVERS = "vogent"
"""The vendor whose constructs spec has no ``servers``: its base URL comes from ``config.yaml``."""
CONFIGURED_BASE_URL = "https://api.example.test/v2"


def constructs(vendor: str) -> GrowthSpec:
    """``vendor``'s spec extended by ``constructs.yaml``, its slips accepted; Vogent's without ``servers``."""
    spec = extend(vendor, fragment("constructs"))
    if vendor != WITHOUT_SERVERS:
        return GrowthSpec(f"growth-{vendor}", vendor, spec, SLIPS)
    del spec["servers"]
    return GrowthSpec(f"growth-{vendor}", vendor, spec, SLIPS, base_url=CONFIGURED_BASE_URL)


def large_fragment(operations: int = 64, schemas: int = 160, tags: int = 8) -> dict[str, Any]:
    """A large fragment made by rule: ``operations`` operations over ``tags`` tags, each answering one of
    ``schemas`` schemas (a quarter of them str or int enums, the rest models whose fields reference earlier schemas,
    scalars, nullable strings, arrays and unions), so its packages' size grows with the numbers."""
    names = [f"Thing{index:03d}" for index in range(schemas)]
    components: dict[str, Any] = {}
    for index, name in enumerate(names):
        if index % 8 == 0:
            components[name] = {"type": "string", "enum": [f"s{index}a", f"s{index}b", f"s{index}c"]}
        elif index % 8 == 4:
            components[name] = {"type": "integer", "enum": [index, index + 1]}
        else:
            components[name] = _large_model(names, index)
    paths: dict[str, Any] = {}
    for index in range(operations):
        model = names[_model_index(index, schemas)]
        paths[f"/large/{index:03d}/{{item_id}}"] = {
            "get": {
                "operationId": f"getThing{index:03d}",
                "tags": [f"area{index % tags}"],
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "page", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "The thing.",
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}},
                    },
                    "default": {"description": "Any error."},
                },
            }
        }
    return {
        "tags": [{"name": f"area{index}"} for index in range(tags)],
        "paths": paths,
        "components": {"schemas": components},
    }


def large(vendor: str = "retell", operations: int = 64, schemas: int = 160) -> GrowthSpec:
    """``vendor``'s spec extended by :func:`large_fragment`."""
    return GrowthSpec(f"large-{vendor}", vendor, extend(vendor, large_fragment(operations, schemas)))


def _model_index(operation: int, schemas: int) -> int:
    index = (operation * 7) % schemas
    return index + 1 if index % 4 == 0 else index


def _large_model(names: Sequence[str], index: int) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{names[index - 1]}"}
    properties: dict[str, Any] = {
        "id": {"type": "string"},
        "count": {"type": "integer"},
        "ratio": {"type": "number"},
        "note": {"type": ["string", "null"]},
        "updated": {"type": "string", "format": "date-time"},
        "previous": ref,
        "tags": {"type": "array", "items": {"type": "string"}},
        "either": {"oneOf": [{"type": "null"}, ref, {"type": "integer"}]},
    }
    return {"type": "object", "required": ["id", "count"], "properties": properties}


SPECS: dict[str, Callable[[], GrowthSpec]] = {
    "growth-retell": lambda: constructs("retell"),
    "growth-vogent": lambda: constructs("vogent"),
    "large-retell": large,
}
"""Every growth spec of the corpus, by name."""
CONSTRUCTS = ["growth-retell", "growth-vogent"]
"""The specs made from ``constructs.yaml``, which the round trips run on."""


class Builds:
    """Each growth spec built once per test run, on first use (by whichever worker needs it first), with both
    packages put on ``sys.path``."""

    def __init__(self, share: Callable[[str, Callable[[Path], Any]], Any]) -> None:
        self._share = share
        self._built: dict[str, Built] = {}

    def __getitem__(self, name: str) -> Built:
        if name not in self._built:
            growth = SPECS[name]()
            made = self._share(f"growth-build-{name}", lambda directory: _paths(build_both(growth, directory)))
            built = Built(growth, Path(made["ours"]), Path(made["stock"]), tuple(made["stock_problems"]))
            sys.path[:0] = [str(built.ours_path), str(built.stock_path)]
            self._built[name] = built
        return self._built[name]

    def all(self) -> list[Built]:
        """Every spec of the corpus, built."""
        return [self[name] for name in SPECS]


def _paths(built: Built) -> dict[str, Any]:
    return {"ours": str(built.ours_path), "stock": str(built.stock_path), "stock_problems": list(built.stock_problems)}
