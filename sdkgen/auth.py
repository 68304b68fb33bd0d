"""Where the API key goes, read from the spec's ``securitySchemes`` and ``security``: for the API as a whole and for
each operation.

The clients send one key. A scheme that carries it is an HTTP bearer scheme (``Authorization: Bearer <key>``) or an
``apiKey`` scheme in a header or a query parameter of any name; other schemes (OAuth 2, cookies, basic) are passed
over when an operation offers one of these as an alternative. An operation whose ``security`` is empty (``[]``, or
only ``{}``) is sent without the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sdkgen.errors import SdkgenError
from sdkgen.specs import as_mapping, each_operation

Placement = tuple[str, str, str]
"""A header or a query parameter, its name, and what precedes the key in its value."""
BEARER: Placement = ("header", "Authorization", "Bearer ")


def default_placement(spec: Mapping[str, Any], source: str) -> Placement:
    """Where the key goes for an operation that says nothing: the first scheme the top-level ``security`` names that
    can carry it, else the only scheme declared; a bearer token when the spec declares none."""
    schemes = _schemes(spec)
    named = [name for requirement in _requirements(spec.get("security")) for name in requirement]
    chosen = next((name for name in named if _placement(schemes.get(name)) is not None), None)
    if chosen is None and named:
        chosen = next((name for name in named if name in schemes), None)
    chosen = chosen or next(iter(schemes), None)
    if chosen is None:
        return BEARER
    placement = _placement(schemes[chosen])
    if placement is None:
        kind = str(as_mapping(schemes[chosen]).get("type", "")) or "no type"
        raise SdkgenError(
            f"{source}: security scheme {chosen!r} ({kind}) is not supported: the clients send an API key as a "
            "bearer token, or in a header or query parameter named by an apiKey scheme"
        )
    return placement


def operation_placement(operation: Mapping[str, Any], spec: Mapping[str, Any], source: str) -> Placement | None:
    """Where the key goes for ``operation``: its own ``security`` when it has one (``None``: sent without the key),
    else the default."""
    if "security" not in operation:
        return default_placement(spec, source)
    requirements = _requirements(operation.get("security"))
    if not any(requirements):
        return None
    schemes = _schemes(spec)
    for requirement in requirements:
        for name in requirement:
            placement = _placement(schemes.get(name))
            if placement is not None:
                return placement
    return default_placement(spec, source)


def placements(spec: Mapping[str, Any], source: str) -> tuple[Placement, ...]:
    """Every place some operation of ``spec`` (or the default) puts the key, the default first."""
    found = [default_placement(spec, source)]
    found += [place for operation in each_operation(spec) if (place := operation_placement(operation, spec, source))]
    return tuple(dict.fromkeys(found))


def _placement(scheme: object) -> Placement | None:
    scheme = as_mapping(scheme)
    kind = str(scheme.get("type", "")).lower()
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return BEARER
    if kind == "apikey" and scheme.get("in") in ("header", "query") and scheme.get("name"):
        return (str(scheme["in"]), str(scheme["name"]), "")
    return None


def _schemes(spec: Mapping[str, Any]) -> Mapping[str, Any]:
    return as_mapping(as_mapping(spec.get("components")).get("securitySchemes"))


def _requirements(security: object) -> list[Mapping[str, Any]]:
    return [as_mapping(requirement) for requirement in security] if isinstance(security, list) else []
