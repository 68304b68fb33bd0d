"""Vogent's front door: ``Vogent`` and ``AsyncVogent``, and the names the package exports besides its errors."""

from __future__ import annotations

from attrs import define

from ._config import ConfiguredClient


@define
class Vogent(ConfiguredClient):
    """Synchronous Vogent client; reads ``VOGENT_API_KEY`` and ``VOGENT_BASE_URL`` when not given."""

    api_key_env = "VOGENT_API_KEY"
    base_url_env = "VOGENT_BASE_URL"


__all__ = ["Vogent"]
