"""The bump rules, and the rewrite of ``package.version`` that leaves every other byte of config.yaml alone."""

from __future__ import annotations

import difflib
import re

import pytest

from sdkgen.drift.model import Verdict
from sdkgen.errors import SdkgenError
from sdkgen.vendors import VENDORS
from sdkgen.version import Bump, bump_for, bumped, with_version


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [
        ("1.0.0", Bump.PATCH, "1.0.1"),
        ("1.0.9", Bump.PATCH, "1.0.10"),
        ("1.4.2", Bump.MINOR, "1.5.0"),
        ("1.4.2", Bump.MAJOR, "2.0.0"),
        ("0.9.9", Bump.MAJOR, "1.0.0"),
    ],
)
def test_bumped_increments_one_part_and_resets_the_rest(version, bump, expected):
    assert bumped(version, bump) == expected


def test_the_verdict_decides_the_bump():
    assert bump_for(Verdict.BREAKING) is Bump.MAJOR
    assert bump_for(Verdict.NON_BREAKING) is Bump.MINOR
    assert bump_for(Verdict.NONE) is Bump.PATCH
    with pytest.raises(SdkgenError):
        bump_for(Verdict.ERROR)


@pytest.mark.parametrize("vendor", list(VENDORS))
def test_only_the_version_line_changes(vendor):
    config_path = VENDORS[vendor].config_path()
    text = config_path.read_text(encoding="utf-8")
    config = VENDORS[vendor].config()
    rewritten = with_version(text, config, "3.2.1", "config.yaml")
    diff = [line for line in difflib.ndiff(text.splitlines(), rewritten.splitlines()) if line[:1] in "+-"]
    assert diff == [f"-   version: {config.version}", "+   version: 3.2.1"]


def test_comments_and_quotes_are_kept():
    config = VENDORS["retell"].config()
    text = VENDORS["retell"].config_path().read_text(encoding="utf-8")
    text = text.replace(f"  version: {config.version}\n", f"  version: '{config.version}'   # bumped by sdkgen\n")
    rewritten = with_version(text, config, "1.1.0", "config.yaml")
    assert "  version: '1.1.0'   # bumped by sdkgen\n" in rewritten
    assert rewritten.startswith("# sdkgen's configuration")


def test_an_ambiguous_version_line_is_refused():
    config = VENDORS["vogent"].config()
    text = VENDORS["vogent"].config_path().read_text(encoding="utf-8")
    text = text.replace("generator: {}", f"generator:\n  version: {config.version}")
    with pytest.raises(SdkgenError, match=re.escape("expected one `version: 1.0.0` line")):
        with_version(text, config, "1.1.0", "config.yaml")


def test_a_version_that_is_not_semver_is_refused():
    config = VENDORS["vogent"].config()
    text = VENDORS["vogent"].config_path().read_text(encoding="utf-8")
    with pytest.raises(SdkgenError, match=re.escape("MAJOR.MINOR.PATCH")):
        with_version(text, config, "1.1", "config.yaml")
