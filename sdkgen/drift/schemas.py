"""Comparison of two resolved JSON schemas, each change judged by the direction the data travels.

The same component can be used in a request and in a response: it is compared once per use, with that use's
:class:`Direction`, so relaxing a constraint is harmless in a request and tightening one is harmless in a response.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sdkgen.drift.model import Change, Severity, toggled
from sdkgen.drift.resolve import COMPONENT


class Direction(StrEnum):
    """Which way the data described by a schema travels, seen from the caller."""

    REQUEST = "request"
    RESPONSE = "response"
    # An error body: the client raises by status code and never parses it, so nothing in it breaks callers.
    ERROR = "error"


@dataclass(frozen=True)
class Site:
    """Where a schema is used: the direction of its data, its location, and the list changes go to."""

    direction: Direction
    location: str
    out: list[Change]

    def at(self, suffix: str) -> Site:
        """The site of a part of this schema: ``.name`` for a property, ``[]`` for array items..."""
        return Site(self.direction, f"{self.location}{suffix}", self.out)

    @property
    def request(self) -> bool:
        """Whether the caller sends this data."""
        return self.direction is Direction.REQUEST

    def add(self, breaking: bool, kind: str, message: str) -> None:
        """Record a change; nothing in an error body is breaking."""
        if self.direction is Direction.ERROR:
            severity = Severity.NON_BREAKING
            message = f"{message} (in an error body, which the client does not parse)"
        else:
            severity = Severity.BREAKING if breaking else Severity.NON_BREAKING
        self.out.append(Change(severity=severity, kind=kind, location=self.location, message=message))


Schema = dict[str, Any]

# Formats the generator maps to a Python type of their own (File, date, datetime, UUID); others stay ``str``.
TYPED_FORMATS = frozenset({"binary", "date", "date-time", "uuid"})
_LOWER_BOUNDS = ("minLength", "minItems", "minProperties", "minimum")
_UPPER_BOUNDS = ("maxLength", "maxItems", "maxProperties", "maximum")
# Keywords the generator ignores: a change is reported, never breaking.
_DOCUMENTATION = ("readOnly", "writeOnly", "xml", "externalDocs", "discriminator")
_HANDLED = frozenset(
    {
        "type", "nullable", "format", "enum", "default", "description", "example", "examples", "deprecated",
        "properties", "required", "items", "additionalProperties", "oneOf", "anyOf", "allOf", "title", COMPONENT,
        "pattern", "multipleOf", "uniqueItems", "exclusiveMinimum", "exclusiveMaximum",
        *_LOWER_BOUNDS, *_UPPER_BOUNDS, *_DOCUMENTATION,
    }
)  # fmt: skip


def compare_schema(old: Any, new: Any, site: Site) -> None:
    """Record the changes from schema ``old`` to schema ``new`` used at ``site``."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        if old != new:
            site.add(True, "type", f"schema {show(old)} -> {show(new)}")
        return
    old, new = flatten(old), flatten(new)
    _model_name(old, new, site)
    old_types, new_types = types_of(old), types_of(new)
    if old_types != new_types:
        site.add(
            True, "type", f"type changed from {_names(old_types)} to {_names(new_types)}: the generated type changes"
        )
        return
    for rule in (_nullable, _format, _enum, _constraints, _default, _documentation, _properties, _additional):
        rule(old, new, site)
    if "items" in old and "items" in new:
        compare_schema(old["items"], new["items"], site.at("[]"))
    for key in ("oneOf", "anyOf"):
        _variants(key, old.get(key) or [], new.get(key) or [], site)
    for key in sorted((old.keys() | new.keys()) - _HANDLED):
        if old.get(key) != new.get(key) and not key.startswith("x-"):
            site.add(True, "schema", f"{key} {show(old.get(key))} -> {show(new.get(key))} (not classified: breaking)")


def flatten(schema: Schema) -> Schema:
    """``schema`` with ``allOf`` merged into it: properties and ``required`` united, other keywords kept first."""
    parts = schema.get("allOf")
    if not isinstance(parts, list):
        return schema
    merged = {key: value for key, value in schema.items() if key != "allOf"}
    properties = dict(merged.get("properties") or {})
    required = set(merged.get("required") or [])
    for part in (flatten(part) for part in parts if isinstance(part, dict)):
        properties.update(part.get("properties") or {})
        required.update(part.get("required") or [])
        for key, value in part.items():
            if key not in {"properties", "required", "title", COMPONENT}:
                merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = sorted(required)
    return merged


def types_of(schema: Schema) -> frozenset[str]:
    """The JSON types ``schema`` allows besides null, inferred from ``properties`` or ``items`` when undeclared."""
    declared = schema.get("type")
    names = {declared} if isinstance(declared, str) else set(declared) if isinstance(declared, list) else set()
    names.discard("null")
    if not names and ("properties" in schema or "additionalProperties" in schema):
        names.add("object")
    if not names and "items" in schema:
        names.add("array")
    return frozenset(names)


def enum_key(value: Any) -> str:
    """A hashable, order-insensitive key for an enum value of any JSON type."""
    return json.dumps(value, sort_keys=True)


def show(value: Any) -> str:
    """``value`` for a message: JSON, or ``none`` when absent."""
    return "none" if value is None else json.dumps(value, sort_keys=True, default=str)


def describe_change(old: Schema, new: Schema, location: str, out: list[Change]) -> None:
    """Record ``description``, ``summary`` and ``example`` changes, all non-breaking, of any two OpenAPI objects."""
    for key in ("summary", "description"):
        was, now = old.get(key), new.get(key)
        if was != now:
            state = "removed" if now is None else f"{'added' if was is None else 'changed'}: {_clip(now)}"
            out.append(Change(Severity.NON_BREAKING, "description", location, f"{key} {state}"))
    for key in ("example", "examples"):
        if old.get(key) != new.get(key):
            out.append(Change(Severity.NON_BREAKING, "example", location, f"{key} changed"))


def extensions_change(old: Schema, new: Schema, location: str, out: list[Change]) -> None:
    """Record a non-breaking change for each ``x-`` extension that differs: the generator ignores them."""
    for key in sorted(name for name in old.keys() | new.keys() if name.startswith("x-")):
        if old.get(key) != new.get(key):
            out.append(Change(Severity.NON_BREAKING, "extension", location, f"{key} changed"))


def makes_class(schema: Any) -> bool:
    """Whether the generator turns ``schema`` into a class of its own: a model for an object, or an enum."""
    return isinstance(schema, dict) and ("object" in types_of(flatten(schema)) or "enum" in schema)


def _model_name(old: Schema, new: Schema, site: Site) -> None:
    # The generator names a model or enum class after the schema's title, else its component, else its location.
    old_name, new_name = (schema.get("title") or schema.get(COMPONENT) for schema in (old, new))
    if (makes_class(old) or makes_class(new)) and old_name != new_name:
        site.add(True, "model-name", f"the generated class is now named after {_origin(new)}, not {_origin(old)}")


def _origin(schema: Schema) -> str:
    if schema.get("title"):
        return f"title {schema['title']!r}"
    if schema.get(COMPONENT):
        return f"component {schema[COMPONENT]!r}"
    return "its location (inline schema)"


def _nullable(old: Schema, new: Schema, site: Site) -> None:
    was, now = _is_nullable(old), _is_nullable(new)
    if was == now:
        return
    if site.request:
        breaking, message = not now, "null is now accepted" if now else "null is no longer accepted: sending None fails"
    else:
        breaking, message = now, "may now be null: code that reads it gets None" if now else "is no longer null"
    site.add(breaking, toggled("nullable", now), message)


def _is_nullable(schema: Schema) -> bool:
    declared = schema.get("type")
    return schema.get("nullable") is True or (isinstance(declared, list) and "null" in declared)


def _format(old: Schema, new: Schema, site: Site) -> None:
    was, now = old.get("format"), new.get("format")
    if was != now:
        typed = bool({was, now} & TYPED_FORMATS)
        reason = "the generated type changes" if typed else "a hint the client does not enforce"
        site.add(typed, "format", f"format changed from {show(was)} to {show(now)}: {reason}")


def _enum(old: Schema, new: Schema, site: Site) -> None:
    was, now = old.get("enum"), new.get("enum")
    if was is None and now is None:
        return
    if was is None or now is None:
        message = "now an enum: the type becomes an enum class" if was is None else "no longer an enum"
        site.add(True, toggled("enum", was is None), message)
        return
    old_values, new_values = {enum_key(value) for value in was}, {enum_key(value) for value in now}
    for key in sorted(old_values - new_values):
        effect = "calls that send it fail" if site.request else "code that names its member fails"
        site.add(True, "enum-value-removed", f"value {key} removed: {effect}, its enum member goes")
    for key in sorted(new_values - old_values):
        if site.request:
            message = f"value {key} is now accepted"
        elif site.direction is Direction.ERROR:
            message = f"value {key} may now be returned"
        else:
            message = (
                f"value {key} may now be returned: non-breaking only because the generated enums parse unknown "
                "values leniently (as an UNKNOWN member); code that matches on members should expect it"
            )
        site.add(False, "enum-value-added", message)


def _constraints(old: Schema, new: Schema, site: Site) -> None:
    tightened: dict[str, bool] = {}
    for key in _LOWER_BOUNDS + _UPPER_BOUNDS:
        was, now = old.get(key), new.get(key)
        if was != now:
            raised = now is not None and (was is None or now > was)
            lowered = now is not None and (was is None or now < was)
            tightened[key] = raised if key in _LOWER_BOUNDS else lowered
    for key in ("exclusiveMinimum", "exclusiveMaximum"):
        if old.get(key) != new.get(key):
            tightened[key] = _exclusive_tightened(key == "exclusiveMinimum", old.get(key), new.get(key))
    for key in ("pattern", "uniqueItems"):
        if old.get(key) != new.get(key):
            tightened[key] = bool(new.get(key))
    was, now = old.get("multipleOf"), new.get("multipleOf")
    if was != now:
        tightened["multipleOf"] = now is not None and (was is None or was % now != 0)
    for key, tighter in tightened.items():
        change = f"{key} {show(old.get(key))} -> {show(new.get(key))}"
        if not site.request:
            site.add(False, "constraint", f"{change}: the client does not validate responses")
        else:
            effect = "tightened: values accepted before fail" if tighter else "relaxed"
            site.add(tighter, "constraint", f"{change} {effect}")


def _exclusive_tightened(lower: bool, was: Any, now: Any) -> bool:
    # OpenAPI 3.0 makes minimum/maximum exclusive with a boolean, 3.1 gives the bound itself.
    if now is None or isinstance(now, bool):
        return bool(now)
    if was is None or isinstance(was, bool):
        return True
    return bool(now > was if lower else now < was)


def _default(old: Schema, new: Schema, site: Site) -> None:
    had, has = "default" in old, "default" in new
    if (had, old.get("default")) == (has, new.get("default")):
        return
    change = f"default {show(old.get('default')) if had else 'none'} -> {show(new.get('default')) if has else 'none'}"
    if not site.request:
        site.add(False, "default", f"{change} (documentation for data the server sends)")
    elif has and not had:
        site.add(False, "default", f"{change}: the client now sends the documented default")
    else:
        site.add(True, "default", f"{change}: calls that omit the field now send another value")


def _documentation(old: Schema, new: Schema, site: Site) -> None:
    describe_change(old, new, site.location, site.out)
    if bool(old.get("deprecated")) != bool(new.get("deprecated")):
        now = bool(new.get("deprecated"))
        site.add(False, toggled("deprecated", now), "now deprecated" if now else "no longer deprecated")
    for key in _DOCUMENTATION:
        if old.get(key) != new.get(key):
            site.add(False, "documentation", f"{key} changed (the generator ignores it)")
    extensions_change(old, new, site.location, site.out)


def _properties(old: Schema, new: Schema, site: Site) -> None:
    old_props: Schema = old.get("properties") or {}
    new_props: Schema = new.get("properties") or {}
    old_required, new_required = set(old.get("required") or []), set(new.get("required") or [])
    for name in sorted(old_props.keys() - new_props.keys()):
        effect = "field removed: calls that pass it fail" if site.request else "property removed: code reading it fails"
        site.at(f".{name}").add(True, "property-removed", effect)
    for name in sorted(new_props.keys() - old_props.keys()):
        required = name in new_required
        if site.request:
            message = "new required field: calls without it fail" if required else "new optional field"
        else:
            message = f"new {'required' if required else 'optional'} property"
        site.at(f".{name}").add(site.request and required, "property-added", message)
    for name in sorted(old_props.keys() & new_props.keys()):
        was, now = name in old_required, name in new_required
        if was != now and site.request:
            message = "field is now required: calls without it fail" if now else "field is now optional"
            site.at(f".{name}").add(now, toggled("required", now), message)
        elif was != now:
            message = "property is now always present" if now else "property is now optional: it may be missing"
            site.at(f".{name}").add(was, toggled("required", now), message)
        compare_schema(old_props[name], new_props[name], site.at(f".{name}"))


def _additional(old: Schema, new: Schema, site: Site) -> None:
    was, now = (_open_schema(schema.get("additionalProperties", True)) for schema in (old, new))
    if isinstance(was, dict) and isinstance(now, dict):
        if was or now:
            compare_schema(was, now, site.at("{*}"))
    elif was != now:
        relaxed = now == {}
        effect = "extra properties are now allowed" if relaxed else "the model's additional_properties changes"
        site.add(not relaxed, "additional-properties", f"additionalProperties {show(was)} -> {show(now)}: {effect}")


def _open_schema(value: Any) -> Any:
    # ``true`` allows anything, like the empty schema.
    return {} if value is True else value


def _variants(key: str, old: list[Any], new: list[Any], site: Site) -> None:
    if len(old) == len(new):
        for index, (was, now) in enumerate(zip(old, new, strict=True)):
            compare_schema(was, now, site.at(f".{key}[{index}]"))
        return
    grew = len(new) > len(old)
    if site.request:
        breaking, effect = not grew, "more values accepted" if grew else "calls that send a removed variant fail"
    else:
        breaking, effect = grew, "the parsed union gains a type callers do not handle" if grew else "fewer types"
    site.add(breaking, "composition", f"{key} has {len(new)} variants, was {len(old)}: {effect}")


def _names(types: frozenset[str]) -> str:
    return "|".join(sorted(types)) or "any"


def _clip(text: Any, width: int = 100) -> str:
    flat = " ".join(str(text).split())
    return json.dumps(flat if len(flat) <= width else flat[: width - 1] + "…", ensure_ascii=False)
