"""``--update``: specs/ and generated/ move together, and a failure leaves both exactly as they were."""

from __future__ import annotations

import pytest
from support.repository import run_sdkgen, snapshot

from sdkgen.pages import extract_openapi
from sdkgen.vendors import VENDORS

pytestmark = pytest.mark.slow


def retell_page(old: str, new: str) -> str:
    page = VENDORS["retell"].page_path().read_text(encoding="utf-8")
    spec = extract_openapi(page, "page")
    return page.replace(spec, spec.replace(old, new))


def test_update_writes_page_and_spec_and_regenerates(tooling_copy, page_server):
    page = retell_page(
        "                    - platform\n", "                    - platform\n                    - inworld\n"
    )
    url = page_server.publish("update/clone-voice.md", page)

    result = run_sdkgen(
        tooling_copy, "drift", "--vendor", "retell", "--upstream", url, "--update", "--format", "markdown"
    )

    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("## Upstream spec drift: retell: non-breaking drift")
    written = "specs/retell/page.md, specs/retell/openapi.yaml, specs/retell/config.yaml, specs/retell/CHANGELOG.md"
    assert f"updated {written}, generated/retell-client" in result.stderr
    assert (tooling_copy / "specs" / "retell" / "page.md").read_text(encoding="utf-8") == page
    assert (tooling_copy / "specs" / "retell" / "openapi.yaml").read_text(encoding="utf-8") == extract_openapi(page, "")
    enum = (
        tooling_copy / "generated" / "retell-client" / "retell_client" / "models" / "clone_voice_body_voice_provider.py"
    )
    assert 'INWORLD = "inworld"' in enum.read_text(encoding="utf-8")
    assert run_sdkgen(tooling_copy, "drift").returncode == 0, "specs and generated code are in step"
    again = run_sdkgen(tooling_copy, "drift", "--vendor", "retell", "--upstream", url, "--update")
    assert again.returncode == 0
    assert "nothing written" in again.stderr


def test_failed_regeneration_changes_nothing(tooling_copy, pages_dir):
    # Valid OpenAPI, but the overlay refuses a relative server URL: the failure comes after the specs were written.
    page = retell_page("  - url: https://api.retellai.com\n", "  - url: /v2\n")
    upstream = pages_dir / "page.md"
    upstream.write_text(page, encoding="utf-8")
    before = snapshot(tooling_copy)

    result = run_sdkgen(tooling_copy, "drift", "--vendor", "retell", "--upstream", str(upstream), "--update")

    assert result.returncode == 3
    assert "servers[0].url must be an absolute http(s) URL" in result.stderr
    assert snapshot(tooling_copy) == before


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("openapi.yaml", None, "--update needs a documentation page"),
        ("page.md", "# moved\n", "no OpenAPI block"),
    ],
)
def test_refused_upstream_changes_nothing(tooling_copy, pages_dir, name, text, reason):
    upstream = pages_dir / name
    upstream.write_text(text or VENDORS["vogent"].spec_path().read_text(encoding="utf-8"), encoding="utf-8")
    before = snapshot(tooling_copy)
    result = run_sdkgen(tooling_copy, "drift", "--vendor", "vogent", "--upstream", str(upstream), "--update")
    assert result.returncode == 3
    assert reason in result.stderr
    assert snapshot(tooling_copy) == before


@pytest.fixture
def pages_dir(tmp_path):
    directory = tmp_path / "pages"
    directory.mkdir()
    return directory
