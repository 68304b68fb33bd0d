"""Where the API key goes, read from the spec's ``securitySchemes`` and ``security``: for the API as a whole and for
each operation.

The clients send one key. A scheme that carries it is an HTTP bearer scheme (``Authorization: Bearer <key>``) or an
``apiKey`` scheme in a header or a query parameter of any name; other schemes (OAuth 2, cookies, basic) are passed
over when an operation offers one of these as an alternative. An operation whose ``security`` is empty (``[]``, or
only ``{}``) is sent without the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sdkgen.errors import SdkgenError
from sdkgen.specs import as_mapping, each_operation

Placement = tuple[str, str, str]
"""A header or a query parameter, its name, and what precedes the key in its value."""
BEARER: Placement = ("header", "Authorization", "Bearer ")


@dataclass(frozen=True)
class Security:
    """Where ``spec``'s operations carry the key. ``configured`` (``auth`` in config.yaml), when set, is where every
    operation that needs security carries it, whatever the spec's schemes say: for a spec that declares none (the
    key as a header parameter of each operation), or declares them wrong."""

    spec: Mapping[str, Any]
    source: str
    configured: Placement | None = None

    def default(self) -> Placement:
        """Where the key goes for an operation that says nothing: the first scheme the top-level ``security`` names
        that can carry it, else the only scheme declared; a bearer token when the spec declares none."""
        if self.configured is not None:
            return self.configured
        schemes = _schemes(self.spec)
        named = [name for requirement in _requirements(self.spec.get("security")) for name in requirement]
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
                f"{self.source}: security scheme {chosen!r} ({kind}) is not supported: the clients send an API key "
                "as a bearer token, or in a header or query parameter named by an apiKey scheme; or set auth in "
                "config.yaml"
            )
        return placement

    def of(self, operation: Mapping[str, Any]) -> Placement | None:
        """Where the key goes for ``operation``: as its own ``security`` says, else the top-level one (``None`` when
        that is empty: sent without the key); the default when neither is there."""
        holder = operation if "security" in operation else self.spec
        if "security" not in holder:
            return self.default()
        requirements = _requirements(holder.get("security"))
        if not any(requirements):
            return None
        if self.configured is None:
            schemes = _schemes(self.spec)
            for requirement in requirements:
                for name in requirement:
                    placement = _placement(schemes.get(name))
                    if placement is not None:
                        return placement
        return self.default()

    def placements(self) -> tuple[Placement, ...]:
        """Every place some operation (or the default) puts the key, the default first."""
        found = [self.default()]
        found += [place for operation in each_operation(self.spec) if (place := self.of(operation))]
        return tuple(dict.fromkeys(found))

    def describe(self) -> str:
        """Where the key goes, for the README: ``Authorization: Bearer <key>`` header, ``?key=<key>`` parameter."""
        where, name, prefix = self.default()
        return f"`{name}: {prefix}<key>` header" if where == "header" else f"`?{name}=<key>` query parameter"


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
