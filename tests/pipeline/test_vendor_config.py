"""A vendor is its spec, its config.yaml and its front door: anything missing or malformed is an error at generation
time that names the file and the rule."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

import pytest
from support.edited import build_edited
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
        (lambda c: c.update(base_url="api.example.test/v1"), "base_url must be an absolute http"),
        (lambda c: c.update(base_url="ftp://api.example.test"), "base_url must be an absolute http"),
        (lambda c: c.update(base_url="https://api.example.test/?v=1"), "without query or fragment"),
        (lambda c: c.update(base_url=""), "base_url must be an absolute http"),
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


def test_base_url_is_optional_and_loses_its_trailing_slash() -> None:
    assert parse_config(VALID, "specs/acme/config.yaml").base_url is None
    config = parse_config({**VALID, "base_url": "https://api.example.test/v2/"}, "specs/acme/config.yaml")
    assert config.base_url == "https://api.example.test/v2"


def _default_base_url(project: Path) -> str:
    """``DEFAULT_BASE_URL`` of the generated package's ``_spec.py``, loaded from its file."""
    spec = importlib.util.spec_from_file_location("generated_spec", project / "retell_client" / "_spec.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.DEFAULT_BASE_URL)


def _drop_servers(spec: dict[str, Any]) -> None:
    del spec["servers"]


@pytest.mark.slow
def test_a_spec_without_servers_generates_with_the_base_url_of_config_yaml(tmp_path: Path) -> None:
    project = build_edited(
        tmp_path, "retell", spec=_drop_servers, config=lambda c: c.update(base_url="https://api.example.test/v2/")
    )
    assert _default_base_url(project) == "https://api.example.test/v2"


@pytest.mark.slow
def test_base_url_in_config_yaml_overrides_the_spec_s_servers(tmp_path: Path) -> None:
    project = build_edited(tmp_path, "retell", config=lambda c: c.update(base_url="http://127.0.0.1:8080"))
    assert _default_base_url(project) == "http://127.0.0.1:8080"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_drop_servers, "specs/retell/openapi.yaml: no servers, so no base URL: set base_url in config.yaml"),
        (
            lambda s: s.update(servers=[{"url": "/v1"}]),
            "specs/retell/openapi.yaml: servers[0].url must be an absolute http(s) URL: '/v1'; or set base_url",
        ),
    ],
    ids=["no-servers", "relative-server"],
)
def test_without_an_absolute_server_or_base_url_generation_is_refused_naming_both_ways_out(
    tmp_path: Path, edit, message: str
) -> None:
    with pytest.raises(SdkgenError) as caught:
        build_edited(tmp_path, "retell", spec=edit)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("generator", "message"),
    [
        ({"literal_enum": True}, "openapi-python-client has no setting generator.literal_enum"),
        ({"literal_enums": "maybe"}, "openapi-python-client refuses the generator settings"),
    ],
    ids=["misspelt", "mistyped"],
)
def test_a_generator_setting_the_generator_does_not_take_is_refused_naming_config_yaml(
    tmp_path: Path, generator: dict[str, Any], message: str
) -> None:
    with pytest.raises(SdkgenError) as caught:
        build_edited(tmp_path, "retell", config=lambda c: c.update(generator=generator))
    assert str(caught.value).startswith(f"specs/retell/config.yaml: {message}")
