"""Values taken from the vendored OpenAPI document at generation time."""

DEFAULT_BASE_URL = "https://api.vogent.ai/api"
