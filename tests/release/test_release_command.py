"""``python -m sdkgen release`` and ``version --tag`` on git checkouts: the bump found from what changed since the
last release, the changelog entry, and all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support.repository import commit_all, git, run_sdkgen, snapshot

from sdkgen.pages import extract_openapi

pytestmark = pytest.mark.slow


def version_of(root: Path, vendor: str) -> str:
    config = yaml.safe_load((root / "specs" / vendor / "config.yaml").read_text(encoding="utf-8"))
    return str(config["package"]["version"])


def changelog(root: Path, vendor: str) -> str:
    return (root / "specs" / vendor / "CHANGELOG.md").read_text(encoding="utf-8")


def edit_spec(root: Path, vendor: str, old: str, new: str) -> None:
    """Change the vendored page's OpenAPI block and the spec extracted from it together."""
    page_path = root / "specs" / vendor / "page.md"
    page = page_path.read_text(encoding="utf-8")
    spec = extract_openapi(page, "page")
    assert old in spec
    page_path.write_text(page.replace(spec, spec.replace(old, new)), encoding="utf-8")
    (root / "specs" / vendor / "openapi.yaml").write_text(spec.replace(old, new), encoding="utf-8")


def test_nothing_changed_is_nothing_to_release(checkout):
    result = run_sdkgen(checkout, "release", "retell")
    assert result.returncode == 3
    assert "nothing that goes into retell-client changed since its last release" in result.stderr
    assert version_of(checkout, "retell") == "1.0.0"


def test_an_overlay_change_is_a_patch_release(checkout):
    constants = checkout / "overlays" / "package" / "_constants.py"
    constants.write_text(constants.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    commit_all(checkout, "overlay change")
    config_before = (checkout / "specs" / "retell" / "config.yaml").read_text(encoding="utf-8")

    result = run_sdkgen(checkout, "release", "retell")

    assert result.returncode == 0, result.stderr
    assert "retell-client 1.0.0 -> 1.0.1 (patch: Rebuilt with changes to the overlay" in result.stdout
    assert "git tag retell-client-v1.0.1" in result.stdout
    config_after = (checkout / "specs" / "retell" / "config.yaml").read_text(encoding="utf-8")
    assert config_after == config_before.replace("  version: 1.0.0\n", "  version: 1.0.1\n")
    log = changelog(checkout, "retell")
    assert log.index("## [1.0.1] - ") < log.index("## [1.0.0] - ")
    assert "- Rebuilt with changes to the overlay; the vendor's spec is unchanged." in log
    project = checkout / "generated" / "retell-client"
    assert 'version = "1.0.1"' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert '__version__ = "1.0.1"' in (project / "retell_client" / "_version.py").read_text(encoding="utf-8")
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8") == log
    assert version_of(checkout, "vogent") == "1.0.0", "the other package is not released"
    assert run_sdkgen(checkout, "drift", "--vendor", "retell").returncode == 0


def test_a_spec_change_since_the_release_bumps_by_its_verdict(checkout):
    edit_spec(checkout, "vogent", "        - CSM\n", "        - CSM\n        - TURBO\n")
    commit_all(checkout, "vogent spec")

    result = run_sdkgen(checkout, "release", "vogent")

    assert result.returncode == 0, result.stderr
    assert "vogent-client 1.0.0 -> 1.1.0 (minor: the spec changed since" in result.stdout
    log = changelog(checkout, "vogent")
    assert "## [1.1.0]" in log and "### Added" in log
    assert '- `model` in the `POST /voices/clone` request: value "TURBO" is now accepted.' in log


def test_an_explicit_bump_takes_the_unreleased_notes(checkout):
    path = checkout / "specs" / "retell" / "CHANGELOG.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("## [1.0.0]", "## [Unreleased]\n### Fixed\n- A fix.\n\n## [1.0.0]"),
        encoding="utf-8",
    )
    result = run_sdkgen(checkout, "release", "retell", "--bump", "major", "--note", "Python 3.11 or newer.")
    assert result.returncode == 0, result.stderr
    log = changelog(checkout, "retell")
    assert "[Unreleased]" not in log
    assert "### Fixed\n- A fix.\n### Changed\n- Python 3.11 or newer.\n" in log
    assert version_of(checkout, "retell") == "2.0.0"


def test_the_release_tag_marks_the_last_release(checkout):
    constants = checkout / "overlays" / "package" / "_constants.py"
    constants.write_text(constants.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    commit_all(checkout, "overlay change, released as 1.0.0")
    git(checkout, "tag", "retell-client-v1.0.0")
    result = run_sdkgen(checkout, "release", "retell")
    assert result.returncode == 3
    assert "nothing that goes into retell-client changed" in result.stderr


def test_a_failed_regeneration_changes_nothing(checkout):
    template = checkout / "overlays" / "project" / "pyproject.toml.jinja"
    template.write_text(template.read_text(encoding="utf-8") + "{{ config.no_such_key }}\n", encoding="utf-8")
    before = snapshot(checkout)
    result = run_sdkgen(checkout, "release", "retell", "--bump", "patch")
    assert result.returncode == 3
    assert "no_such_key" in result.stderr
    assert snapshot(checkout) == before


def test_version_and_release_tags(checkout):
    assert run_sdkgen(checkout, "version").stdout.splitlines() == ["retell-client 1.0.0", "vogent-client 1.0.0"]
    assert run_sdkgen(checkout, "version", "vogent").stdout == "1.0.0\n"
    assert run_sdkgen(checkout, "version", "--tag", "vogent-client-v1.0.0").stdout == "vogent\n"
    wrong = run_sdkgen(checkout, "version", "--tag", "vogent-client-v1.0.1")
    assert wrong.returncode == 3
    assert "does not match vogent-client's version 1.0.0" in wrong.stderr
    unknown = run_sdkgen(checkout, "version", "--tag", "v1.0.0")
    assert unknown.returncode == 3
    assert "retell-client-vX.Y.Z, vogent-client-vX.Y.Z" in unknown.stderr
    (checkout / "specs" / "retell" / "config.yaml").write_text(
        (checkout / "specs" / "retell" / "config.yaml").read_text(encoding="utf-8").replace("1.0.0", "1.0.1"),
        encoding="utf-8",
    )
    stale = run_sdkgen(checkout, "version", "--tag", "retell-client-v1.0.1")
    assert stale.returncode == 3
    assert "generated/retell-client/pyproject.toml has version 1.0.0" in stale.stderr
