"""The template overrides are ledgered against the stock templates they were merged from, and stay small."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.repository import run_sdkgen, sdkgen_in_process

from sdkgen import generator, ledger
from sdkgen.errors import SdkgenError
from sdkgen.pins import pinned
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


def _zero(root: Path, *names: str) -> None:
    """Make the ledger entries ``names`` under ``root`` look merged from another stock template, in 0.28.0."""
    path = root / ledger.LEDGER
    text = path.read_text(encoding="utf-8")
    for name in names:
        entry = ledger.read_ledger()[name]
        text = text.replace(entry["stock_sha256"], "0" * 64).replace(
            f'[templates."{name}"]\ngenerator = "{entry["generator"]}"', f'[templates."{name}"]\ngenerator = "0.28.0"'
        )
    path.write_text(text, encoding="utf-8")


def test_recording_writes_a_ledger_that_matches(ledgered_copy: Path) -> None:
    _zero(ledgered_copy, *ledger.overrides())
    text = ledger.recorded_text(ledger.overrides(ledgered_copy), ledgered_copy)
    (ledgered_copy / ledger.LEDGER).write_text(text, encoding="utf-8")
    assert ledger.stale_overrides(ledgered_copy) == []
    assert text == (ROOT / ledger.LEDGER).read_text(encoding="utf-8"), "the committed ledger is what recording writes"


def test_recording_records_only_the_overrides_named(ledgered_copy: Path) -> None:
    _zero(ledgered_copy, "str_enum.py.jinja", "client.py.jinja")
    before = ledger.read_ledger(ledgered_copy)
    (ledgered_copy / ledger.LEDGER).write_text(
        ledger.recorded_text(["str_enum.py.jinja"], ledgered_copy), encoding="utf-8"
    )
    after = ledger.read_ledger(ledgered_copy)
    assert after["str_enum.py.jinja"] == ledger.read_ledger()["str_enum.py.jinja"]
    assert after["client.py.jinja"] == before["client.py.jinja"] == {"generator": "0.28.0", "stock_sha256": "0" * 64}
    assert {name: entry for name, entry in after.items() if name != "str_enum.py.jinja"} == {
        name: entry for name, entry in before.items() if name != "str_enum.py.jinja"
    }
    assert [item.template for item in ledger.stale_overrides(ledgered_copy)] == ["client.py.jinja"]


def test_recording_a_removed_override_drops_its_entry_and_an_unknown_name_is_refused(ledgered_copy: Path) -> None:
    (ledgered_copy / ledger.LEDGER.parent / "client.py.jinja").unlink()
    text = ledger.recorded_text(["client.py.jinja"], ledgered_copy)
    assert "client.py.jinja" not in text and "str_enum.py.jinja" in text
    with pytest.raises(SdkgenError, match=r"types\.py\.jinja is neither an override .* nor in LEDGER\.toml"):
        ledger.recorded_text(["types.py.jinja"], ledgered_copy)


def test_recording_against_another_generator_release_is_refused(
    ledgered_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator, "installed_version", lambda: "0.30.0")
    pin = pinned("openapi-python-client")
    with pytest.raises(
        SdkgenError, match=rf"openapi-python-client {re.escape(pin)} is pinned .* but 0\.30\.0 is installed"
    ):
        ledger.recorded_text(["str_enum.py.jinja"], ledgered_copy)


def test_the_ledger_command_shows_the_installed_generator_and_what_each_override_was_merged_from() -> None:
    result = sdkgen_in_process("ledger")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    pin = pinned("openapi-python-client")
    assert lines[0] == f"openapi-python-client {generator.installed_version()} installed, {pin} pinned"
    for name in ledger.overrides():
        merged = ledger.read_ledger()[name]["generator"]
        assert any(line.startswith(f"  {name}: merged from {merged}; matches its stock template") for line in lines)


@pytest.mark.slow
def test_the_ledger_command_names_stale_overrides_and_records_only_the_one_named(tooling_copy: Path) -> None:
    _zero(tooling_copy, "str_enum.py.jinja", "client.py.jinja")
    stale = run_sdkgen(tooling_copy, "ledger")
    assert stale.returncode == 1, stale.stderr
    assert "  str_enum.py.jinja: merged from 0.28.0; the stock template changed since it was merged" in stale.stdout
    assert "  client.py.jinja: merged from 0.28.0; the stock template changed" in stale.stdout
    recorded = run_sdkgen(tooling_copy, "ledger", "--record", "str_enum.py.jinja")
    assert recorded.returncode == 0, recorded.stderr
    assert recorded.stdout.startswith("recorded str_enum.py.jinja in overlays/templates/LEDGER.toml")
    after = run_sdkgen(tooling_copy, "ledger")
    assert after.returncode == 1
    assert "  str_enum.py.jinja: merged from 0.29.1; matches its stock template" in after.stdout
    assert "  client.py.jinja: merged from 0.28.0; the stock template changed" in after.stdout
    unknown = run_sdkgen(tooling_copy, "ledger", "--record", "nope.jinja")
    assert unknown.returncode == 3 and unknown.stderr.startswith("error: nope.jinja is neither an override")
    assert run_sdkgen(tooling_copy, "ledger", "--record").returncode == 3, "--record names the overrides"


def test_the_overrides_stay_small_deltas() -> None:
    """Six overrides, about 90 changed lines in all, a fifth of which is their provenance headers (604 lines in
    14 templates before they were cut down): a bump of the generator has little to re-merge."""
    changed = {name: ledger.changed_lines(name) for name in ledger.overrides()}
    assert len(changed) <= 6, changed
    assert sum(changed.values()) <= 110, changed
