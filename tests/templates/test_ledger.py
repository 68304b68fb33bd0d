"""The template overrides are ledgered against the stock templates they were merged from, and stay small."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sdkgen import ledger
from sdkgen.vendors import ROOT

HEADER = re.compile(
    r"\{#- sdkgen override of openapi-python-client (?P<version>[\d.]+) templates/(?P<name>\S+?);"
    r" stock hash\s+in LEDGER\.toml\."
)


def test_every_override_matches_the_stock_template_it_was_merged_from() -> None:
    assert ledger.stale_overrides() == [], "re-merge these overrides, then `python -m sdkgen ledger --record`"


@pytest.mark.parametrize("name", ledger.overrides())
def test_each_override_opens_by_naming_its_stock_template_version_and_delta(name: str) -> None:
    text = (ROOT / ledger.LEDGER.parent / name).read_text(encoding="utf-8")
    found = HEADER.match(" ".join(text.split("\n", 3)[:3]))
    assert found, f"{name} must open with its provenance header"
    assert found["name"] == name
    assert found["version"] == ledger.read_ledger()[name]["generator"]
    assert "Delta" in text.split("-#}", 1)[0]


@pytest.fixture
def ledgered_copy(tmp_path: Path) -> Path:
    """A copy of overlays/templates/ under a scratch root, for ledger edits."""
    shutil.copytree(ROOT / ledger.LEDGER.parent, tmp_path / ledger.LEDGER.parent)
    return tmp_path


def test_a_stock_template_that_changed_since_the_merge_is_named(ledgered_copy: Path) -> None:
    path = ledgered_copy / ledger.LEDGER
    text = path.read_text(encoding="utf-8")
    entry = ledger.read_ledger()["str_enum.py.jinja"]["stock_sha256"]
    path.write_text(text.replace(entry, "0" * 64), encoding="utf-8")
    stale = ledger.stale_overrides(ledgered_copy)
    assert [item.template for item in stale] == ["str_enum.py.jinja"]
    assert "re-apply the override's delta" in stale[0].reason


def test_an_override_missing_from_the_ledger_and_a_ledger_entry_without_override_are_named(ledgered_copy: Path) -> None:
    shutil.copyfile(
        ledgered_copy / ledger.LEDGER.parent / "int_enum.py.jinja",
        ledgered_copy / ledger.LEDGER.parent / "types.py.jinja",
    )
    (ledgered_copy / ledger.LEDGER.parent / "client.py.jinja").unlink()
    reasons = {item.template: item.reason for item in ledger.stale_overrides(ledgered_copy)}
    assert reasons.keys() == {"types.py.jinja", "client.py.jinja"}
    assert "not in LEDGER.toml" in reasons["types.py.jinja"]
    assert "not overridden" in reasons["client.py.jinja"]


def test_recording_writes_a_ledger_that_matches(ledgered_copy: Path) -> None:
    (ledgered_copy / ledger.LEDGER).write_text(ledger.ledger_text(ledgered_copy), encoding="utf-8")
    assert ledger.stale_overrides(ledgered_copy) == []


def test_the_overrides_stay_small_deltas() -> None:
    """Six overrides, about 90 changed lines in all, a fifth of which is their provenance headers (604 lines in
    14 templates before they were cut down): a bump of the generator has little to re-merge."""
    changed = {name: ledger.changed_lines(name) for name in ledger.overrides()}
    assert len(changed) <= 6, changed
    assert sum(changed.values()) <= 110, changed
