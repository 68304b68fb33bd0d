"""The media types of a spec's bodies, as the generator is to read them, and what each operation's ``Accept`` says.

openapi-python-client reads JSON, ``text/*`` and ``application/octet-stream`` bodies, and drops an answer of any other
type (``audio/mpeg``, ``audio/wav``...) with "Unsupported content_type", so a text-to-speech operation would answer
``None``. sdkgen maps every binary media type the spec names onto ``application/octet-stream`` (the generator's own
``content_type_overrides`` setting; the vendor's ``config.yaml`` can still override any), and gives a binary body that
documents no schema the schema of bytes. The generated function then answers a ``File`` of the bytes received.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from email.message import Message
from typing import Any

from sdkgen.specs import as_mapping, each_operation

OCTET_STREAM = "application/octet-stream"
BYTES_SCHEMA = {"type": "string", "format": "binary"}
_MEDIA_RANGES = ("audio", "video", "image")
"""The top-level types whose range (``audio/*``) is bytes whatever the subtype."""
_READ_AS_TEXT = ("text/", "multipart/", "application/x-www-form-urlencoded", "application/xml")


def essence(media_type: str) -> str:
    """``media_type`` without its parameters, lower-cased (``audio/mpeg;codecs=mp3`` -> ``audio/mpeg``)."""
    message = Message()
    message["Content-Type"] = media_type
    return message.get_content_type() if "/" in media_type else media_type.strip().lower()


def is_json(media_type: str) -> bool:
    """Whether ``media_type`` is JSON (``application/json`` or a ``+json`` type)."""
    kind = essence(media_type)
    return kind == "application/json" or kind.endswith("+json")


def is_binary(media_type: str) -> bool:
    """Whether a body of ``media_type`` can be bytes to hand over as they are: not JSON, not text, not a form, and
    not a range that may be any of these (``*/*``, ``application/*``; ``audio/*`` is audio)."""
    kind = essence(media_type)
    if "*" in kind:
        return kind.partition("/")[0] in _MEDIA_RANGES
    return not is_json(kind) and not kind.endswith("+xml") and not kind.startswith(_READ_AS_TEXT)


def _schemaless(media: object) -> bool:
    return media is None or (isinstance(media, dict) and not media.get("schema"))


def _bytes_schema(media: object) -> bool:
    # No schema, an empty one or a string (binary or not, as 3.1 writes bytes): what the generator can read as bytes.
    # A model or a $ref under a binary media type is left to the generator, which says what it makes of it.
    if _schemaless(media):
        return True
    schema = media.get("schema") if isinstance(media, dict) else None
    return isinstance(schema, dict) and schema.get("type") == "string" and "$ref" not in schema


def content_type_overrides(spec: Mapping[str, Any]) -> dict[str, str]:
    """Each binary media type the spec's bodies name (as written) whose every body there is bytes, mapped to
    ``application/octet-stream``: the generator's setting applies to the media type wherever it is used."""
    bodies: dict[str, list[object]] = {}
    for content in _contents(spec):
        for media_type, media in content.items():
            if isinstance(media_type, str):
                bodies.setdefault(media_type, []).append(media)
    return {
        media_type: OCTET_STREAM
        for media_type, found in bodies.items()
        if media_type != OCTET_STREAM and is_binary(media_type) and all(map(_bytes_schema, found))
    }


def for_generator(spec: Mapping[str, Any], overrides: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``spec`` in which every body of a media type read as bytes that documents no schema has the schema
    of bytes: ``application/octet-stream``, and those ``overrides`` (:func:`content_type_overrides`) map onto it."""
    as_bytes = {OCTET_STREAM, *overrides}
    prepared = copy.deepcopy(dict(spec))
    for content in _contents(prepared):
        for media_type, media in content.items():
            if media_type in as_bytes and _schemaless(media):
                content[media_type] = {**(media or {}), "schema": dict(BYTES_SCHEMA)}
    return prepared


def accept(operation: Mapping[str, Any], components: Mapping[str, Any]) -> str:
    """The ``Accept`` header for ``operation``: the media types its 2xx answers document, in order, with JSON (what
    error answers are read as) after them at a lower weight; ``application/json`` when they document none."""
    documented: list[str] = []
    for status, response in as_mapping(operation.get("responses")).items():
        if str(status).startswith("2"):
            documented += [essence(kind) for kind in as_mapping(_resolved(response, components).get("content"))]
    kinds = list(dict.fromkeys(kind for kind in documented if "/" in kind))
    if not kinds or kinds == ["application/json"]:
        return "application/json"
    if any(is_json(kind) for kind in kinds):
        return ", ".join(kinds)
    return ", ".join([*kinds, "application/json;q=0.5"])


def _contents(spec: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    components = as_mapping(spec.get("components"))
    for operation in each_operation(spec):
        yield from _content_of(operation.get("requestBody"), components)
        for response in as_mapping(operation.get("responses")).values():
            yield from _content_of(response, components)
    for kind in ("responses", "requestBodies"):
        for body in as_mapping(components.get(kind)).values():
            yield from _content_of(body, components)


def _content_of(body: Any, components: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    content = _resolved(body, components).get("content")
    if isinstance(content, dict):
        yield content


def _resolved(node: object, components: Mapping[str, Any]) -> Mapping[str, Any]:
    # A response or request body may be a $ref into components: one level, as the generator follows it.
    found = as_mapping(node)
    reference = found.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/components/"):
        kind, _, name = reference.removeprefix("#/components/").partition("/")
        return as_mapping(as_mapping(components.get(kind)).get(name))
    return found
