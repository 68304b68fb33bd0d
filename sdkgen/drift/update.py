"""``--update``: take an upstream page into ``specs/<vendor>/`` and regenerate, all or nothing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sdkgen.drift.sources import Document
from sdkgen.errors import SdkgenError
from sdkgen.generate import generate
from sdkgen.vendors import ROOT, Vendor


def apply_update(vendor: Vendor, upstream: Document, root: Path = ROOT) -> list[str]:
    """Write ``upstream``'s page and spec over the vendored ones and regenerate the vendor's package.

    Only files whose bytes change are written, and the package is regenerated only when the spec changed. Any
    failure, including an interrupt, puts the previous files back: :func:`~sdkgen.generate.generate` leaves
    ``generated/`` untouched when it fails, so specs and generated code never get out of step. Returns the
    repository-relative paths written.
    """
    if upstream.page_text is None:
        raise SdkgenError(
            f"{upstream.source}: --update needs a documentation page, not a bare OpenAPI document: "
            f"specs/{vendor.name}/page.md must stay the page the spec is extracted from"
        )
    wanted = {vendor.page_path(root): upstream.page_text, vendor.spec_path(root): upstream.spec_text}
    previous = {path: path.read_bytes() for path in wanted}
    changed = {path: text.encode("utf-8") for path, text in wanted.items() if text.encode("utf-8") != previous[path]}
    if not changed:
        return []
    try:
        for path, content in changed.items():
            _write(path, content)
        if vendor.spec_path(root) in changed:
            generate([vendor], root)
    except BaseException:
        for path in changed:
            _write(path, previous[path])
        raise
    written = [path.relative_to(root).as_posix() for path in changed]
    if vendor.spec_path(root) in changed:
        written.append(f"generated/{vendor.project}")
    return written


def _write(path: Path, content: bytes) -> None:
    # Replace in one rename, so a reader never sees half a file.
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
