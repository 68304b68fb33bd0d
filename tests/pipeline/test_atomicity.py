"""Atomicity: a broken spec, a generator warning or an interrupted run leaves ``generated/`` as it was, and an
interrupted swap is recovered by the next run."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from support.repository import tree_digest

from sdkgen.errors import SdkgenError
from sdkgen.generate import generate
from sdkgen.vendors import VENDORS


def _corrupt(repo: Path, vendor: str, text: str) -> None:
    (repo / "specs" / vendor / "openapi.yaml").write_text(text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("spec_text", "reason"),
    [
        ("openapi: 3.0.3\ninfo: [unclosed\n", "does not parse"),
        ("openapi: 3.0.3\ninfo:\n  title: x\npaths: 7\n", "not a valid OpenAPI document"),
    ],
)
def test_a_broken_spec_leaves_generated_untouched_and_names_the_spec(scratch_repository, spec_text, reason):
    before = tree_digest(scratch_repository / "generated")
    _corrupt(scratch_repository, "vogent", spec_text)
    with pytest.raises(SdkgenError, match=reason) as caught:
        generate(list(VENDORS.values()), root=scratch_repository)
    assert "specs/vogent/openapi.yaml" in str(caught.value)
    assert tree_digest(scratch_repository / "generated") == before


@pytest.mark.slow
def test_a_generator_warning_is_an_error_and_leaves_generated_untouched(scratch_repository):
    spec_path = scratch_repository / "specs" / "vogent" / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec["paths"]["/unsupported"] = {
        "post": {
            "operationId": "unsupported",
            "requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}},
            "responses": {"200": {"description": "ok"}},
        }
    }
    spec_path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    before = tree_digest(scratch_repository / "generated")
    with pytest.raises(SdkgenError, match="Unsupported content type"):
        generate([VENDORS["vogent"]], root=scratch_repository)
    assert tree_digest(scratch_repository / "generated") == before


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_generation_leaves_generated_untouched(scratch_repository, sig):
    before = tree_digest(scratch_repository / "generated")
    script = (
        "import sys; from pathlib import Path; from sdkgen.generate import generate; "
        "from sdkgen.vendors import VENDORS; "
        "generate(list(VENDORS.values()), root=Path(sys.argv[1]))"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(scratch_repository)])
    deadline = time.monotonic() + 60
    # Interrupt once the generator is running, i.e. once the first scratch project has appeared.
    while not list((scratch_repository / "generated").glob(".sdkgen-*/retell/retell-client")):
        assert process.poll() is None, "generation finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(sig)
    process.wait(timeout=60)
    committed = {
        path: digest for path, digest in tree_digest(scratch_repository / "generated").items() if path[0] != "."
    }
    assert committed == before
    generate([VENDORS["vogent"]], root=scratch_repository)
    assert not list((scratch_repository / "generated").glob(".sdkgen-*"))
    assert tree_digest(scratch_repository / "generated") == before


@pytest.mark.slow
def test_an_interrupted_swap_is_recovered_on_the_next_run(scratch_repository):
    generated = scratch_repository / "generated"
    before = tree_digest(generated)
    (generated / "retell-client").rename(generated / ".retell-client.previous")
    generate([VENDORS["vogent"]], root=scratch_repository)
    assert tree_digest(generated) == before
