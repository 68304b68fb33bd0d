"""Extraction of the OpenAPI document from a vendor's documentation page, and loading of specs."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

try:  # libyaml's loader, where PyYAML was built with it: the same documents, parsed ten times faster
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML's wheels for every supported platform carry libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

from sdkgen.errors import SdkgenError

# The vendors' pages fence the document with four backticks: "````yaml <anything>" ... "````".
_FENCE_OPEN = re.compile(r"^````yaml(?:[ \t][^\n]*)?\n", re.MULTILINE)
_FENCE_CLOSE = re.compile(r"^````[ \t]*$", re.MULTILINE)


def extract_openapi(page: str, source: str) -> str:
    """Return the OpenAPI YAML fenced in ``page``, byte for byte.

    ``source`` names the page in errors. A page with no block, with more than one, with an unclosed block or whose
    block is not a YAML mapping with an ``openapi`` key is an :class:`SdkgenError`.
    """
    openings = list(_FENCE_OPEN.finditer(page))
    if not openings:
        raise SdkgenError(f"{source}: no OpenAPI block (a fence opening with ````yaml)")
    if len(openings) > 1:
        raise SdkgenError(f"{source}: {len(openings)} OpenAPI blocks, expected exactly one")
    start = openings[0].end()
    closing = _FENCE_CLOSE.search(page, start)
    if closing is None:
        raise SdkgenError(f"{source}: the OpenAPI block opened with ````yaml is never closed")
    text = page[start : closing.start()]
    parse_spec(text, source)
    return text


def parse_spec(text: str, source: str) -> dict[str, Any]:
    """Parse an OpenAPI document given as YAML or JSON text; anything but a mapping with ``openapi`` is an error."""
    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.load(text, Loader=_SafeLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise SdkgenError(f"{source}: the OpenAPI document does not parse: {exc}") from exc
    if not isinstance(document, dict) or "openapi" not in document:
        raise SdkgenError(f"{source}: not an OpenAPI document (no top-level 'openapi' key)")
    return document


def spec_from_text(text: str, source: str) -> str:
    """The OpenAPI text inside ``text``: the fenced block of a documentation page, or the text of a bare spec."""
    if _FENCE_OPEN.search(text):
        return extract_openapi(text, source)
    parse_spec(text, source)
    return text
