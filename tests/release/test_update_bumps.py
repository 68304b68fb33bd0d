"""``drift --update`` from upstream: the version bump and the changelog entry come with the spec, and the spec
warnings it reports are those of the spec it wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from support.repository import run_sdkgen

from sdkgen.pages import extract_openapi

pytestmark = pytest.mark.slow


def upstream_page(root: Path, vendor: str, tmp_path: Path, *edits: tuple[str, str]) -> str:
    page = (root / "specs" / vendor / "page.md").read_text(encoding="utf-8")
    spec = extract_openapi(page, "page")
    new = spec
    for old, replacement in edits:
        assert old in new
        new = new.replace(old, replacement, 1)
    path = tmp_path / f"{vendor}-upstream.md"
    path.write_text(page.replace(spec, new), encoding="utf-8")
    return str(path)


def config(root: Path, vendor: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((root / "specs" / vendor / "config.yaml").read_text(encoding="utf-8"))
    return loaded


def test_non_breaking_drift_is_a_minor_release_with_its_entry(repo, tmp_path):
    page = upstream_page(
        repo,
        "retell",
        tmp_path,
        ("                    - platform\n", "                    - platform\n                    - inworld\n"),
    )
    result = run_sdkgen(repo, "drift", "--vendor", "retell", "--upstream", page, "--update", "--format", "markdown")

    assert result.returncode == 1, result.stderr
    assert "version 1.0.0 -> 1.1.0 (minor), CHANGELOG.md entry written" in result.stderr
    assert config(repo, "retell")["package"]["version"] == "1.1.0"
    log = (repo / "specs" / "retell" / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = log[log.index("## [1.1.0]") : log.index("## [1.0.0]")]
    assert "### Added\n" in entry and "Breaking" not in entry
    assert '- `voice_provider` in the `POST /clone-voice` request: value "inworld" is now accepted.' in entry
    project = repo / "generated" / "retell-client"
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8") == log
    assert 'version = "1.1.0"' in (project / "pyproject.toml").read_text(encoding="utf-8")
    # The vendored spec's description promised Inworld before its enum listed it; the update fixed that.
    assert "Inworld" not in result.stdout and "### Spec warnings" not in result.stdout
    assert run_sdkgen(repo, "drift", "--vendor", "retell").returncode == 0


def test_breaking_drift_is_a_major_release_whose_entry_says_what_callers_change(repo, tmp_path):
    page = upstream_page(
        repo,
        "vogent",
        tmp_path,
        ("        - CSM\n", ""),
        ("        - model\n", "        - model\n        - transcription\n"),
    )
    result = run_sdkgen(repo, "drift", "--vendor", "vogent", "--upstream", page, "--update")

    assert result.returncode == 2, result.stderr
    assert config(repo, "vogent")["package"]["version"] == "2.0.0"
    log = (repo / "specs" / "vogent" / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = log[log.index("## [2.0.0]") : log.index("## [1.0.0]")]
    assert "**Callers of `vogent-client` must change code**" in entry
    bullets = [line for line in entry.splitlines() if line.startswith("- ")]
    assert bullets == [
        '- **Breaking:** `model` in the `POST /voices/clone` request: value "CSM" removed: calls that send it fail, '
        'its enum member goes. Callers must stop sending "CSM".',
        "- **Breaking:** `transcription` in the `POST /voices/clone` request: field is now required: calls without it "
        "fail. Callers must pass `transcription` on every call.",
    ]
    assert config(repo, "retell")["package"]["version"] == "1.0.0"


def test_a_page_only_change_bumps_nothing(repo, tmp_path):
    page_path = repo / "specs" / "vogent" / "page.md"
    upstream = tmp_path / "page.md"
    upstream.write_text(page_path.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    before = (repo / "specs" / "vogent" / "CHANGELOG.md").read_bytes()
    result = run_sdkgen(repo, "drift", "--vendor", "vogent", "--upstream", str(upstream), "--update")
    assert result.returncode == 0, result.stderr
    assert "updated specs/vogent/page.md" in result.stderr and "version" not in result.stderr
    assert (repo / "specs" / "vogent" / "CHANGELOG.md").read_bytes() == before
    assert config(repo, "vogent")["package"]["version"] == "1.0.0"
