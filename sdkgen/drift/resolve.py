"""``$ref`` resolution: a copy of an OpenAPI document with every local reference replaced by its target."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from sdkgen.errors import SdkgenError

# Set on every inlined target: the component's name, which the generator turns into a class name.
COMPONENT = "$component"
_URI = "urn:sdkgen:document"


def inline(spec: dict[str, Any], source: str) -> dict[str, Any]:
    """``spec`` with its ``$ref``\\ s replaced by their targets, each marked with :data:`COMPONENT`.

    A reference back into a schema being inlined (a recursive schema) is kept as ``{"$ref": ...}``. Keys beside a
    ``$ref`` override the target's, as OpenAPI 3.1 specifies. A reference outside the document is an error.
    """
    resolver = Registry().with_resource(_URI, Resource.opaque(spec)).resolver(_URI)
    result = _inline(spec, lambda ref: resolver.lookup(ref).contents, (), source)
    assert isinstance(result, dict)
    return result


def _inline(node: Any, lookup: Callable[[str], Any], stack: tuple[str, ...], source: str) -> Any:
    if isinstance(node, list):
        return [_inline(item, lookup, stack, source) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return {key: _inline(value, lookup, stack, source) for key, value in node.items()}
    if not ref.startswith("#"):
        raise SdkgenError(f"{source}: $ref {ref!r} points outside the document, which drift checks do not follow")
    if ref in stack:
        return {"$ref": ref}
    try:
        target = lookup(ref)
    except Unresolvable as exc:
        raise SdkgenError(f"{source}: $ref {ref!r} does not resolve") from exc
    resolved = _inline(target, lookup, (*stack, ref), source)
    if not isinstance(resolved, dict):
        return resolved
    siblings = {key: _inline(value, lookup, stack, source) for key, value in node.items() if key != "$ref"}
    name = unquote(ref.rsplit("/", 1)[-1]).replace("~1", "/").replace("~0", "~")
    return {**resolved, **siblings, COMPONENT: name}
