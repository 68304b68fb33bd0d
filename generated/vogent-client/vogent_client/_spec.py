"""Values taken from the vendored OpenAPI document and config.yaml at generation time."""

DEFAULT_BASE_URL = "https://api.vogent.ai/api"
VENDOR = "Vogent"
AUTH_IN = "header"
AUTH_NAME = "Authorization"
AUTH_PREFIX = "Bearer "
"""Where the API key goes, from the spec's security scheme: a header or a query parameter, its name, and
what precedes the key in its value."""
