"""Loading the documents a drift check compares: a documentation page or a bare OpenAPI file, local or fetched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from sdkgen.errors import SdkgenError
from sdkgen.pages import extract_openapi, spec_from_text
from sdkgen.specs import parse_spec, read_text, validate_spec
from sdkgen.tolerance import SpecWarning
from sdkgen.vendors import ROOT, Vendor

FETCH_TIMEOUT_S = 30.0
# Inputs with these suffixes are documentation pages even when they hold no OpenAPI block, so that a page whose
# block went missing is reported as such rather than as YAML that is not OpenAPI.
PAGE_SUFFIXES = frozenset({".md", ".mdx", ".markdown"})


@dataclass(frozen=True)
class Document:
    """A valid OpenAPI document and where it came from.

    ``source`` names it in messages (the URL or path as given), ``spec_text`` is the OpenAPI text byte for byte,
    ``page_text`` the whole documentation page when the input was one, else ``None``; ``tolerated`` is what makes the
    document invalid OpenAPI that the generator handles (:mod:`sdkgen.tolerance`).
    """

    source: str
    spec: dict[str, Any]
    spec_text: str
    page_text: str | None
    tolerated: tuple[SpecWarning, ...] = ()


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL rather than a local path."""
    return urlsplit(source).scheme in {"http", "https"}


def load(source: str) -> Document:
    """Read (or fetch), extract, parse and validate ``source``; every failure is an :class:`SdkgenError`."""
    text = _fetch(source) if is_url(source) else read_text(Path(source), source)
    return from_text(text, source)


def from_text(text: str, source: str) -> Document:
    """The :class:`Document` in ``text``, a documentation page or a bare OpenAPI YAML or JSON document."""
    name = urlsplit(source).path if is_url(source) else source
    if PurePosixPath(name).suffix.lower() in PAGE_SUFFIXES:
        spec_text = extract_openapi(text, source)
    else:
        spec_text = spec_from_text(text, source)
    spec = parse_spec(spec_text, source)
    tolerated = tuple(validate_spec(spec, source))
    page_text = None if spec_text == text else text
    return Document(source=source, spec=spec, spec_text=spec_text, page_text=page_text, tolerated=tolerated)


def load_vendored(vendor: Vendor, root: Path = ROOT) -> Document:
    """``specs/<vendor>/openapi.yaml`` with its page, validated; the source is named relative to the repository."""
    source = f"specs/{vendor.name}/{vendor.spec_path(root).name}"
    spec_text = read_text(vendor.spec_path(root), source)
    spec = parse_spec(spec_text, source)
    tolerated = tuple(validate_spec(spec, source))
    page = read_text(vendor.page_path(root), f"specs/{vendor.name}/{vendor.page_path(root).name}")
    return Document(source=source, spec=spec, spec_text=spec_text, page_text=page, tolerated=tolerated)


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
