"""Warnings about a spec's own inconsistencies: things a valid document says that do not add up.

The rules, over every schema an operation uses:

* a description names something that looks like a value of a sibling enum but is not one of its values: it names
  at least one value of that enum, and another capitalised name it does not list (Retell's ``files`` promises
  Inworld limits while ``voice_provider`` has no ``inworld``);
* ``required`` lists a property that ``properties`` does not define;
* a lower bound above its upper bound;
* an ``example`` outside the schema's own ``enum``, and an ``enum`` listing a value twice.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from sdkgen.drift.compare import operations
from sdkgen.drift.model import HygieneWarning
from sdkgen.drift.schemas import enum_key, flatten

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_BOUNDS = (("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties"))


def check(spec: dict[str, Any], source: str) -> list[HygieneWarning]:
    """The warnings for the resolved document ``spec``, named after ``source``, sorted and without repeats."""
    found = {
        HygieneWarning(source=source, location=where, message=message)
        for location, schema in _used_schemas(spec)
        for where, message in _schema_warnings(schema, location)
    }
    return sorted(found)


def _used_schemas(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for operation in operations(spec).values():
        for (place, name), parameter in operation.parameters.items():
            yield from _walk(parameter.get("schema"), f"{operation.label} parameter[{place}:{name}]")
        body = operation.data.get("requestBody") or {}
        for media, content in (body.get("content") or {}).items():
            yield from _walk((content or {}).get("schema"), f"{operation.label} request[{media}]")
        for code, response in (operation.data.get("responses") or {}).items():
            for media, content in ((response or {}).get("content") or {}).items():
                yield from _walk((content or {}).get("schema"), f"{operation.label} response[{code}][{media}]")


def _walk(schema: Any, location: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(schema, dict):
        return
    schema = flatten(schema)
    yield location, schema
    for name, child in (schema.get("properties") or {}).items():
        yield from _walk(child, f"{location}.{name}")
    yield from _walk(schema.get("items"), f"{location}[]")
    yield from _walk(schema.get("additionalProperties"), f"{location}{{*}}")
    for key in ("oneOf", "anyOf"):
        for index, child in enumerate(schema.get(key) or []):
            yield from _walk(child, f"{location}.{key}[{index}]")


def _schema_warnings(schema: dict[str, Any], location: str) -> Iterator[tuple[str, str]]:
    properties: dict[str, Any] = schema.get("properties") or {}
    for name in schema.get("required") or []:
        if properties and name not in properties:
            yield location, f"required lists {name!r}, which properties does not define"
    for low, high in (*_BOUNDS, ("minimum", "maximum")):
        floor, ceiling = schema.get(low), schema.get(high)
        if isinstance(floor, int | float) and isinstance(ceiling, int | float) and floor > ceiling:
            yield location, f"{low} {floor} is above {high} {ceiling}: no value is valid"
    enum = schema.get("enum")
    if isinstance(enum, list):
        keys = [enum_key(value) for value in enum]
        for key in sorted({key for key in keys if keys.count(key) > 1}):
            yield location, f"enum lists {key} more than once"
        if "example" in schema and enum_key(schema["example"]) not in keys:
            yield location, f"example {enum_key(schema['example'])} is not one of the enum's values"
    enums = {
        name: [value for value in child["enum"] if isinstance(value, str)]
        for name, child in properties.items()
        if isinstance(child, dict) and isinstance(child.get("enum"), list)
    }
    for name, child in properties.items():
        text = child.get("description") if isinstance(child, dict) else None
        if isinstance(text, str):
            for enum_name, values in enums.items():
                for missing in _unlisted_names(text, values):
                    listed = ", ".join(values)
                    yield (
                        f"{location}.{name}",
                        f"the description mentions {missing}, not in {enum_name}'s enum ({listed})",
                    )


def _unlisted_names(text: str, values: list[str]) -> list[str]:
    """Mixed-case names in ``text`` missing from ``values``, if ``text`` names at least one of ``values``."""
    known = {_normal(value) for value in values}
    matched: set[str] = set()
    candidates: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence)[1:]  # a sentence's first word is capitalised anyway
        names = [word for word in words if word[0].isupper()]
        pairs = {a + b: (a, b) for a, b in itertools.pairwise(words) if a[0].isupper() and b[0].isupper()}
        for joined, pair in pairs.items():
            if _normal(joined) in known:
                matched.update(pair)
        for word in names:
            if _normal(word) in known:
                matched.add(word)
            elif not word.isupper():
                candidates.append(word)
    if not matched:
        return []
    return sorted({word for word in candidates if word not in matched})


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())
