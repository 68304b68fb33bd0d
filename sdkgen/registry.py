"""What the overlay needs from the generated package, handed to it explicitly: ``_operations.py`` and ``_models.py``.

The generator decides where an endpoint's module goes (by its first tag) and what a model is called (by its schema,
or by the operation for inline schemas). Hand-written code must not depend on either, so sdkgen reads both from the
generator's own parse of the spec and writes them down, keyed by what the spec does promise: the operationId.
"""

from __future__ import annotations

import keyword
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sdkgen import auth, media
from sdkgen.errors import SdkgenError
from sdkgen.generator import ClassRef, EnumField, Layout


@dataclass(frozen=True)
class OperationInfo:
    """One operation as the generator laid it out."""

    operation_id: str
    """The spec's operationId; ``<tag module>.<operationId>`` for one that several operations share."""
    python_name: str
    name: str
    """Its name in ``_operations.py``: the endpoint module's, prefixed by the tag module's when another operation's
    module has the same name."""
    method: str
    path: str
    endpoint_module: str
    body: ClassRef | None
    result: ClassRef | None
    success: tuple[tuple[int, int], ...]
    default: bool
    accept: str = "application/json"
    """The ``Accept`` header: what the operation's 2xx answers document."""
    auth: auth.Placement | None = auth.BEARER
    """Where the key goes for this operation; ``None`` for one sent without it."""
    body_enums: tuple[EnumField, ...] = ()
    needs_arguments: bool = True
    """Whether a call needs a path, query or header parameter or a body: an example call shows one that does not."""


def operations(layout: Layout, spec: Mapping[str, Any], source: str, security: auth.Security) -> list[OperationInfo]:
    """Every operation the generator made a module for, with what the spec (``source``) documents about its success
    answers, and where ``security`` says it carries the key."""
    found: dict[tuple[str, str], OperationInfo] = {}
    for endpoint in layout.endpoints:
        key = (endpoint.method, endpoint.path)
        if key in found:
            continue
        operation = (spec["paths"].get(endpoint.path) or {}).get(endpoint.method)
        if not isinstance(operation, dict):
            raise SdkgenError(
                f"{source}: the generator made an endpoint for {endpoint.method.upper()} {endpoint.path}, which the "
                "spec does not have"
            )
        found[key] = OperationInfo(
            operation_id=str(operation.get("operationId") or endpoint.python_name),
            python_name=endpoint.python_name,
            name=endpoint.python_name,
            method=endpoint.method.upper(),
            path=endpoint.path,
            endpoint_module=f".api.{endpoint.tag}.{endpoint.python_name}",
            body=endpoint.body,
            result=endpoint.result,
            body_enums=endpoint.body_enums,
            success=_documented_success(operation),
            default="default" in (operation.get("responses") or {}),
            accept=media.accept(operation, spec.get("components") or {}),
            auth=security.of(operation),
            needs_arguments=_needs_arguments(operation, spec["paths"][endpoint.path], endpoint.path),
        )
    return sorted(_unique(list(found.values()), source), key=lambda info: info.operation_id)


def _unique(found: list[OperationInfo], source: str) -> list[OperationInfo]:
    # Specs made by some tools reuse an operationId under each tag (``list``, ``get``); the generator writes each in
    # its tag's module, and the registry tells them apart by that module. Under one tag, one would overwrite the other.
    modules: dict[str, OperationInfo] = {}
    for info in found:
        other = modules.setdefault(info.endpoint_module, info)
        if other is not info:
            raise SdkgenError(
                f"{source}: {other.method} {other.path} and {info.method} {info.path} would both be written to "
                f"{info.endpoint_module.lstrip('.')}.py (the same operationId under the same tag), one over the "
                "other: give them distinct operationIds or tags"
            )
    counts = Counter(info.operation_id for info in found)
    names = Counter(info.python_name for info in found)
    unique = []
    for info in found:
        tag = info.endpoint_module.split(".")[2]
        operation_id = f"{tag}.{info.operation_id}" if counts[info.operation_id] > 1 else info.operation_id
        name = f"{tag}_{info.python_name}" if names[info.python_name] > 1 else info.python_name
        unique.append(replace(info, operation_id=operation_id, name=name))
    return unique


def example(found: Iterable[OperationInfo]) -> OperationInfo | None:
    """The operation a README's example calls: the first ``GET`` that needs no argument and answers JSON, else the
    first ``GET`` that needs none, else the first operation that needs none, else the first; ``None`` for a spec
    without operations."""
    operations = list(found)
    for choice in (
        [info for info in operations if info.method == "GET" and not info.needs_arguments and "json" in info.accept],
        [info for info in operations if info.method == "GET" and not info.needs_arguments],
        [info for info in operations if not info.needs_arguments],
        operations,
    ):
        if choice:
            return choice[0]
    return None


def require(found: Iterable[OperationInfo], needed: Iterable[str], source: str) -> None:
    """Fail naming every operationId the front door needs that the generated package does not have."""
    have = {info.operation_id for info in found}
    missing = [operation_id for operation_id in needed if operation_id not in have]
    if missing:
        raise SdkgenError(
            f"{source}: the front door needs operationId {', '.join(missing)}, which the spec no longer has "
            f"(it has: {', '.join(sorted(have)) or 'none'}); update overlays/ or front_door.operations"
        )


def model_classes(layout: Layout) -> list[ClassRef]:
    """Every generated model and enum, sorted by name."""
    return list(layout.classes)


def operations_module(found: list[OperationInfo]) -> str:
    """The text of ``_operations.py``."""
    refs = [ref for info in found for ref in (info.body, info.result) if ref is not None]
    refs += [field.enum for info in found for field in info.body_enums]
    modules = sorted({ref.module for ref in refs})
    lines = [
        '"""The API\'s operations, keyed by operationId: written by sdkgen from the spec and the generator\'s layout.',
        "",
        "Front doors reach their endpoints only through this module, so a retagged operation or a renamed schema",
        "changes this file and nothing hand-written. Each ``<Operation>Body`` and ``<Operation>Result`` names the",
        "generated class of that role (``Any`` when the role is not a single model); each ``<Operation><Field>`` the",
        'type a body field of an enum type takes: one of the values the spec lists, or a member of the enum."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Any",
        "",
        "from ._operation import Operation",
        "",
        "if TYPE_CHECKING:",
        "    from typing import Literal, TypeAlias",
        "",
    ]
    lines += [
        f"    from .models import {module.rpartition('.')[2]} as _{module.rpartition('.')[2]}" for module in modules
    ]
    lines.append("")
    for info in found:
        role = _pascal(info.name)
        lines.append(f"    {role}Body: TypeAlias = {_alias(info.body)}")
        lines.append(f"    {role}Result: TypeAlias = {_alias(info.result)}")
        for field in info.body_enums:
            listed = ", ".join(repr(value) for value in field.values)
            lines.append(f"    {role}{_pascal(field.name)}: TypeAlias = Literal[{listed}] | {_alias(field.enum)}")
    lines += ["", ""]
    for info in found:
        role = _pascal(info.name)
        body = f"({info.body.module!r}, {info.body.name!r})" if info.body else "None"
        lines += [
            f"{info.name}: Operation[{role}Body, {role}Result] = Operation(",
            f"    operation_id={info.operation_id!r},",
            f"    method={info.method!r},",
            f"    path={info.path!r},",
            f"    endpoint={info.endpoint_module!r},",
            f"    body={body},",
            f"    success={info.success!r},",
            f"    default={info.default!r},",
            f"    accept={info.accept!r},",
            f"    auth={info.auth!r},",
            ")",
            "",
        ]
    lines.append(f"BY_OPERATION_ID: dict[str, Operation[Any, Any]] = {{{_entries(found)}}}")
    lines.append('"""Every operation, by its operationId."""')
    return "\n".join(lines) + "\n"


def models_module(classes: list[ClassRef]) -> str:
    """The text of ``_models.py``: every model and enum, for the package root to export and load on first use."""
    lines = [
        '"""Every generated model and enum, by name, for the package root to export: written by sdkgen.',
        "",
        "A name is imported only when first used, so importing the package costs the same whatever the size of the",
        'spec."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING",
        "",
    ]
    if classes:
        lines.append("if TYPE_CHECKING:")
        lines += [f"    from {ref.module} import {ref.name} as {ref.name}" for ref in classes]
        lines.append("")
    lines.append("MODULES: dict[str, str] = {")
    lines += [f"    {ref.name!r}: {ref.module!r}," for ref in classes]
    lines += ["}", '"""The module below the package that defines each name."""', ""]
    lines.append("__all__ = [")
    lines += [f"    {ref.name!r}," for ref in classes]
    lines.append("]")
    return "\n".join(lines) + "\n"


def _needs_arguments(operation: Mapping[str, Any], path_item: Mapping[str, Any], path: str) -> bool:
    # A $ref'd parameter is taken as required: the example only needs one call that surely takes no argument.
    parameters = [*(path_item.get("parameters") or []), *(operation.get("parameters") or [])]
    required = any(not isinstance(item, dict) or item.get("required") or "$ref" in item for item in parameters)
    body = operation.get("requestBody")
    return required or "{" in path or (isinstance(body, dict) and bool(body.get("required") or "$ref" in body))


def _documented_success(operation: Mapping[str, Any]) -> tuple[tuple[int, int], ...]:
    ranges = []
    for code in operation.get("responses") or {}:
        text = str(code).upper()
        if len(text) == 3 and text[0] == "2" and text[1:] == "XX":
            ranges.append((200, 299))
        elif text.isdigit() and 200 <= int(text) <= 299:
            ranges.append((int(text), int(text)))
    return tuple(sorted(ranges))


def _alias(ref: ClassRef | None) -> str:
    return "Any" if ref is None else f"_{ref.module.rpartition('.')[2]}.{ref.name}"


def _pascal(python_name: str) -> str:
    name = "".join(part[:1].upper() + part[1:] for part in python_name.split("_") if part)
    return f"{name}_" if keyword.iskeyword(name) else name


def _entries(found: list[OperationInfo]) -> str:
    return ", ".join(f"{info.operation_id!r}: {info.name}" for info in found)
