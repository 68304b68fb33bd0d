"""The versions the root ``pyproject.toml`` pins for the tools whose output sdkgen commits (openapi-python-client,
ruff): sdkgen refuses to run another release of either, naming both versions."""

from __future__ import annotations

import functools
import re
import tomllib

from sdkgen.errors import SdkgenError
from sdkgen.vendors import ROOT

PYPROJECT = "pyproject.toml"
_PIN = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s,;]+)\s*")


@functools.cache
def pinned(distribution: str) -> str:
    """The version ``pyproject.toml`` pins ``distribution`` to (``name==VERSION`` in ``project.dependencies``)."""
    try:
        document = tomllib.loads((ROOT / PYPROJECT).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SdkgenError(f"{PYPROJECT}: cannot read the pins of the generator and ruff: {exc}") from exc
    for requirement in document.get("project", {}).get("dependencies", []):
        found = _PIN.fullmatch(str(requirement))
        if found and _normal(found[1]) == _normal(distribution):
            return found[2]
    raise SdkgenError(f"{PYPROJECT}: project.dependencies pins no {distribution}==VERSION")


def require_pinned(distribution: str, installed: str, where: str = "") -> None:
    """Fail unless ``installed`` is the pinned version of ``distribution``; ``where`` says where it was found."""
    pin = pinned(distribution)
    if installed != pin:
        raise SdkgenError(
            f"{distribution} {pin} is pinned ({PYPROJECT}) but {installed} is installed{where}: "
            "reinstall with `pip install -e .`"
        )


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
