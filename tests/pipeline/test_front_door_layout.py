"""The front doors survive what a vendor's spec routinely does to the generator's layout: a retagged operation and
a renamed schema regenerate into a package whose front door still works, and an operation the front door needs that
the spec no longer has fails the generation, naming it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import SpecServer
from support.drivers import FAKE_KEY
from support.repository import copy_repository

from sdkgen.errors import SdkgenError
from sdkgen.generate import build_project
from sdkgen.vendors import discover

CALL = """
import sys
sys.path.insert(0, sys.argv[1])
import retell_client
from support.audio import wav_bytes
voice = retell_client.Retell(api_key=sys.argv[2], base_url=sys.argv[3]).clone_voice(
    [wav_bytes()], voice_name="relaid", voice_provider="elevenlabs"
)
print(retell_client._operations.clone_voice._endpoint, type(voice).__name__, voice.voice_name)
"""


def edited_build(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    root = copy_repository(tmp_path / "repo")
    spec = root / "specs" / "retell" / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    spec.write_text(text, encoding="utf-8")
    return build_project(discover(root)["retell"], tmp_path / "out", root)


@pytest.mark.slow
def test_a_retagged_operation_with_renamed_schemas_still_serves_the_front_door(
    tmp_path: Path, retell_server: SpecServer
) -> None:
    project = edited_build(
        tmp_path,
        ("      operationId: cloneVoice\n", "      operationId: cloneVoice\n      tags: [Voice]\n"),
        ("$ref: '#/components/schemas/VoiceResponse'", "$ref: '#/components/schemas/ClonedVoice'"),
        ("    VoiceResponse:\n", "    ClonedVoice:\n"),
    )
    assert (project / "retell_client" / "api" / "voice" / "clone_voice.py").is_file()
    assert not (project / "retell_client" / "api" / "default").exists()
    tests = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", CALL, str(project), FAKE_KEY, retell_server.base_url],
        capture_output=True, text=True, check=False, timeout=120, env={"PYTHONPATH": str(tests)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [".api.voice.clone_voice", "ClonedVoice", "relaid"]
    assert retell_server.created == {"relaid": 1}


@pytest.mark.slow
def test_an_operation_the_front_door_needs_that_the_spec_lost_fails_the_generation_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SdkgenError, match="the front door needs operationId cloneVoice") as caught:
        edited_build(tmp_path, ("operationId: cloneVoice", "operationId: createVoiceClone"))
    assert "createVoiceClone" in str(caught.value)
    assert "specs/retell/config.yaml" in str(caught.value)
