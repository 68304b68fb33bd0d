"""The upstream comparison of one vendor, and the hygiene of the vendored specs, as :class:`Report` values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sdkgen.drift import hygiene
from sdkgen.drift.compare import compare
from sdkgen.drift.model import HygieneWarning, Report
from sdkgen.drift.resolve import inline
from sdkgen.drift.sources import Document, load, load_vendored
from sdkgen.errors import SdkgenError
from sdkgen.pages import extract_openapi
from sdkgen.vendors import ROOT, Vendor


def vendored_warnings(vendor: Vendor, root: Path = ROOT) -> list[HygieneWarning]:
    """Validate ``specs/<vendor>/openapi.yaml`` (an invalid one is an error) and return its hygiene warnings, with
    what the generator tolerates in it."""
    return _vendored(vendor, root)[2]


def _vendored(vendor: Vendor, root: Path) -> tuple[Document, dict[str, Any], list[HygieneWarning]]:
    vendored = load_vendored(vendor, root)
    resolved = inline(vendored.spec, vendored.source)
    warnings = hygiene.check(resolved, vendored.source)
    # What the validator rejects but generation tolerates (accepted, or not, in config.yaml) is a hygiene problem too.
    warnings += [
        HygieneWarning(vendored.source, item.location, f"{item.rule}: {item.message}") for item in vendored.tolerated
    ]
    page_source = f"specs/{vendor.name}/{vendor.page_path(root).name}"
    try:
        in_step = (
            vendored.page_text is not None and extract_openapi(vendored.page_text, page_source) == vendored.spec_text
        )
    except SdkgenError as exc:
        warnings.append(HygieneWarning(page_source, "OpenAPI block", str(exc).removeprefix(f"{page_source}: ")))
    else:
        if not in_step:
            message = f"differs from {vendored.source}: run `python -m sdkgen extract {vendor.name}` or update both"
            warnings.append(HygieneWarning(page_source, "OpenAPI block", message))
    return vendored, resolved, warnings


def upstream_check(
    vendor: Vendor, upstream: str | None = None, base: str | None = None, root: Path = ROOT
) -> tuple[Report, Document]:
    """Compare ``base`` (default: the vendored spec) with ``upstream`` (default: the recorded URL).

    Both are pages or bare specs, paths or URLs. Returns the report, with the vendored spec's hygiene warnings, and
    the upstream document for ``--update``.
    """
    vendored, vendored_resolved, warnings = _vendored(vendor, root)
    if base is None:
        base_document, base_resolved = vendored, vendored_resolved
    else:
        base_document = load(base)
        base_resolved = inline(base_document.spec, base_document.source)
    upstream_document = load(upstream if upstream is not None else recorded_url(vendor, root))
    changes = compare(base_resolved, inline(upstream_document.spec, upstream_document.source))
    report = Report(
        vendor=vendor.name,
        base=base_document.source,
        upstream=upstream_document.source,
        changes=tuple(changes),
        warnings=tuple(warnings),
    )
    return report, upstream_document


def recorded_url(vendor: Vendor, root: Path = ROOT) -> str:
    """The URL in ``specs/<vendor>/upstream.url``."""
    try:
        url = vendor.upstream_url(root)
    except OSError as exc:
        raise SdkgenError(f"specs/{vendor.name}/upstream.url: cannot be read: {exc.strerror}") from exc
    if not url:
        raise SdkgenError(f"specs/{vendor.name}/upstream.url: empty, expected the URL of the documentation page")
    return url
