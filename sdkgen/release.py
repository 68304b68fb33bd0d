"""Version bumps with their changelog entry, ``python -m sdkgen release``, and the release tags.

A version change is always three things at once: the ``version:`` line of ``specs/<vendor>/config.yaml``, a new
entry at the top of ``specs/<vendor>/CHANGELOG.md``, and the regenerated package that carries both. They are written
by :func:`~sdkgen.atomic.write_and_regenerate`, so a failure leaves all three as they were.

``drift --update`` bumps from the drift verdict of the spec it takes. ``release`` covers releases without a spec
change: with ``--bump`` it uses that part; without, it compares the working tree with the last release of the
package (see :func:`detect`).
"""

from __future__ import annotations

import datetime
import subprocess
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from sdkgen import changelog
from sdkgen.atomic import write_and_regenerate
from sdkgen.config import parse_config
from sdkgen.drift.compare import compare
from sdkgen.drift.model import Report
from sdkgen.drift.resolve import inline
from sdkgen.drift.sources import from_text
from sdkgen.errors import SdkgenError
from sdkgen.specs import read_text
from sdkgen.vendors import ROOT, Vendor, discover
from sdkgen.version import Bump, bump_for, bumped, with_version

GIT_TIMEOUT_S = 60
# Inputs of every package besides its spec; a vendor's own overlay directory is added per vendor.
_SHARED_INPUTS = ("overlays/templates", "overlays/package", "overlays/project", "LICENSE")


@dataclass(frozen=True)
class VersionChange:
    """A bump about to be written, or written: the files' new bytes, and the versions."""

    vendor: Vendor
    old: str
    new: str
    bump: Bump
    reason: str
    entry: str
    files: dict[Path, bytes]

    @property
    def tag(self) -> str:
        """The git tag that releases the new version: ``retell-client-v1.1.0``."""
        return tag_name(self.vendor.project, self.new)


@dataclass(frozen=True)
class Detection:
    """What :func:`detect` found since the last release: the bump, why, and the drift report if the spec moved."""

    bump: Bump
    since: str
    reason: str
    report: Report | None


def tag_name(distribution: str, version: str) -> str:
    """``<distribution>-v<version>``, the tag the release workflow publishes on."""
    return f"{distribution}-v{version}"


def today() -> datetime.date:
    """The date a changelog entry carries: today in UTC."""
    return datetime.datetime.now(datetime.UTC).date()


def plan(vendor: Vendor, bump: Bump, reason: str, entry: Callable[[str], str], root: Path = ROOT) -> VersionChange:
    """The version change ``bump`` makes to ``vendor`` because of ``reason``: ``entry(new_version)`` writes its
    changelog entry. Nothing is written."""
    config = vendor.config(root)
    new = bumped(config.version, bump)
    config_source = f"specs/{vendor.name}/{vendor.config_path(root).name}"
    changelog_source = f"specs/{vendor.name}/{vendor.changelog_path(root).name}"
    text = entry(new)
    config_text = with_version(read_text(vendor.config_path(root), config_source), config, new, config_source)
    log = changelog.with_entry(read_text(vendor.changelog_path(root), changelog_source), text, new, changelog_source)
    files = {vendor.config_path(root): config_text.encode("utf-8"), vendor.changelog_path(root): log.encode("utf-8")}
    return VersionChange(vendor, config.version, new, bump, reason, text, files)


def release(
    vendor: Vendor, bump: Bump | None = None, notes: Sequence[str] = (), root: Path = ROOT, dry_run: bool = False
) -> VersionChange:
    """Bump ``vendor``'s version, write its changelog entry and regenerate it, all or nothing.

    ``bump`` defaults to what :func:`detect` finds. The entry is the drift report's when the spec changed, followed
    by the ``## [Unreleased]`` section's bullets and ``notes``; without any of them, a line saying what changed.
    """
    detection = detect(vendor, root) if bump is None else None
    chosen = detection.bump if detection else bump or Bump.PATCH
    reason = detection.reason if detection else f"a {chosen.value} release asked for with --bump"
    distribution = vendor.config(root).distribution
    pending = changelog.unreleased(read_text(vendor.changelog_path(root), f"specs/{vendor.name}/CHANGELOG.md"))
    extra = changelog.parse_sections(pending) + ([("Changed", [f"- {note}" for note in notes])] if notes else [])

    def entry(version: str) -> str:
        if detection is not None and detection.report is not None:
            base = changelog.entry_from_report(detection.report, version, today(), distribution)
        else:
            base = changelog.Entry(version, today())
        return base.with_bullets(extra or [("Changed", [f"- {reason}."])]).render()

    change = plan(vendor, chosen, reason, entry, root)
    if not dry_run:
        write_and_regenerate(change.files, [vendor], root)
    return change


def detect(vendor: Vendor, root: Path = ROOT) -> Detection:
    """The bump the changes since ``vendor``'s last release call for.

    The last release is the tag ``<distribution>-v<version>`` of the current version when it exists, else the
    newest commit that changed ``package.version`` in ``config.yaml``. Against it:

    1. if ``specs/<vendor>/openapi.yaml`` changed, the drift verdict between the two specs decides: breaking major,
       non-breaking minor, a rewording with no semantic change patch;
    2. else, if the overlay (shared, or the vendor's own), the project templates, LICENSE, the generator pins
       (the root ``pyproject.toml``'s dependencies) or ``config.yaml`` apart from its version changed: patch;
    3. else there is nothing to release: an error (``--bump`` releases anyway).

    The working tree counts, committed or not.
    """
    since = last_release(vendor, root)
    spec_path = f"specs/{vendor.name}/{vendor.spec_path(root).name}"
    old_spec = _show(root, since, spec_path)
    new_spec = read_text(vendor.spec_path(root), spec_path)
    if old_spec is not None and old_spec != new_spec:
        report = spec_report(vendor, old_spec, new_spec, f"{spec_path} at {since[:12]}", spec_path)
        reason = f"the spec changed since {since[:12]}: {report.verdict.value} drift"
        return Detection(bump_for(report.verdict), since, reason, report)
    changed = changed_inputs(vendor, since, root)
    if changed:
        reason = f"Rebuilt with changes to {', '.join(changed)}; the vendor's spec is unchanged"
        return Detection(Bump.PATCH, since, reason, None)
    raise SdkgenError(
        f"{vendor.name}: nothing that goes into {vendor.project} changed since its last release ({since[:12]}): "
        "pass --bump to release anyway"
    )


def spec_report(vendor: Vendor, old: str, new: str, old_source: str, new_source: str) -> Report:
    """The drift report from the spec text ``old`` to ``new``."""
    base, upstream = from_text(old, old_source), from_text(new, new_source)
    changes = compare(inline(base.spec, base.source), inline(upstream.spec, upstream.source))
    return Report(vendor=vendor.name, base=old_source, upstream=new_source, changes=tuple(changes))


def changed_inputs(vendor: Vendor, since: str, root: Path = ROOT) -> list[str]:
    """The package's inputs other than the spec that differ between commit ``since`` and the working tree."""
    paths = [*_SHARED_INPUTS, f"overlays/{vendor.name}"]
    changed = _git(root, "diff", "--name-only", since, "--", *paths).split()
    found = sorted({_area(path) for path in changed})
    if _pins(_show(root, since, "pyproject.toml")) != _pins(read_text(root / "pyproject.toml", "pyproject.toml")):
        found.append("the generator pins")
    config_path = f"specs/{vendor.name}/{vendor.config_path(root).name}"
    old_config = _show(root, since, config_path)
    new_config = read_text(vendor.config_path(root), config_path)
    if old_config is not None and _config_apart_from_version(old_config) != _config_apart_from_version(new_config):
        found.append(config_path)
    return found


def last_release(vendor: Vendor, root: Path = ROOT) -> str:
    """The commit of ``vendor``'s last release (see :func:`detect`)."""
    config = vendor.config(root)
    tag = tag_name(config.distribution, config.version)
    tagged = _git(root, "tag", "--list", tag).strip()
    if tagged:
        return _git(root, "rev-list", "-n", "1", tag).strip()
    path = f"specs/{vendor.name}/{vendor.config_path(root).name}"
    for commit in _git(root, "log", "--format=%H", "--", path).split():
        here, parent = _version_at(root, commit, path), _version_at(root, f"{commit}^", path)
        if here != parent:
            return commit
    raise SdkgenError(f"{path} has no commit yet: commit it, or pass --bump")


def vendor_for_tag(tag: str, root: Path = ROOT) -> Vendor:
    """The vendor whose package ``tag`` releases; the tag must name its current version, and ``generated/`` must
    carry that version."""
    vendors = discover(root)
    for vendor in vendors.values():
        config = vendor.config(root)
        prefix = f"{config.distribution}-v"
        if not tag.startswith(prefix):
            continue
        if tag != tag_name(config.distribution, config.version):
            raise SdkgenError(
                f"tag {tag} does not match {config.distribution}'s version {config.version} in "
                f"specs/{vendor.name}/config.yaml: tag {tag_name(config.distribution, config.version)} instead"
            )
        built = _project_version(vendor, root)
        if built != config.version:
            raise SdkgenError(
                f"generated/{vendor.project}/pyproject.toml has version {built}, config.yaml {config.version}: "
                f"run `python -m sdkgen generate {vendor.name}` and commit"
            )
        return vendor
    expected = ", ".join(f"{vendor.project}-vX.Y.Z" for vendor in vendors.values())
    raise SdkgenError(f"tag {tag} names no package: expected one of {expected}")


def _project_version(vendor: Vendor, root: Path) -> str:
    path = vendor.output_dir(root) / "pyproject.toml"
    try:
        version = tomllib.loads(read_text(path, f"generated/{vendor.project}/pyproject.toml"))["project"]["version"]
    except (tomllib.TOMLDecodeError, KeyError) as exc:
        raise SdkgenError(f"generated/{vendor.project}/pyproject.toml has no project.version") from exc
    return str(version)


def _area(path: str) -> str:
    parts = path.split("/")
    if parts[0] == "overlays" and len(parts) > 1 and parts[1] == "templates":
        return "the generator templates"
    if parts[0] == "overlays" and len(parts) > 1 and parts[1] == "project":
        return "the project templates"
    return "the overlay" if parts[0] == "overlays" else path


def _pins(pyproject: str | None) -> list[str] | None:
    if pyproject is None:
        return None
    dependencies = tomllib.loads(pyproject).get("project", {}).get("dependencies", [])
    return sorted(str(item) for item in dependencies)


def _config_apart_from_version(text: str) -> object:
    document = yaml.safe_load(text)
    if isinstance(document, dict) and isinstance(document.get("package"), dict):
        document["package"].pop("version", None)
    return document


def _version_at(root: Path, commit: str, path: str) -> str | None:
    text = _show(root, commit, path)
    if text is None:
        return None
    try:
        return parse_config(yaml.safe_load(text), f"{path} at {commit[:12]}").version
    except SdkgenError:
        return None


def _show(root: Path, commit: str, path: str) -> str | None:
    """``path`` as commit ``commit`` has it, or ``None`` where it does not exist there."""
    result = _run_git(root, "show", f"{commit}:{path}")
    return result.stdout if result.returncode == 0 else None


def _git(root: Path, *args: str) -> str:
    result = _run_git(root, *args)
    if result.returncode != 0:
        raise SdkgenError(f"git {args[0]} failed: {result.stderr.strip()} (a release needs a git checkout)")
    return result.stdout


def _run_git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=GIT_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SdkgenError(f"git {args[0]} did not run: {exc}") from exc


def summary(change: VersionChange) -> str:
    """What a release prints: the versions and why, and what to do next."""
    return (
        f"{change.vendor.project} {change.old} -> {change.new} ({change.bump.value}: {change.reason})\n"
        f"next: commit, then `git tag {change.tag}` and push the tag to publish"
    )
