"""A vendor is its spec, its config.yaml and its front door: anything missing or malformed is an error at generation
time that names the file and the rule."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from support.repository import copy_repository

from sdkgen.config import parse_config
from sdkgen.errors import SdkgenError
from sdkgen.generate import build_project
from sdkgen.vendors import ROOT, discover

VALID: dict[str, Any] = {
    "package": {
        "distribution": "acme-client",
        "import_name": "acme_client",
        "version": "1.0.0",
        "vendor": "Acme",
        "summary": "Typed client for Acme",
    },
    "front_door": {"operations": ["cloneVoice"]},
}


@pytest.mark.parametrize(
    ("edit", "rule"),
    [
        (lambda c: c.update(extra=1), "unknown key extra"),
        (lambda c: c["package"].update(version="1.0"), "MAJOR.MINOR.PATCH"),
        (lambda c: c["package"].update(distribution="Acme_Client"), "package.distribution"),
        (lambda c: c["package"].pop("summary"), "package.summary must be a non-empty string"),
        (lambda c: c.update(generator={"post_hooks": []}), "generator.post_hooks is sdkgen's to set"),
        (lambda c: c.update(generator={"package_version_override": "2"}), "generator.package_version_override"),
        (lambda c: c.update(accepted_warnings=[{"match": "x"}]), "accepted_warnings[0].reason"),
        (lambda c: c["front_door"].update(operations="cloneVoice"), "front_door.operations must be a list"),
    ],
)
def test_a_malformed_config_is_refused_naming_the_key(edit, rule: str) -> None:
    config = {"package": dict(VALID["package"]), "front_door": dict(VALID["front_door"])}
    edit(config)
    with pytest.raises(SdkgenError, match=rule.replace("[", r"\[").replace("]", r"\]")) as caught:
        parse_config(config, "specs/acme/config.yaml")
    assert str(caught.value).startswith("specs/acme/config.yaml: ")


def test_a_third_vendor_needs_only_its_spec_config_changelog_and_front_door(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repo")
    shutil.copytree(root / "specs" / "retell", root / "specs" / "acme")
    config = root / "specs" / "acme" / "config.yaml"
    text = (
        config.read_text(encoding="utf-8")
        .replace("retell-client", "acme-client")
        .replace("retell_client", "acme_client")
    )
    config.write_text(text, encoding="utf-8")
    acme = discover(root)["acme"]
    with pytest.raises(SdkgenError, match=r"overlays/acme/package/_patch\.py is missing"):
        build_project(acme, tmp_path / "without-front-door", root)
    shutil.copytree(ROOT / "overlays" / "retell", root / "overlays" / "acme")
    project = build_project(acme, tmp_path / "with-front-door", root)
    assert (project / "acme_client" / "_patch.py").is_file()
    assert 'name = "acme-client"' in (project / "pyproject.toml").read_text(encoding="utf-8")
