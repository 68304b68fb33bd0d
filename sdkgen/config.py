"""``specs/<vendor>/config.yaml``: everything sdkgen needs to know about a vendor's package besides its spec.

.. code-block:: yaml

    package:
      distribution: retell-client        # the name on PyPI
      import_name: retell_client
      version: 1.0.0                     # the one place the version lives (sdkgen bumps it on releases)
      vendor: Retell                     # how the README and the metadata name the vendor
      summary: ...                       # the one-line PyPI summary
      urls: {Documentation: ...}         # project URLs besides the repository's
    base_url: https://api.retellai.com   # optional: the API's base URL, when the spec has no servers or to override
                                         # its servers[0].url; the packages' DEFAULT_BASE_URL
    auth: {in: header, name: xi-api-key} # optional: where the key goes, when the spec declares no security scheme
                                         # (or to override them): a header or query parameter, and its prefix
    front_door:
      operations: [cloneVoice]           # operationIds the hand-written front door calls
    accepted_warnings:                   # warnings accepted on purpose, each with its reason: the generator's,
      - match: "Cannot parse response for status code <code> (Unsupported content_type application/x-ndjson)"
        reason: ...
      - match: "spec-invalid-default"    # and sdkgen's about what the validator refuses (sdkgen.tolerance)
        reason: ...
    generator:                           # passed to openapi-python-client as its configuration file
      literal_enums: false

A missing or mistyped key is an :class:`~sdkgen.errors.SdkgenError` naming the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from sdkgen.errors import SdkgenError

VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
"""The versions sdkgen writes: MAJOR.MINOR.PATCH, no pre-release tags."""

_DISTRIBUTION = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_IMPORT_NAME = re.compile(r"[a-z][a-z0-9_]*")
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_TOP_KEYS = frozenset({"package", "base_url", "auth", "front_door", "accepted_warnings", "generator"})
_PACKAGE_KEYS = frozenset({"distribution", "import_name", "version", "vendor", "summary", "urls", "keywords"})
# sdkgen sets these from `package:`; letting the generator's section set them too would make two sources of truth.
_OWNED_GENERATOR_KEYS = frozenset(
    {"project_name_override", "package_name_override", "package_version_override", "post_hooks"}
)


@dataclass(frozen=True)
class AcceptedWarning:
    """A warning accepted on purpose (the generator's, or sdkgen's about the spec): any warning containing ``match``;
    ``reason`` says why."""

    match: str
    reason: str


@dataclass(frozen=True)
class VendorConfig:
    """The parsed ``config.yaml`` of one vendor."""

    distribution: str
    import_name: str
    version: str
    vendor: str
    summary: str
    urls: Mapping[str, str]
    keywords: tuple[str, ...]
    base_url: str | None
    """The API's base URL when set: it overrides the spec's ``servers``, and is required when the spec has none."""
    auth: tuple[str, str, str] | None
    """Where the key goes when set (header or query, name, prefix): it overrides the spec's security schemes."""
    operations: tuple[str, ...]
    accepted_warnings: tuple[AcceptedWarning, ...]
    generator: Mapping[str, Any]

    def generator_config(self, content_type_overrides: Mapping[str, str]) -> dict[str, Any]:
        """The configuration file openapi-python-client is given; ``content_type_overrides`` are sdkgen's (see
        :mod:`sdkgen.media`), which the configuration's own override."""
        overrides = {**content_type_overrides, **self.generator.get("content_type_overrides", {})}
        return {
            **self.generator,
            "content_type_overrides": overrides,
            "project_name_override": self.distribution,
            "package_name_override": self.import_name,
            "package_version_override": self.version,
        }


def load_config(path: Path, source: str) -> VendorConfig:
    """Read and check ``path``; ``source`` names it in errors."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SdkgenError(f"{source}: cannot be read: {exc.strerror}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SdkgenError(f"{source}: does not parse: {exc}") from exc
    return parse_config(document, source)


def parse_config(document: object, source: str) -> VendorConfig:
    """Check a parsed ``config.yaml``."""
    top = _mapping(document, source, "the document")
    _no_unknown_keys(top, _TOP_KEYS, source, "")
    package = _mapping(top.get("package"), source, "package")
    _no_unknown_keys(package, _PACKAGE_KEYS, source, "package.")
    front_door = _mapping(top.get("front_door", {}), source, "front_door")
    _no_unknown_keys(front_door, frozenset({"operations"}), source, "front_door.")
    generator = _mapping(top.get("generator", {}), source, "generator")
    owned = sorted(_OWNED_GENERATOR_KEYS & set(generator))
    if owned:
        raise SdkgenError(
            f"{source}: generator.{owned[0]} is sdkgen's to set (from package:, and it formats with the pinned ruff "
            "itself): remove it from generator"
        )
    version = _text(package, "version", source, "package.")
    if not VERSION.fullmatch(version):
        raise SdkgenError(f"{source}: package.version must be MAJOR.MINOR.PATCH, got {version!r}")
    return VendorConfig(
        distribution=_matching(package, "distribution", _DISTRIBUTION, source),
        import_name=_matching(package, "import_name", _IMPORT_NAME, source),
        version=version,
        vendor=_text(package, "vendor", source, "package."),
        summary=_text(package, "summary", source, "package."),
        urls=_urls(package, source),
        keywords=tuple(_texts(package, "keywords", source, "package.")),
        base_url=_base_url(top, source),
        auth=_auth(top, source),
        operations=tuple(_texts(front_door, "operations", source, "front_door.")),
        accepted_warnings=tuple(_accepted(top.get("accepted_warnings", []), source)),
        generator=generator,
    )


def _urls(package: dict[str, Any], source: str) -> dict[str, str]:
    urls = _mapping(package.get("urls", {}), source, "package.urls")
    return {str(name): _text(urls, name, source, "package.urls.") for name in urls}


def _base_url(top: dict[str, Any], source: str) -> str | None:
    if "base_url" not in top:
        return None
    value = top["base_url"]
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise SdkgenError(f"{source}: base_url must be an absolute http(s) URL, without query or fragment: {value!r}")
    return str(value).rstrip("/")


def _auth(top: dict[str, Any], source: str) -> tuple[str, str, str] | None:
    if "auth" not in top:
        return None
    auth = _mapping(top["auth"], source, "auth")
    _no_unknown_keys(auth, frozenset({"in", "name", "prefix"}), source, "auth.")
    where = auth.get("in")
    if where not in ("header", "query"):
        raise SdkgenError(f"{source}: auth.in must be header or query, got {where!r}")
    prefix = auth.get("prefix", "")
    if not isinstance(prefix, str):
        raise SdkgenError(f"{source}: auth.prefix must be a string (such as 'Bearer '), got {prefix!r}")
    name = _text(auth, "name", source, "auth.")
    if not _TOKEN.fullmatch(name):
        raise SdkgenError(f"{source}: auth.name {name!r} is not a header or parameter name (RFC 9110 token)")
    return (where, name, prefix)


def _accepted(value: object, source: str) -> list[AcceptedWarning]:
    if not isinstance(value, list):
        raise SdkgenError(f"{source}: accepted_warnings must be a list of {{match, reason}} entries")
    accepted = []
    for index, entry in enumerate(value):
        where = f"accepted_warnings[{index}]"
        item = _mapping(entry, source, where)
        _no_unknown_keys(item, frozenset({"match", "reason"}), source, f"{where}.")
        accepted.append(
            AcceptedWarning(
                match=_text(item, "match", source, f"{where}."), reason=_text(item, "reason", source, f"{where}.")
            )
        )
    return accepted


def _mapping(value: object, source: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SdkgenError(f"{source}: {where} must be a mapping")
    return value


def _no_unknown_keys(mapping: dict[str, Any], known: frozenset[str], source: str, prefix: str) -> None:
    unknown = sorted(str(key) for key in mapping if key not in known)
    if unknown:
        raise SdkgenError(f"{source}: unknown key {prefix}{unknown[0]}: expected one of {', '.join(sorted(known))}")


def _text(mapping: dict[str, Any], key: str, source: str, prefix: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SdkgenError(f"{source}: {prefix}{key} must be a non-empty string")
    return value


def _texts(mapping: dict[str, Any], key: str, source: str, prefix: str) -> list[str]:
    value = mapping.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise SdkgenError(f"{source}: {prefix}{key} must be a list of non-empty strings")
    return value


def _matching(mapping: dict[str, Any], key: str, pattern: re.Pattern[str], source: str) -> str:
    value = _text(mapping, key, source, "package.")
    if not pattern.fullmatch(value):
        raise SdkgenError(f"{source}: package.{key} {value!r} must match {pattern.pattern}")
    return value
