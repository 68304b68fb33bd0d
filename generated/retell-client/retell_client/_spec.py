"""Values taken from the vendored OpenAPI document and config.yaml at generation time."""

from __future__ import annotations

DEFAULT_BASE_URL = "https://api.retellai.com"
VENDOR = "Retell"
AUTH: tuple[str, str, str] = ("header", "Authorization", "Bearer ")
"""Where the API key goes unless an operation says otherwise, from the spec's security: a header or a query
parameter, its name, and what precedes the key in its value."""
AUTH_PLACEMENTS: tuple[tuple[str, str, str], ...] = (("header", "Authorization", "Bearer "),)
"""Every place an operation of the spec puts the key: what the key is kept out of, and stripped from."""
