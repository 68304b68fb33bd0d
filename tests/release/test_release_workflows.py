"""The release workflow publishes the tagged package with trusted publishing after checking the tag; the weekly
drift workflow's step, run here for real, carries the version bump and the changelog entry into its pull request."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
import yaml

from sdkgen.pages import extract_openapi
from sdkgen.vendors import ROOT, VENDORS

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict[Any, Any]:
    # PyYAML reads the `on:` key as True.
    loaded: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return loaded


def test_release_runs_on_each_packages_tags_only():
    workflow = load("release.yml")
    assert set(workflow[True]) == {"push"}
    assert workflow[True]["push"]["tags"] == [f"{vendor.project}-v*" for vendor in VENDORS.values()]
    assert workflow["permissions"] == {"contents": "read"}


def test_release_checks_the_tag_then_builds_and_checks():
    steps = load("release.yml")["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    tag = next(index for index, run in enumerate(runs) if "sdkgen version --tag" in run)
    build = next(index for index, run in enumerate(runs) if "nox -s build" in run)
    assert tag < build
    assert '"$TAG"' in runs[tag] and steps[tag]["env"]["TAG"] == "${{ github.ref_name }}"
    assert steps[build]["env"]["VENDOR"] == "${{ steps.tag.outputs.vendor }}"
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)


def test_release_publishes_with_trusted_publishing_from_a_protected_environment():
    job = load("release.yml")["jobs"]["publish"]
    assert job["needs"] == "build"
    assert job["environment"] == "pypi"
    assert job["permissions"] == {"id-token": "write"}
    publish = next(step for step in job["steps"] if "pypa/gh-action-pypi-publish" in step.get("uses", ""))
    assert not {"password", "user"} & set(publish.get("with", {})), "trusted publishing: no token"
    assert publish["with"]["packages-dir"] == "dist/"


def test_the_drift_pull_request_carries_the_version():
    job = load("upstream-drift.yml")["jobs"]["upstream"]
    pull_request = next(step for step in job["steps"] if "create-pull-request" in step.get("uses", ""))
    assert "specs/${{ matrix.vendor }}" in pull_request["with"]["add-paths"].splitlines()
    assert "${{ steps.drift.outputs.version }}" in pull_request["with"]["title"]


@pytest.mark.slow
def test_the_drift_step_bumps_and_says_which_tag_to_push(repo, tmp_path):
    step = next(step for step in load("upstream-drift.yml")["jobs"]["upstream"]["steps"] if step.get("id") == "drift")
    page = (repo / "specs" / "retell" / "page.md").read_text(encoding="utf-8")
    spec = extract_openapi(page, "page")
    grown = spec.replace(
        "                    - platform\n", "                    - platform\n                    - inworld\n"
    )
    upstream = tmp_path / "published.md"
    upstream.write_text(page.replace(spec, grown), encoding="utf-8")
    (repo / "specs" / "retell" / "upstream.url").write_text(f"{upstream}\n", encoding="utf-8")
    (repo / ".venv" / "bin").mkdir(parents=True)
    # The step runs .venv/bin/python: this interpreter, with its environment.
    python = repo / ".venv" / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    outputs, summary, report = tmp_path / "outputs", tmp_path / "summary", tmp_path / "report.md"
    env = {
        **os.environ, "VENDOR": "retell", "REPORT": str(report), "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
    }  # fmt: skip

    command = ["bash", "-e", "-c", step["run"]]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert dict(line.split("=", 1) for line in outputs.read_text().splitlines()) == {
        "verdict": "non-breaking", "version": "1.1.0", "report": str(report),
    }  # fmt: skip
    body = report.read_text(encoding="utf-8")
    assert body.startswith("## Upstream spec drift: retell: non-breaking drift")
    assert "`retell-client` 1.0.0 -> **1.1.0**" in body and "push the tag `retell-client-v1.1.0`" in body
    assert summary.read_text(encoding="utf-8") == body
    assert "## [1.1.0]" in (repo / "specs" / "retell" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "version: 1.1.0" in (repo / "specs" / "retell" / "config.yaml").read_text(encoding="utf-8")


def test_nox_lists_the_release_sessions_with_what_they_do():
    result = subprocess.run([sys.executable, "-m", "nox", "-l"], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = {line.split(" -> ")[0].strip("-* "): line for line in result.stdout.splitlines() if " -> " in line}
    assert "twine check --strict" in lines["build"] and "reproducibly" in lines["build"]
    assert "local pypiserver" in lines["publish-rehearsal"] and "publishing nothing" in lines["publish-rehearsal"]
    assert "publish" not in lines, "nothing but the release workflow publishes"
