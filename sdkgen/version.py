"""Package versions: the semver bump rules, and the rewrite of ``package.version`` in ``config.yaml``.

The version of each package lives only in ``specs/<vendor>/config.yaml``; sdkgen renders it into the generated
``pyproject.toml`` and ``_version.py``. The numbers promise semver against the vendor's spec, seen from code that uses
the client:

* ``major``: breaking spec drift (a field became required, a value or an operation went away...);
* ``minor``: non-breaking spec drift (a new optional field, a new accepted value...);
* ``patch``: the same spec, a change to the overlay, the templates or the generator pin, or a spec reworded upstream
  with no semantic change.
"""

from __future__ import annotations

import dataclasses
import re
from enum import StrEnum

import yaml

from sdkgen.config import VERSION, VendorConfig, parse_config
from sdkgen.drift.model import Verdict
from sdkgen.errors import SdkgenError


class Bump(StrEnum):
    """Which part of MAJOR.MINOR.PATCH a release increments."""

    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


_FOR_VERDICT = {Verdict.BREAKING: Bump.MAJOR, Verdict.NON_BREAKING: Bump.MINOR, Verdict.NONE: Bump.PATCH}
# The one `version:` line of the `package:` mapping: indented, a bare or quoted version, an optional comment.
_VERSION_LINE = re.compile(
    r"^(?P<head>[ \t]+version:[ \t]*)(?P<quote>[\"']?)(?P<version>[^\s\"'#]+)(?P=quote)(?P<tail>[ \t]*(?:#.*)?)$",
    re.MULTILINE,
)


def bump_for(verdict: Verdict) -> Bump:
    """The bump a regeneration from a changed spec needs: breaking drift major, non-breaking minor, none patch."""
    if verdict is Verdict.ERROR:
        raise SdkgenError("a comparison that failed decides no version")
    return _FOR_VERDICT[verdict]


def bumped(version: str, bump: Bump) -> str:
    """``version`` incremented at ``bump``, the parts after it reset: 1.4.2 + minor = 1.5.0."""
    match = VERSION.fullmatch(version)
    if match is None:
        raise SdkgenError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(part) for part in match.groups())
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump is Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def with_version(text: str, config: VendorConfig, new: str, source: str) -> str:
    """``config.yaml``'s ``text`` with only its ``package.version`` line changed to ``new``; comments, order and
    formatting stay byte for byte. The result is parsed again and must differ from ``config`` in the version alone.
    """
    if not VERSION.fullmatch(new):
        raise SdkgenError(f"version {new!r} is not MAJOR.MINOR.PATCH")
    lines = [match for match in _VERSION_LINE.finditer(text) if match["version"] == config.version]
    if len(lines) != 1:
        raise SdkgenError(
            f"{source}: expected one `version: {config.version}` line under package:, found {len(lines)}: "
            "edit the version by hand"
        )
    line = lines[0]
    rewritten = (
        f"{text[: line.start()]}{line['head']}{line['quote']}{new}{line['quote']}{line['tail']}{text[line.end() :]}"
    )
    reparsed = parse_config(yaml.safe_load(rewritten), source)
    if reparsed != dataclasses.replace(config, version=new):
        raise SdkgenError(f"{source}: rewriting the version line changed more than package.version: edit it by hand")
    return rewritten
