"""Tolerance that tells the truth: what makes a spec invalid OpenAPI but still lets openapi-python-client generate a
client from it is a warning named by its rule, for ``accepted_warnings`` in ``config.yaml`` to accept with a reason.

Vendors publish specs that openapi-spec-validator rejects for slips the generator reads past. sdkgen finds each such
slip itself, where it is, under one of these rules:

``spec-unknown-schema-key``
    an OpenAPI 3.0 schema has a key the Schema Object does not define (a typo such as ``nullabel``, or a keyword of
    another version); the generator ignores keys it does not know. (3.1 schemas are JSON Schema, where any key is
    allowed.)
``spec-exclusive-bound-form``
    ``exclusiveMinimum`` or ``exclusiveMaximum`` in the other version's form: a boolean in 3.1 (3.0's form), a number
    in 3.0 (3.1's); the generator reads both.
``spec-invalid-default``
    a ``default`` its own schema does not accept (``'5'`` for an integer); the generator converts what it can and
    warns itself about what it cannot, dropping the schema.
``spec-duplicate-required``
    ``required`` lists a property twice; the generator reads it once.
``spec-unknown-parameter-key``
    a Parameter Object has a key it does not define (``allOf`` beside ``schema``); the generator ignores it.
``spec-duplicate-operation-id``
    two operations share an ``operationId`` (each under its own tag, as Fern-made specs do); the generator writes
    each in its tag's module, and sdkgen keys them ``<tag module>.<operationId>`` (see ``sdkgen.registry``).

The spec is then validated with exactly those slips repaired in a copy, so that anything else the validator rejects
is still an error. The generator is given the spec as written.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

Where = tuple[str | int, ...]
"""A place in the document, key by key from its root."""

_V30_SCHEMA_KEYS = frozenset(
    {
        "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
        "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type",
        "not", "allOf", "oneOf", "anyOf", "items", "properties", "additionalProperties", "description", "format",
        "default", "nullable", "discriminator", "readOnly", "writeOnly", "example", "externalDocs", "deprecated", "xml",
    }
)  # fmt: skip
"""The fixed fields of OpenAPI 3.0's Schema Object; any other key but an ``x-`` extension makes the document invalid."""
_PARAMETER_KEYS = frozenset(
    {
        "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved",
        "schema", "example", "examples", "content",
    }
)  # fmt: skip
"""The fixed fields of the Parameter Object, the same in 3.0 and 3.1."""
_BOUNDS = (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum"))
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SUBSCHEMA = ("not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
              "additionalItems", "contentSchema", "items", "additionalProperties")  # fmt: skip
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_V30_CHILDREN = frozenset({"not", "items", "additionalProperties", "properties", "allOf", "anyOf", "oneOf"})
_URI = "urn:sdkgen:tolerated"


@dataclass(frozen=True, order=True)
class SpecWarning:
    """A slip the generator handles, found at ``location`` (``$.components.schemas.Voice.properties.n``)."""

    rule: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule} at {self.location}: {self.message}"


def tolerate(spec: dict[str, Any]) -> tuple[dict[str, Any], list[SpecWarning]]:
    """The warnings for ``spec`` (an OpenAPI 3.0 or 3.1 document; any other is left to the validator), and a copy
    of it with each slip warned about repaired, for validation."""
    version = str(spec.get("openapi", ""))
    if not version.startswith(("3.0.", "3.1.")):
        return spec, []
    v30 = version.startswith("3.0.")
    repaired = copy.deepcopy(spec)
    schemas = list(_document_schemas(repaired, v30))
    warnings = [warning for schema, where in schemas for warning in _repair_schema(schema, where, v30)]
    warnings += [warning for schema, where in schemas for warning in _repair_default(schema, where, repaired, v30)]
    warnings += _repair_parameters(repaired)
    warnings += _repair_operation_ids(repaired)
    return repaired, sorted(warnings, key=lambda warning: (warning.location, warning.rule))


def _repair_parameters(spec: dict[str, Any]) -> Iterator[SpecWarning]:
    for parameter, where in _parameter_objects(spec):
        for key in [key for key in parameter if key not in _PARAMETER_KEYS and not str(key).startswith("x-")]:
            del parameter[key]
            yield SpecWarning(
                "spec-unknown-parameter-key",
                _path(where),
                f"{key!r} is not a field of Parameter Objects; openapi-python-client ignores it",
            )


def _parameter_objects(spec: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Where]]:
    for name, parameter in _mapping(_mapping(spec.get("components")).get("parameters")).items():
        if isinstance(parameter, dict) and "$ref" not in parameter:
            yield parameter, ("components", "parameters", name)
    for key, value in _mapping(spec.get("paths")).items():
        item = _mapping(value)
        lists: list[tuple[Any, Where]] = [(item.get("parameters"), ("paths", key, "parameters"))]
        lists += [(_mapping(item.get(method)).get("parameters"), ("paths", key, method, "parameters"))
                  for method in _OPERATIONS]  # fmt: skip
        for parameters, where in lists:
            for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
                if isinstance(parameter, dict) and "$ref" not in parameter:
                    yield parameter, (*where, index)


def _repair_operation_ids(spec: dict[str, Any]) -> Iterator[SpecWarning]:
    first: dict[str, Where] = {}
    for key, item in _mapping(spec.get("paths")).items():
        for method in _OPERATIONS:
            operation = _mapping(_mapping(item).get(method))
            identifier = operation.get("operationId")
            if not isinstance(identifier, str):
                continue
            where = ("paths", key, method)
            if identifier not in first:
                first[identifier] = where
                continue
            operation["operationId"] = f"{identifier} at {_path(where)}"
            yield SpecWarning(
                "spec-duplicate-operation-id",
                _path(where),
                f"operationId {identifier!r} is also that of {_path(first[identifier])}; openapi-python-client "
                "writes each in its tag's module",
            )


def _repair_schema(schema: dict[str, Any], where: Where, v30: bool) -> Iterator[SpecWarning]:
    if v30:
        for key in [key for key in schema if not (isinstance(key, str) and key.startswith("x-"))]:
            if key not in _V30_SCHEMA_KEYS:
                del schema[key]
                yield SpecWarning(
                    "spec-unknown-schema-key",
                    _path(where),
                    f"{key!r} is not a field of OpenAPI 3.0 schemas (a typo, or another version's keyword); "
                    "openapi-python-client ignores it",
                )
    for exclusive, bound in _BOUNDS:
        value = schema.get(exclusive)
        if v30 and isinstance(value, int | float) and not isinstance(value, bool):
            schema[bound], schema[exclusive] = value, True
            form = f"{exclusive}: {value} is OpenAPI 3.1's form; 3.0 writes {bound}: {value} and {exclusive}: true"
        elif not v30 and isinstance(value, bool):
            if value and bound in schema:
                schema[exclusive] = schema.pop(bound)
            else:
                del schema[exclusive]
            form = f"{exclusive}: {str(value).lower()} is OpenAPI 3.0's form; 3.1 gives the bound itself"
        else:
            continue
        yield SpecWarning("spec-exclusive-bound-form", _path(where), f"{form}; openapi-python-client reads both")
    required = schema.get("required")
    if isinstance(required, list) and all(isinstance(name, str) for name in required):
        twice = sorted({name for name in required if required.count(name) > 1})
        if twice:
            schema["required"] = list(dict.fromkeys(required))
            yield SpecWarning(
                "spec-duplicate-required",
                _path(where),
                f"required lists {', '.join(map(repr, twice))} more than once; openapi-python-client reads it once",
            )


def _repair_default(schema: dict[str, Any], where: Where, document: dict[str, Any], v30: bool) -> Iterator[SpecWarning]:
    # As openapi-spec-validator checks a default: with the OpenAPI dialect's validator and format checker, against the
    # schema with its references resolved in the document, but for a null default of a nullable schema.
    if "default" not in schema or (schema["default"] is None and schema.get("nullable") is True):
        return
    # Imported here: only specs with defaults pay for the validators.
    from openapi_schema_validator import (  # noqa: PLC0415
        OAS30Validator,
        OAS31Validator,
        oas30_format_checker,
        oas31_format_checker,
    )
    from referencing import Registry, Resource  # noqa: PLC0415

    registry: Registry[Any] = Registry().with_resource(_URI, Resource.opaque(document))
    reference = {"$ref": _URI + "#" + "".join("/" + _pointer_segment(key) for key in where)}
    if v30:
        validator: Any = OAS30Validator(reference, registry=registry, format_checker=oas30_format_checker)
    else:
        validator = OAS31Validator(reference, registry=registry, format_checker=oas31_format_checker)
    try:
        problems = sorted(validator.iter_errors(schema["default"]), key=lambda error: list(error.absolute_path))
    except Exception:  # a schema that cannot be checked (a $ref that does not resolve...): the validator reports it
        return
    if problems:
        value = schema.pop("default")
        inside = "".join(f"[{key!r}]" for key in problems[0].absolute_path)
        yield SpecWarning(
            "spec-invalid-default",
            _path(where),
            f"default {value!r} does not match its schema: {f'at {inside}, ' if inside else ''}"
            f"{problems[0].message}; openapi-python-client takes it as written, and warns where it cannot",
        )


def _document_schemas(spec: dict[str, Any], v30: bool) -> Iterator[tuple[dict[str, Any], Where]]:
    """Every schema of the document, once each, with where it is (references are not followed: their targets are
    in ``components``, which is walked too)."""
    seen: set[int] = set()
    components = _mapping(spec.get("components"))
    for name, schema in _mapping(components.get("schemas")).items():
        yield from _schema(schema, ("components", "schemas", name), v30, seen)
    for kind in ("parameters", "headers"):
        for name, parameter in _mapping(components.get(kind)).items():
            yield from _parameter(parameter, ("components", kind, name), v30, seen)
    for name, body in _mapping(components.get("requestBodies")).items():
        yield from _content(_mapping(body).get("content"), ("components", "requestBodies", name, "content"), v30, seen)
    for name, response in _mapping(components.get("responses")).items():
        yield from _response(response, ("components", "responses", name), v30, seen)
    for name, callback in _mapping(components.get("callbacks")).items():
        for expression, item in _mapping(callback).items():
            yield from _path_item(item, ("components", "callbacks", name, expression), v30, seen)
    for top, where in (
        (components.get("pathItems"), ("components", "pathItems")),
        (spec.get("paths"), ("paths",)),
        (spec.get("webhooks"), ("webhooks",)),
    ):
        for key, item in _mapping(top).items():
            yield from _path_item(item, (*where, key), v30, seen)


def _path_item(item: Any, where: Where, v30: bool, seen: set[int]) -> Iterator[tuple[dict[str, Any], Where]]:
    item = _mapping(item)
    yield from _parameters(item.get("parameters"), (*where, "parameters"), v30, seen)
    for method in _OPERATIONS:
        operation = _mapping(item.get(method))
        at = (*where, method)
        yield from _parameters(operation.get("parameters"), (*at, "parameters"), v30, seen)
        body = _mapping(operation.get("requestBody"))
        yield from _content(body.get("content"), (*at, "requestBody", "content"), v30, seen)
        for code, response in _mapping(operation.get("responses")).items():
            yield from _response(response, (*at, "responses", code), v30, seen)
        for name, callback in _mapping(operation.get("callbacks")).items():
            for expression, inner in _mapping(callback).items():
                yield from _path_item(inner, (*at, "callbacks", name, expression), v30, seen)


def _parameters(value: Any, where: Where, v30: bool, seen: set[int]) -> Iterator[tuple[dict[str, Any], Where]]:
    for index, parameter in enumerate(value if isinstance(value, list) else []):
        yield from _parameter(parameter, (*where, index), v30, seen)


def _parameter(parameter: Any, where: Where, v30: bool, seen: set[int]) -> Iterator[tuple[dict[str, Any], Where]]:
    """A Parameter or a Header Object: a schema, or content."""
    parameter = _mapping(parameter)
    if "schema" in parameter:
        yield from _schema(parameter["schema"], (*where, "schema"), v30, seen)
    yield from _content(parameter.get("content"), (*where, "content"), v30, seen)


def _response(response: Any, where: Where, v30: bool, seen: set[int]) -> Iterator[tuple[dict[str, Any], Where]]:
    response = _mapping(response)
    for name, header in _mapping(response.get("headers")).items():
        yield from _parameter(header, (*where, "headers", name), v30, seen)
    yield from _content(response.get("content"), (*where, "content"), v30, seen)


def _content(content: Any, where: Where, v30: bool, seen: set[int]) -> Iterator[tuple[dict[str, Any], Where]]:
    for media_type, value in _mapping(content).items():
        media = _mapping(value)
        if "schema" in media:
            yield from _schema(media["schema"], (*where, media_type, "schema"), v30, seen)
        for name, encoding in _mapping(media.get("encoding")).items():
            for header, definition in _mapping(_mapping(encoding).get("headers")).items():
                yield from _parameter(definition, (*where, media_type, "encoding", name, "headers", header), v30, seen)


def _schema(schema: Any, where: Where, v30: bool, seen: set[int]) -> Iterator[tuple[dict[str, Any], Where]]:
    if not isinstance(schema, dict) or id(schema) in seen:
        return
    seen.add(id(schema))
    if v30 and "$ref" in schema:  # a Reference Object: its other keys are ignored
        return
    yield schema, where
    for key in _SUBSCHEMA:
        if (not v30 or key in _V30_CHILDREN) and isinstance(schema.get(key), dict):
            yield from _schema(schema[key], (*where, key), v30, seen)
    for key in _SUBSCHEMA_MAPS:
        if not v30 or key in _V30_CHILDREN:
            for name, child in _mapping(schema.get(key)).items():
                yield from _schema(child, (*where, key, name), v30, seen)
    for key in _SUBSCHEMA_LISTS:
        if (not v30 or key in _V30_CHILDREN) and isinstance(schema.get(key), list):
            for index, child in enumerate(schema[key]):
                yield from _schema(child, (*where, key, index), v30, seen)


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) and "$ref" not in value else {}


def _path(where: Where) -> str:
    return "$" + "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in where)


def _pointer_segment(key: str | int) -> str:
    return quote(str(key).replace("~", "~0").replace("/", "~1"), safe="")
