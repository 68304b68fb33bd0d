"""What the package root offers: the front doors, errors, models and enums (loaded on first use), File, UNSET,
the version; and how a model with an unset field and an unknown enum value look."""

from __future__ import annotations

import subprocess
import sys

import pytest
import retell_client
import vogent_client

from sdkgen.vendors import VENDORS


@pytest.mark.parametrize("package", [retell_client, vogent_client])
def test_every_name_in_all_is_importable_from_the_root(package) -> None:
    for name in package.__all__:
        assert getattr(package, name) is not None, name
    for name in ("File", "UNSET", "Unset", "APIResponse", "NOT_GIVEN", "__version__", "open_files", "APIStatusError"):
        assert name in package.__all__


def test_models_and_enums_import_from_the_root() -> None:
    from retell_client import CloneVoiceBodyVoiceProvider, VoiceResponse  # noqa: PLC0415
    from vogent_client import AIVoice, VoiceModel  # noqa: PLC0415

    assert VoiceResponse.__module__ == "retell_client.models.voice_response"
    assert {CloneVoiceBodyVoiceProvider.ELEVENLABS.value, VoiceModel.CSM.value} == {"elevenlabs", "CSM"}
    assert AIVoice.__name__ == "AIVoice"
    with pytest.raises(AttributeError, match="NoSuchModel"):
        retell_client.NoSuchModel  # noqa: B018


def test_importing_the_package_loads_no_model_until_one_is_used() -> None:
    probe = "import sys, retell_client; print(any(m.startswith('retell_client.models.') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"


@pytest.mark.parametrize("vendor", VENDORS.values(), ids=list(VENDORS))
def test_the_version_is_the_one_in_the_config(vendor) -> None:
    package = {"retell": retell_client, "vogent": vogent_client}[vendor.name]
    assert package.__version__ == vendor.config().version
    assert package.__title__ == vendor.project


def test_unset_fields_and_unknown_enum_values_read_well() -> None:
    assert repr(retell_client.UNSET) == "UNSET"
    voice = vogent_client.AIVoice.from_dict(
        {"id": "v1", "name": "n", "voiceType": "cloned", "voiceTier": "ULTRA", "description": None}
    )
    assert "UNSET" in repr(voice) or "None" in repr(voice)
    assert "object at 0x" not in repr(voice)
    assert not voice.voice_tier.is_known
    assert (voice.voice_tier.name, voice.voice_tier.value) == ("UNKNOWN", "ULTRA")
    assert vogent_client.VoiceTier("STANDARD").is_known
