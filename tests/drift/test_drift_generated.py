"""Part one: ``python -m sdkgen drift`` catches hand edits in generated/ and overlay changes not yet regenerated."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sdkgen.drift.generated import as_text, stale_files
from sdkgen.vendors import VENDORS

pytestmark = pytest.mark.slow


def test_every_kind_of_staleness_is_listed_with_an_excerpt(tooling_copy):
    retell = tooling_copy / "generated" / "retell-client" / "retell_client"
    vogent = tooling_copy / "generated" / "vogent-client" / "vogent_client"
    hand_edited = retell / "models" / "voice_response.py"
    hand_edited.write_text(hand_edited.read_text(encoding="utf-8").replace("voice_id: str", "voice_id: int"))
    (retell / "notes.txt").write_text("scratch\n")
    (vogent / "py.typed").unlink()
    overlay = tooling_copy / "overlays" / "vogent" / "package" / "_patch.py"
    overlay.write_text(overlay.read_text(encoding="utf-8") + "\nPATCHED = True\n")
    (retell / "__pycache__").mkdir(exist_ok=True)
    (retell / "__pycache__" / "client.cpython-311.pyc").write_bytes(b"cache")

    stale = stale_files(list(VENDORS.values()), tooling_copy)

    found = {(file.status, file.path) for files in stale.values() for file in files}
    assert found == {
        ("modified", "generated/retell-client/retell_client/models/voice_response.py"),
        ("unexpected", "generated/retell-client/retell_client/notes.txt"),
        ("missing", "generated/vogent-client/vogent_client/py.typed"),
        ("modified", "generated/vogent-client/vogent_client/_patch.py"),
    }
    excerpt = next(file.excerpt for file in stale["retell"] if file.status == "modified")
    assert "-    voice_id: int" in excerpt and "+    voice_id: str" in excerpt
    text = as_text(stale)
    assert "retell: generated code is STALE: 2 file(s) differ" in text
    assert "fix: python -m sdkgen generate vogent" in text


def test_command_exits_0_when_clean_and_1_when_stale(tooling_copy):
    def drift() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "sdkgen", "drift"]
        return subprocess.run(command, cwd=tooling_copy, capture_output=True, text=True, timeout=300, check=False)

    clean = drift()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "retell: generated code is up to date" in clean.stdout
    assert "Inworld" in clean.stdout, "the vendored specs' hygiene warnings are printed"

    spec_module = tooling_copy / "generated" / "vogent-client" / "vogent_client" / "_spec.py"
    spec_module.write_text(spec_module.read_text(encoding="utf-8").replace("api.vogent.ai", "example.com"))
    stale = drift()
    assert stale.returncode == 1
    assert "modified: generated/vogent-client/vogent_client/_spec.py" in stale.stdout
    assert '+DEFAULT_BASE_URL = "https://api.vogent.ai/api"' in stale.stdout
