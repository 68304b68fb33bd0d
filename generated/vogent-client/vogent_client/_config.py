"""Client configuration shared by every vendor: API key and base URL from arguments or the environment, retries."""

from __future__ import annotations

import os
from typing import Any, ClassVar
from urllib.parse import urlsplit

from attrs import Attribute, Factory, define, field, fields

from ._exceptions import InvalidInputError
from ._retries import RetryPolicy
from ._spec import DEFAULT_BASE_URL
from .client import AuthenticatedClient

DEFAULT_MAX_RETRIES = 2


def _key_from_env(client: ConfiguredClient) -> str:
    value = os.environ.get(client.api_key_env)
    if value is None:
        raise InvalidInputError(
            f"no API key: pass api_key= to {type(client).__name__}() or set {client.api_key_env} in the environment"
        )
    return value


def _check_key(client: ConfiguredClient, _: Attribute[str], value: object) -> None:
    source = f"api_key (or {client.api_key_env})"
    if not isinstance(value, str):
        raise InvalidInputError(f"{source} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise InvalidInputError(f"{source} is blank: set it to your API key")
    if value != value.strip():
        raise InvalidInputError(f"{source} has leading or trailing whitespace: remove it")
    if not value.isprintable():
        raise InvalidInputError(f"{source} contains control characters")
    if not value.isascii():
        raise InvalidInputError(f"{source} contains non-ASCII characters (a dash or quote pasted from a web page?)")


def _base_url_from_env(client: ConfiguredClient) -> str:
    return os.environ.get(client.base_url_env) or DEFAULT_BASE_URL


def _check_base_url(client: ConfiguredClient, _: Attribute[str], value: object) -> None:
    source = f"base_url (or {client.base_url_env})"
    if not isinstance(value, str):
        raise InvalidInputError(f"{source} must be a string, not {type(value).__name__}")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(f"{source} must be an absolute http:// or https:// URL, got {value!r}")
    try:
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        raise InvalidInputError(f"{source} has an invalid port: {exc}") from None


def _check_flag(_: Any, attribute: Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidInputError(f"{attribute.alias} must be True or False, got {value!r}")


def _check_max_retries(_: Any, __: Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInputError(f"max_retries must be a whole number >= 0, got {value!r}")


@define
class ConfiguredClient(AuthenticatedClient):
    """An :class:`AuthenticatedClient` configured from arguments or, failing them, the vendor's environment variables.

    Keyword arguments, besides those of :class:`AuthenticatedClient`:

        ``api_key``: the API key; defaults to the ``<VENDOR>_API_KEY`` environment variable. A missing, blank or
        whitespace-padded key is refused here. It never appears in ``repr()``, logs or error messages.

        ``base_url``: defaults to ``<VENDOR>_BASE_URL`` when set, else the spec's server URL.

        ``max_retries``: how many times a failed call is retried when retrying is safe (default 2; 0 disables).

        ``retry_non_idempotent``: also retry failures after which the server may have acted (a 500, a read
        timeout, a connection dropped after the body went out). Off by default: a retried clone can create a
        second voice.
    """

    api_key_env: ClassVar[str]
    base_url_env: ClassVar[str]

    def __attrs_pre_init__(self) -> None:
        if not hasattr(type(self), "api_key_env"):
            raise TypeError(f"{type(self).__name__} is a base class: use the package's front-door client")

    token: str = field(
        kw_only=True, repr=False, alias="api_key", default=Factory(_key_from_env, takes_self=True), validator=_check_key
    )
    _base_url: str = field(
        kw_only=True, alias="base_url", default=Factory(_base_url_from_env, takes_self=True), validator=_check_base_url
    )
    prefix: str = field(default="Bearer", init=False)
    auth_header_name: str = field(default="Authorization", init=False)
    max_retries: int = field(default=DEFAULT_MAX_RETRIES, kw_only=True, validator=_check_max_retries)
    retry_non_idempotent: bool = field(default=False, kw_only=True, validator=_check_flag)

    def _retry_policy(self, max_retries: int | None, retry_non_idempotent: bool | None) -> RetryPolicy:
        """The client's retry settings, overridden by a call's own where given."""
        attributes = fields(type(self))
        if max_retries is not None:
            _check_max_retries(self, attributes.max_retries, max_retries)
        if retry_non_idempotent is not None:
            _check_flag(self, attributes.retry_non_idempotent, retry_non_idempotent)
        return RetryPolicy(
            max_retries=self.max_retries if max_retries is None else max_retries,
            retry_non_idempotent=self.retry_non_idempotent if retry_non_idempotent is None else retry_non_idempotent,
        )
