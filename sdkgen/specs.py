"""Reading and validating OpenAPI documents, for generation and for the drift checks alike."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from sdkgen.errors import SdkgenError
from sdkgen.tolerance import SpecWarning, tolerate

try:  # libyaml's loader, where PyYAML was built with it: the same documents, parsed ten times faster
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML's wheels for every supported platform carry libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


_NAME_MAPS = frozenset(
    {
        "properties", "patternProperties", "$defs", "definitions", "schemas", "responses", "parameters", "headers",
        "examples", "requestBodies", "securitySchemes", "links", "callbacks", "paths", "webhooks", "content",
        "encoding", "variables", "mapping", "dependentSchemas", "pathItems",
    }
)  # fmt: skip
"""Objects whose keys are names the document gives (a property, a path), where ``x-`` starts a name like any other."""
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""The operations a path item may have, in the order OpenAPI lists them."""


def as_mapping(value: object) -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an empty one: for reading a document not yet validated."""
    return value if isinstance(value, Mapping) else {}


def each_operation(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every operation object of ``spec``'s paths, in document order."""
    for item in as_mapping(spec.get("paths")).values():
        for method in HTTP_METHODS:
            operation = as_mapping(as_mapping(item).get(method))
            if operation:
                yield operation


def load_valid_spec(path: Path, source: str) -> tuple[dict[str, Any], list[SpecWarning]]:
    """Read, parse and validate the OpenAPI document at ``path``: the document as written, and the warnings about what
    makes it invalid that the generator handles (see :func:`validate_spec`). Any failure names ``source`` and the
    reason."""
    spec = parse_spec(read_text(path, source), source)
    return spec, validate_spec(spec, source)


def parse_spec(text: str, source: str) -> dict[str, Any]:
    """Parse an OpenAPI document given as YAML or JSON text; anything but a mapping with ``openapi`` is an error."""
    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.load(text, Loader=_SafeLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise SdkgenError(f"{source}: the OpenAPI document does not parse: {exc}") from exc
    except RecursionError as exc:
        raise SdkgenError(f"{source}: the OpenAPI document does not parse: it nests too deep") from exc
    if not isinstance(document, dict) or "openapi" not in document:
        raise SdkgenError(f"{source}: not an OpenAPI document (no top-level 'openapi' key)")
    return document


def base_url(
    spec: dict[str, Any],
    configured: str | None,
    source: str,
    remedy: str = "set base_url in config.yaml to the API's URL",
) -> str:
    """The API's base URL, without a trailing slash: ``configured`` (``base_url`` in config.yaml) when set, which
    overrides the spec's servers, else the spec's ``servers[0].url``, which must then be an absolute http(s) URL;
    ``remedy`` says how to give one in an error."""
    if configured:
        return configured.rstrip("/")
    servers = spec.get("servers") or []
    if not servers:
        raise SdkgenError(f"{source}: no servers, so no base URL: {remedy}")
    url = servers[0].get("url", "") if isinstance(servers[0], dict) else ""
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise SdkgenError(
            f"{source}: servers[0].url must be an absolute http(s) URL: {url!r}; or {remedy}, which overrides it"
        )
    return url.rstrip("/")


def read_text(path: Path, source: str) -> str:
    """The UTF-8 text of ``path``; an unreadable or non-UTF-8 file is an error naming ``source``."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SdkgenError(f"{source}: cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SdkgenError(f"{source}: not UTF-8 text: {exc.reason} at byte {exc.start}") from exc


def validate_spec(spec: dict[str, Any], source: str) -> list[SpecWarning]:
    """Validate ``spec`` with openapi-spec-validator, tolerating what the generator handles (:mod:`sdkgen.tolerance`):
    that is returned as warnings, named by their rule; anything else is an error naming ``source`` and the first
    problem found."""
    # Imported here: extracting a page parses its spec but does not validate it, and the validator's import costs
    # ten times the rest of sdkgen's.
    from openapi_spec_validator import validate  # noqa: PLC0415
    from openapi_spec_validator.exceptions import OpenAPISpecValidatorError  # noqa: PLC0415
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError  # noqa: PLC0415
    from referencing.exceptions import Unresolvable  # noqa: PLC0415

    try:
        _check_keys(spec, "$", source)
        repaired, warnings = tolerate(spec)
        validate(repaired)
    except SdkgenError:
        raise
    except OpenAPIValidationError as exc:
        # "X is not valid under any of the given schemas" names no reason and prints X whole: the error found deepest
        # in X, where the alternatives got furthest, says more.
        detail = _deepest(exc)
        where = "" if detail.json_path == "$" else f" (at {detail.json_path})"
        raise SdkgenError(f"{source}: not a valid OpenAPI document: {_shortened(detail.message)}{where}") from exc
    except OpenAPISpecValidatorError as exc:
        version = spec.get("openapi")
        raise SdkgenError(f"{source}: not a valid OpenAPI document: unsupported version openapi: {version!r}") from exc
    except Unresolvable as exc:
        raise SdkgenError(f"{source}: not a valid OpenAPI document: $ref {exc.ref!r} does not resolve") from exc
    except RecursionError as exc:
        raise SdkgenError(
            f"{source}: not a valid OpenAPI document: it nests too deep to check, or a $ref leads back to itself with "
            "no schema on the way"
        ) from exc
    except Exception as exc:  # the validator's own failure: still the spec's problem to find, never a traceback
        raise SdkgenError(f"{source}: openapi-spec-validator failed on it: {type(exc).__name__}: {exc}") from exc
    return warnings


def _deepest(error: Any) -> Any:
    found = [_deepest(inner) for inner in error.context or ()]
    return max(found, key=lambda inner: len(inner.absolute_path), default=error)


def _shortened(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit] + "..."


def _check_keys(
    node: Any, where: str, source: str, inside: frozenset[int] = frozenset(), *, extension: bool = False
) -> None:
    # YAML reads an unquoted 201 or yes as a number or a boolean; OpenAPI (and the validator) want strings, but for
    # the keys inside an extension (x-...), whose value is the vendor's own and read by no tool here. A YAML alias may
    # also name a node that contains it, which no JSON document can be, extension or not.
    if not isinstance(node, list | dict):
        return
    if id(node) in inside:
        raise SdkgenError(f"{source}: not a valid OpenAPI document: at {where}, a YAML alias repeats a node in itself")
    inside |= {id(node)}
    if isinstance(node, list):
        for index, item in enumerate(node):
            _check_keys(item, f"{where}[{index}]", source, inside, extension=extension)
        return
    for key, value in node.items():
        if not isinstance(key, str) and not extension:
            raise SdkgenError(
                f"{source}: not a valid OpenAPI document: key {key!r} at {where} is not a string "
                f"({type(key).__name__}): quote it"
            )
        named = where.rpartition(".")[2] in _NAME_MAPS  # there an "x-" key is a name, not an extension
        inner = extension or (isinstance(key, str) and key.startswith("x-") and not named)
        _check_keys(value, f"{where}.{key}", source, inside, extension=inner)
