"""The regeneration table: broken specs that must leave ``generated/`` byte-identical, and the valid edits that make
the other vendor's output change."""

from __future__ import annotations

from dataclasses import dataclass

from sdkgen.vendors import VENDORS

OTHER = {"retell": "vogent", "vogent": "retell"}
EDITS = {
    "retell": ("description: Clone a voice from audio files", "description: Clone a voice from audio files, edited"),
    "vogent": ("description: Clones a new voice for the workspace.", "description: Clones a voice, edited."),
}
"""A valid edit of each spec that changes the generated code (the operation's docstring)."""


@dataclass(frozen=True)
class BrokenSpec:
    """A spec replaced by ``content``; generation must fail with an ``SdkgenError`` naming it and ``reason``."""

    id: str
    vendor: str
    content: bytes
    reason: str


BROKEN_SPECS = [
    row
    for vendor in VENDORS
    for row in (
        BrokenSpec("invalid-yaml", vendor, b"openapi: 3.0.3\ninfo: [unclosed\n", "does not parse"),
        BrokenSpec(
            "invalid-openapi", vendor, b"openapi: 3.0.3\ninfo:\n  title: x\npaths: 7\n", "not a valid OpenAPI document"
        ),
    )
] + [
    BrokenSpec(
        "not-utf-8",
        "retell",
        "openapi: 3.0.3\ninfo:\n  title: R\u00e9sum\u00e9\n".encode("latin-1"),
        "not UTF-8",
    )
]
