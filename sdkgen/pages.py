"""Extraction of the OpenAPI document from a vendor's documentation page."""

from __future__ import annotations

import re

from sdkgen.errors import SdkgenError
from sdkgen.specs import parse_spec

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


def spec_from_text(text: str, source: str) -> str:
    """The OpenAPI text inside ``text``: the fenced block of a documentation page, or the text of a bare spec."""
    if _FENCE_OPEN.search(text):
        return extract_openapi(text, source)
    parse_spec(text, source)
    return text
