"""Retell's front door: ``Retell`` and ``AsyncRetell``, and the names the package exports besides its errors."""

from __future__ import annotations

from attrs import define

from ._config import ConfiguredClient


@define
class Retell(ConfiguredClient):
    """Synchronous Retell client; reads ``RETELL_API_KEY`` and ``RETELL_BASE_URL`` when not given."""

    api_key_env = "RETELL_API_KEY"
    base_url_env = "RETELL_BASE_URL"


__all__ = ["Retell"]
