"""``--update``: take an upstream page into ``specs/<vendor>/``, bump the version, write the changelog entry and
regenerate, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdkgen import changelog
from sdkgen.atomic import write_and_regenerate
from sdkgen.drift.model import Report
from sdkgen.drift.sources import Document
from sdkgen.errors import SdkgenError
from sdkgen.release import VersionChange, plan, today
from sdkgen.vendors import ROOT, Vendor
from sdkgen.version import bump_for


@dataclass(frozen=True)
class Update:
    """What ``--update`` wrote: repository-relative paths, and the version change when the spec changed."""

    written: list[str]
    version: VersionChange | None


def apply_update(vendor: Vendor, upstream: Document, report: Report, root: Path = ROOT) -> Update:
    """Write ``upstream``'s page and spec over the vendored ones; when the spec changed, also bump the version as
    ``report``'s verdict says (breaking major, non-breaking minor, a rewording patch), put the entry written from
    ``report`` at the top of the changelog, and regenerate the vendor's package.

    Only files whose bytes change are written. Any failure, an interrupt included, puts the previous files back:
    specs, version, changelog and generated code never get out of step.
    """
    if upstream.page_text is None:
        raise SdkgenError(
            f"{upstream.source}: --update needs a documentation page, not a bare OpenAPI document: "
            f"specs/{vendor.name}/page.md must stay the page the spec is extracted from"
        )
    wanted = {vendor.page_path(root): upstream.page_text, vendor.spec_path(root): upstream.spec_text}
    files = {path: text.encode("utf-8") for path, text in wanted.items() if text.encode("utf-8") != path.read_bytes()}
    if not files:
        return Update([], None)
    version = None
    if vendor.spec_path(root) in files:
        distribution = vendor.config(root).distribution
        reason = f"{report.verdict.value} spec drift from upstream"

        def entry(new: str) -> str:
            return changelog.entry_from_report(report, new, today(), distribution).render()

        version = plan(vendor, bump_for(report.verdict), reason, entry, root)
        files |= version.files
    written = write_and_regenerate(files, [vendor] if version else [], root)
    paths = [path.relative_to(root).as_posix() for path in written]
    if version:
        paths.append(f"generated/{vendor.project}")
    return Update(paths, version)
