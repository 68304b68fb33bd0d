"""The install test of a built package: a fresh virtual environment, the package installed as a user installs it,
imported, and used to clone a voice against a loopback server (:mod:`sdkgen.install_probe` runs inside).

The call is derived from the vendor's spec, the same way for every vendor: the front door is ``config.vendor``
(``Retell``), its method the snake-case operationId of the first front-door operation, the file argument the
request's binary field (a list when the field is an array), the keyword arguments its other required fields (each
its example, first enum value or a placeholder), and the server answers the first 2xx status with a body built from
that response's schema the same way.
"""

from __future__ import annotations

import json
import os
import re
import sys
import venv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sdkgen import process
from sdkgen.drift.compare import operations
from sdkgen.drift.resolve import inline
from sdkgen.drift.schemas import flatten, types_of
from sdkgen.errors import SdkgenError
from sdkgen.specs import base_url, load_valid_spec
from sdkgen.vendors import ROOT, Vendor

PROBE = Path(__file__).with_name("install_probe.py")
TIMEOUT_S = 600
_PLACEHOLDERS = {"string": "install-probe", "integer": 1, "number": 1.5, "boolean": True, "array": [], "object": {}}


def plan(vendor: Vendor, root: Path = ROOT) -> dict[str, Any]:
    """What the probe checks for ``vendor``'s package (see the module's docstring)."""
    source = f"specs/{vendor.name}/openapi.yaml"
    spec = inline(load_valid_spec(vendor.spec_path(root), source)[0], source)
    config = vendor.config(root)
    wanted = config.operations[0] if config.operations else None
    found = [op for op in operations(spec).values() if wanted is None or op.data.get("operationId") == wanted]
    if not found:
        raise SdkgenError(f"{source}: no operation {wanted!r} to probe the installed package with")
    operation = found[0]
    content = ((operation.data.get("requestBody") or {}).get("content") or {}).get("multipart/form-data") or {}
    request = flatten(content.get("schema") or {})
    required = request.get("required") or []
    properties = request.get("properties") or {}
    files = [name for name in required if _is_binary(properties.get(name) or {})]
    if len(files) != 1:
        raise SdkgenError(f"{source}: {operation.label} needs exactly one required binary field to probe, has {files}")
    status, body = _response(operation.data.get("responses") or {}, source)
    return {
        "distribution": config.distribution,
        "import_name": config.import_name,
        "version": config.version,
        "front_door": config.vendor,
        "method": re.sub(r"(?<!^)(?=[A-Z])", "_", operation.data["operationId"]).lower(),
        "files_as_list": "array" in types_of(flatten(properties[files[0]])),
        "arguments": {name: example(properties[name]) for name in required if name not in files},
        "base_path": urlsplit(base_url(spec, config.base_url, source)).path.rstrip("/"),
        "path": operation.path,
        "response": {"status": status, "body": body},
    }


def example(schema: dict[str, Any]) -> Any:
    """A valid value for ``schema``: its example, its first enum value, or one per type; objects get their required
    properties."""
    schema = flatten(schema)
    if "example" in schema:
        return schema["example"]
    if schema.get("enum"):
        return schema["enum"][0]
    types = types_of(schema)
    if "object" in types:
        properties = schema.get("properties") or {}
        return {name: example(properties.get(name) or {}) for name in schema.get("required") or []}
    return _PLACEHOLDERS[min(types)] if types else _PLACEHOLDERS["string"]


@dataclass(frozen=True)
class Installed:
    """A fresh environment's install: the probe's summary per package, and pip's installation report."""

    probes: list[dict[str, Any]]
    pip_report: dict[str, Any]

    def download(self, distribution: str) -> tuple[str, dict[str, str]]:
        """Where pip took ``distribution`` from, and the archive's hashes the index gave."""
        for item in self.pip_report.get("install", []):
            if item.get("metadata", {}).get("name", "").lower() == distribution.lower():
                info = item.get("download_info", {})
                return str(info.get("url", "")), dict(info.get("archive_info", {}).get("hashes") or {})
        raise SdkgenError(f"pip installed no {distribution}")


def install_and_probe(
    requirements: Sequence[str], vendors: Sequence[Vendor], directory: Path, pip_args: Sequence[str] = ()
) -> Installed:
    """Create a fresh environment in ``directory``, install ``requirements`` (wheel paths or names) there with
    ``pip_args``, and probe each of ``vendors``' packages in it."""
    python = fresh_venv(directory / "venv")
    report = directory / "pip-report.json"
    pip(python, "install", "--quiet", "--report", str(report), *pip_args, *requirements)
    probes = [probe(python, vendor) for vendor in vendors]
    return Installed(probes, json.loads(report.read_text(encoding="utf-8")))


def fresh_venv(directory: Path) -> Path:
    """A new virtual environment without pip (the running pip installs into it, which is faster); its python."""
    venv.EnvBuilder(clear=True, with_pip=False).create(directory)
    return directory / ("Scripts" if os.name == "nt" else "bin") / "python"


def pip(python: Path, *args: str) -> None:
    """Run this interpreter's pip against the environment of ``python``."""
    command = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check", *args]
    _run(command, "pip " + args[0], cwd=python.parent)


def probe(python: Path, vendor: Vendor, root: Path = ROOT) -> dict[str, Any]:
    """Run :mod:`sdkgen.install_probe` with ``python`` for ``vendor``; its summary."""
    # -I: no script directory, user site or PYTHON* variables, so only the environment's packages are importable.
    output = _run([str(python), "-I", str(PROBE), json.dumps(plan(vendor, root))], f"probe of {vendor.project}", None)
    result: dict[str, Any] = json.loads(output)
    return result


def _run(command: list[str], what: str, cwd: Path | None) -> str:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return process.run(command, what, timeout=TIMEOUT_S, cwd=cwd, env=env)


def _is_binary(schema: dict[str, Any]) -> bool:
    schema = flatten(schema)
    if "array" in types_of(schema):
        return _is_binary(schema.get("items") or {})
    return schema.get("format") == "binary"


def _response(responses: dict[Any, Any], source: str) -> tuple[int, Any]:
    for code, response in sorted((str(code), value) for code, value in responses.items()):
        schema = (((response or {}).get("content") or {}).get("application/json") or {}).get("schema")
        if code.startswith("2") and code.isdigit() and isinstance(schema, dict):
            return int(code), example(schema)
    raise SdkgenError(f"{source}: no 2xx JSON response to answer the probe with")
