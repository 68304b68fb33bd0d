"""Loading the documents a drift check compares: a documentation page or a bare OpenAPI file, local or fetched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from openapi_spec_validator import validate
from openapi_spec_validator.exceptions import OpenAPISpecValidatorError
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from referencing.exceptions import Unresolvable

from sdkgen.errors import SdkgenError
from sdkgen.pages import extract_openapi, parse_spec, spec_from_text
from sdkgen.vendors import ROOT, Vendor

FETCH_TIMEOUT_S = 30.0
# Inputs with these suffixes are documentation pages even when they hold no OpenAPI block, so that a page whose
# block went missing is reported as such rather than as YAML that is not OpenAPI.
PAGE_SUFFIXES = frozenset({".md", ".mdx", ".markdown"})


@dataclass(frozen=True)
class Document:
    """A valid OpenAPI document and where it came from.

    ``source`` names it in messages (the URL or path as given), ``spec_text`` is the OpenAPI text byte for byte,
    ``page_text`` the whole documentation page when the input was one, else ``None``.
    """

    source: str
    spec: dict[str, Any]
    spec_text: str
    page_text: str | None


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL rather than a local path."""
    return urlsplit(source).scheme in {"http", "https"}


def load(source: str) -> Document:
    """Read (or fetch), extract, parse and validate ``source``; every failure is an :class:`SdkgenError`."""
    text = _fetch(source) if is_url(source) else _read(Path(source), source)
    return from_text(text, source)


def from_text(text: str, source: str) -> Document:
    """The :class:`Document` in ``text``, a documentation page or a bare OpenAPI YAML or JSON document."""
    name = urlsplit(source).path if is_url(source) else source
    if PurePosixPath(name).suffix.lower() in PAGE_SUFFIXES:
        spec_text = extract_openapi(text, source)
    else:
        spec_text = spec_from_text(text, source)
    spec = parse_spec(spec_text, source)
    validate_spec(spec, source)
    return Document(source=source, spec=spec, spec_text=spec_text, page_text=None if spec_text == text else text)


def load_vendored(vendor: Vendor, root: Path = ROOT) -> Document:
    """``specs/<vendor>/openapi.yaml`` with its page, validated; the source is named relative to the repository."""
    source = f"specs/{vendor.name}/{vendor.spec_path(root).name}"
    spec_text = _read(vendor.spec_path(root), source)
    spec = parse_spec(spec_text, source)
    validate_spec(spec, source)
    page = _read(vendor.page_path(root), f"specs/{vendor.name}/{vendor.page_path(root).name}")
    return Document(source=source, spec=spec, spec_text=spec_text, page_text=page)


def validate_spec(spec: dict[str, Any], source: str) -> None:
    """Validate ``spec`` with openapi-spec-validator; the error names ``source`` and the first problem found."""
    _check_keys(spec, "$", source)
    try:
        validate(spec)
    except OpenAPIValidationError as exc:
        where = "" if exc.json_path == "$" else f" (at {exc.json_path})"
        raise SdkgenError(f"{source}: not a valid OpenAPI document: {exc.message}{where}") from exc
    except OpenAPISpecValidatorError as exc:
        version = spec.get("openapi")
        raise SdkgenError(f"{source}: not a valid OpenAPI document: unsupported version openapi: {version!r}") from exc
    except Unresolvable as exc:
        raise SdkgenError(f"{source}: not a valid OpenAPI document: $ref {exc.ref!r} does not resolve") from exc


def _check_keys(node: Any, where: str, source: str) -> None:
    # YAML reads an unquoted 201 or yes as a number or a boolean; OpenAPI (and the validator) want strings.
    if isinstance(node, list):
        for index, item in enumerate(node):
            _check_keys(item, f"{where}[{index}]", source)
    elif isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                raise SdkgenError(
                    f"{source}: not a valid OpenAPI document: key {key!r} at {where} is not a string "
                    f"({type(key).__name__}): quote it"
                )
            _check_keys(value, f"{where}.{key}", source)


def _read(path: Path, source: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SdkgenError(f"{source}: cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SdkgenError(f"{source}: not UTF-8 text: {exc.reason} at byte {exc.start}") from exc


def _fetch(url: str) -> str:
    # Imported here: only a check against a URL pays for httpx.
    import httpx  # noqa: PLC0415

    try:
        response = httpx.get(url, follow_redirects=True, timeout=FETCH_TIMEOUT_S)
    except httpx.HTTPError as exc:
        raise SdkgenError(f"{url}: unreachable: {str(exc) or type(exc).__name__}") from exc
    if response.status_code != 200:
        raise SdkgenError(f"{url}: unreachable: HTTP {response.status_code} {response.reason_phrase}")
    return response.text
