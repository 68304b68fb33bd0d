"""Values taken from the vendored OpenAPI document and config.yaml at generation time."""

DEFAULT_BASE_URL = "https://api.retellai.com"
VENDOR = "Retell"
