"""Changelog entries written from drift reports: Keep a Changelog sections, breaking changes first, with what
callers must change; and where entries go in the file."""

from __future__ import annotations

import datetime
import re

import pytest

from sdkgen import changelog
from sdkgen.drift.model import Change, Report, Severity
from sdkgen.errors import SdkgenError
from sdkgen.vendors import VENDORS

DAY = datetime.date(2026, 12, 2)
B, N = Severity.BREAKING, Severity.NON_BREAKING
REQUEST = "POST /voices/clone request[multipart/form-data]"


def report(*changes: Change) -> Report:
    return Report(vendor="vogent", base="old", upstream="new", changes=tuple(sorted(changes)))


def test_breaking_changes_come_first_and_say_what_callers_must_change():
    entry = changelog.entry_from_report(
        report(
            Change(N, "enum-value-added", f"{REQUEST}.model", 'value "TURBO" is now accepted'),
            Change(B, "required-added", f"{REQUEST}.transcription", "field is now required: calls without it fail"),
            Change(B, "enum-value-removed", f"{REQUEST}.model", 'value "CSM" removed: calls that send it fail'),
            Change(N, "description", "POST /voices/clone", "description changed"),
        ),
        "2.0.0",
        DAY,
        "vogent-client",
    ).render()
    lines = entry.splitlines()
    assert lines[0] == "## [2.0.0] - 2026-12-02"
    assert "**Callers of `vogent-client` must change code**" in lines[1]
    assert [line for line in lines if line.startswith("###")] == ["### Removed", "### Changed", "### Added"]
    removed = lines.index("### Removed") + 1
    assert lines[removed].startswith('- **Breaking:** `model` in the `POST /voices/clone` request: value "CSM"')
    assert lines[removed].endswith('Callers must stop sending "CSM".')
    changed = lines[lines.index("### Changed") + 1 :]
    assert changed[0].endswith("Callers must pass `transcription` on every call.")
    assert changed[1].startswith("- Documentation only, no effect on code: 1 change(s)")
    assert lines[-1] == '- `model` in the `POST /voices/clone` request: value "TURBO" is now accepted.'


def test_a_non_breaking_entry_has_the_standard_section_order_and_no_warning():
    entry = changelog.entry_from_report(
        report(
            Change(N, "deprecated-added", "POST /voices/clone", "now deprecated"),
            Change(N, "property-added", "POST /voices/clone response[200][application/json].language", "new property"),
            Change(N, "required-removed", f"{REQUEST}.model", "field is now optional"),
        ),
        "1.1.0",
        DAY,
        "vogent-client",
    ).render()
    assert "must change code" not in entry and "Breaking" not in entry
    assert [line for line in entry.splitlines() if line.startswith("###")] == [
        "### Changed",
        "### Added",
        "### Deprecated",
    ]
    assert "- `language` in the `POST /voices/clone` 200 response: new property." in entry


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("property-added", "Added"),
        ("property-removed", "Removed"),
        ("media-type-removed", "Removed"),
        ("required-added", "Changed"),
        ("nullable-removed", "Changed"),
        ("deprecated-added", "Deprecated"),
        ("deprecated-removed", "Changed"),
        ("security", "Security"),
        ("type", "Changed"),
    ],
)
def test_each_kind_has_its_section(kind, expected):
    assert changelog.section(Change(N, kind, "x", "y")) == expected


def test_a_new_entry_goes_above_the_newest_release():
    text = VENDORS["retell"].changelog_path().read_text(encoding="utf-8")
    entry = changelog.Entry("1.0.1", DAY, (), (("Fixed", ("- A fix.",)),)).render()
    updated = changelog.with_entry(text, entry, "1.0.1", "CHANGELOG.md")
    assert changelog.versions(updated) == ["1.0.1", "1.0.0"]
    assert updated.startswith(text[: text.index("## [1.0.0]")] + entry + "\n## [1.0.0]")
    with pytest.raises(SdkgenError, match=re.escape("already has an entry for 1.0.1")):
        changelog.with_entry(updated, entry, "1.0.1", "CHANGELOG.md")


def test_the_unreleased_section_is_taken_into_the_release():
    text = VENDORS["retell"].changelog_path().read_text(encoding="utf-8")
    pending = "## [Unreleased]\n### Fixed\n- FLAC files are sniffed.\n\nA loose line.\n\n"
    text = text.replace("## [1.0.0]", pending + "## [1.0.0]")
    assert changelog.unreleased(text) == "### Fixed\n- FLAC files are sniffed.\n\nA loose line."
    assert changelog.parse_sections("A loose line.\n### Fixed\n- FLAC.") == [
        ("Changed", ["- A loose line."]),
        ("Fixed", ["- FLAC."]),
    ]
    entry = changelog.Entry("1.0.1", DAY).with_bullets(changelog.parse_sections(changelog.unreleased(text))).render()
    updated = changelog.with_entry(text, entry, "1.0.1", "CHANGELOG.md")
    assert "[Unreleased]" not in updated
    assert "## [1.0.1] - 2026-12-02\n### Fixed\n- FLAC files are sniffed.\n- A loose line.\n" in updated
