"""``python -m sdkgen drift`` end to end: exit codes, the three formats, upstream pages served over loopback HTTP.

The checks run the command line in this process (they write nothing); the command line as its own process runs
in the tests of ``--check-upstream`` on a copy and of ``--help``."""

from __future__ import annotations

import json

import pytest
import yaml
from support.repository import run_sdkgen, sdkgen_in_process

from sdkgen.pages import extract_openapi
from sdkgen.vendors import ROOT, VENDORS

CHANGE_KEYS = {"severity", "kind", "location", "message"}


def page_with(vendor: str, old: str, new: str) -> str:
    """The vendor's vendored page with ``old`` replaced by ``new`` inside its OpenAPI block."""
    page = VENDORS[vendor].page_path().read_text(encoding="utf-8")
    spec = extract_openapi(page, "page")
    assert old in spec
    return page.replace(spec, spec.replace(old, new))


RETELL_BREAKING = ("                    - platform\n", "")  # a request enum value removed
RETELL_NON_BREAKING = (
    "                    - platform\n",
    "                    - platform\n                    - inworld\n",
)


@pytest.fixture
def pages(tmp_path):
    """Write a page under ``tmp_path`` and return its path as a string."""

    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.mark.parametrize(
    ("change", "status", "verdict"),
    [(None, 0, "none"), (RETELL_NON_BREAKING, 1, "non-breaking"), (RETELL_BREAKING, 2, "breaking")],
    ids=["none", "non-breaking", "breaking"],
)
def test_exit_status_and_json_follow_the_verdict(pages, change, status, verdict):
    text = page_with("retell", *change) if change else VENDORS["retell"].page_path().read_text(encoding="utf-8")
    result = sdkgen_in_process("drift", "--vendor", "retell", "--upstream", pages("page.md", text), "--format", "json")
    assert result.returncode == status, result.stderr
    report = json.loads(result.stdout)
    assert {"vendor", "verdict", "changes"} <= report.keys()
    assert report["vendor"] == "retell"
    assert report["verdict"] == verdict
    assert all(change.keys() == CHANGE_KEYS for change in report["changes"])
    assert len(report["changes"]) == (0 if change is None else 1)


def test_upstream_page_is_fetched_over_http(page_server):
    url = page_server.publish("retell/clone-voice.md", page_with("retell", *RETELL_BREAKING))
    result = sdkgen_in_process("drift", "--vendor", "retell", "--upstream", url)
    assert result.returncode == 2, result.stderr
    assert "BREAKING drift" in result.stdout
    assert "enum-value-removed" in result.stdout and url in result.stdout


def test_bare_json_spec_against_a_base_page(pages):
    spec = yaml.safe_load(VENDORS["vogent"].spec_path().read_text(encoding="utf-8"))
    spec["components"]["schemas"]["AIVoice"]["properties"]["language"] = {"type": "string"}
    upstream = pages("vogent.json", json.dumps(spec))
    result = sdkgen_in_process(
        "drift", "--vendor", "vogent", "--upstream", upstream, "--base", str(VENDORS["vogent"].page_path())
    )
    assert result.returncode == 1, result.stderr
    assert "property-added" in result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_errors_exit_3_and_name_the_input_and_the_reason(pages, output_format):
    upstream = pages("moved.md", "# Clone Voice\n\nThis page moved.\n")
    result = sdkgen_in_process("drift", "--vendor", "vogent", "--upstream", upstream, "--format", output_format)
    assert result.returncode == 3
    assert f"{upstream}: no OpenAPI block" in result.stderr
    if output_format == "json":
        report = json.loads(result.stdout)
        assert report["verdict"] == "error" and report["vendor"] == "vogent"
        assert f"{upstream}: no OpenAPI block" in report["message"]
    else:
        assert result.stdout == ""


def test_unreachable_url_exits_3(closed_port_url):
    result = sdkgen_in_process("drift", "--vendor", "retell", "--upstream", closed_port_url, "--format", "json")
    assert result.returncode == 3
    assert json.loads(result.stdout)["verdict"] == "error"
    assert f"{closed_port_url}: unreachable" in result.stderr


def test_check_upstream_fetches_the_recorded_url(tooling_copy, page_server):
    url = page_server.publish("vogent/clone-voice.md", VENDORS["vogent"].page_path().read_text(encoding="utf-8"))
    (tooling_copy / "specs" / "vogent" / "upstream.url").write_text(url + "\n", encoding="utf-8")
    result = run_sdkgen(tooling_copy, "drift", "--vendor", "vogent", "--check-upstream")
    assert result.returncode == 0, result.stderr
    assert f"upstream  {url}" in result.stdout


def test_markdown_is_a_pull_request_body(pages):
    upstream = pages("page.md", page_with("retell", *RETELL_BREAKING))
    result = sdkgen_in_process("drift", "--vendor", "retell", "--upstream", upstream, "--format", "markdown")
    assert result.returncode == 2
    body = result.stdout
    assert body.startswith("## Upstream spec drift: retell: BREAKING drift")
    assert "| Severity | Kind | Location | Change |" in body
    assert (
        "| **breaking** | `enum-value-removed` | `POST /clone-voice request[multipart/form-data].voice_provider` |"
        in body
    )
    assert "### Spec warnings" in body and "Inworld" in body


def test_text_report_is_a_table_with_the_spec_warnings(pages):
    upstream = pages("page.md", page_with("retell", *RETELL_NON_BREAKING))
    result = sdkgen_in_process("drift", "--vendor", "retell", "--upstream", upstream)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "retell: non-breaking drift (0 breaking, 1 non-breaking)"
    heading = next(line for line in lines if line.startswith("SEVERITY"))
    row = next(line for line in lines if line.startswith("non-breaking"))
    assert row.index("enum-value-added") == heading.index("KIND")
    assert any(line.startswith("warning: specs/retell/openapi.yaml: ") and "Inworld" in line for line in lines)


@pytest.mark.parametrize(
    "args",
    [
        ["drift", "--base", "x.yaml"],
        ["drift", "--format", "json"],
        ["drift", "--vendor", "retell", "--vendor", "vogent", "--check-upstream"],
        ["drift", "--check-upstream"],
        ["drift", "--vendor", "nobody", "--check-upstream"],
        ["drift", "--vendor", "retell", "--update", "--base", "x.yaml"],
        ["drift", "--vendor", "retell", "--format", "xml", "--check-upstream"],
        ["drift", "--upstream", "a.md", "--check-upstream", "--vendor", "retell"],
    ],
)
def test_usage_errors_exit_3(args):
    result = sdkgen_in_process(*args)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "error:" in result.stderr


def test_the_other_commands_are_still_there():
    result = run_sdkgen(ROOT, "--help")
    assert result.returncode == 0
    assert all(command in result.stdout for command in ("generate", "extract", "drift"))
