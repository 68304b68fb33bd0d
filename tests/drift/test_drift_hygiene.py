"""Spec hygiene: the vendored specs are valid, and their own inconsistencies come out as warnings."""

from __future__ import annotations

import copy

import pytest
import yaml

from sdkgen.drift import hygiene
from sdkgen.drift.check import vendored_warnings
from sdkgen.drift.resolve import inline
from sdkgen.errors import SdkgenError
from sdkgen.vendors import VENDORS

VOGENT = yaml.safe_load(VENDORS["vogent"].spec_path().read_text(encoding="utf-8"))
REQUEST = "POST /voices/clone request[multipart/form-data]"


def warnings_for(spec):
    return [(warning.location, warning.message) for warning in hygiene.check(inline(spec, "spec"), "spec")]


def test_retell_description_promises_inworld_which_the_enum_lacks():
    (warning,) = vendored_warnings(VENDORS["retell"])
    assert warning.source == "specs/retell/openapi.yaml"
    assert warning.location == "POST /clone-voice request[multipart/form-data].files"
    assert "mentions Inworld, not in voice_provider's enum" in warning.message


def test_vogent_is_consistent():
    assert vendored_warnings(VENDORS["vogent"]) == []


def test_an_enum_value_named_in_the_description_silences_the_warning():
    spec = yaml.safe_load(VENDORS["retell"].spec_path().read_text(encoding="utf-8"))
    request = spec["paths"]["/clone-voice"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    request["properties"]["voice_provider"]["enum"].append("inworld")
    assert warnings_for(spec) == []


@pytest.mark.parametrize(
    ("edit", "location", "message"),
    [
        (lambda s: s["CloneVoiceInput"]["required"].append("speed"), REQUEST, "required lists 'speed'"),
        (
            lambda s: s["CloneVoiceInput"]["properties"]["name"].update(minLength=5, maxLength=2),
            f"{REQUEST}.name",
            "minLength 5 is above maxLength 2",
        ),
        (lambda s: s["VoiceModel"].update(example="OPENAI"), f"{REQUEST}.model", 'example "OPENAI" is not one'),
        (lambda s: s["VoiceModel"]["enum"].append("CSM"), f"{REQUEST}.model", 'enum lists "CSM" more than once'),
        (
            lambda s: s["CloneVoiceInput"]["properties"]["clip"].update(
                description="A clip for the Csm or Eleven model."
            ),
            f"{REQUEST}.clip",
            "mentions Eleven, not in model's enum (CARTESIA, CSM)",
        ),
    ],
    ids=["required-undefined", "bounds-crossed", "example-outside-enum", "duplicate-enum", "description-enum"],
)
def test_each_rule(edit, location, message):
    spec = copy.deepcopy(VOGENT)
    edit(spec["components"]["schemas"])
    (found,) = warnings_for(spec)
    assert found[0] == location
    assert message in found[1]


def test_an_invalid_vendored_spec_is_an_error(tooling_copy):
    spec_path = VENDORS["vogent"].spec_path(tooling_copy)
    spec_path.write_text(spec_path.read_text(encoding="utf-8").replace("\ninfo:\n", "\nabout:\n"))
    with pytest.raises(
        SdkgenError, match=r"specs/vogent/openapi\.yaml: not a valid OpenAPI document: 'info' is a required property"
    ):
        vendored_warnings(VENDORS["vogent"], tooling_copy)


def test_a_slip_the_generator_tolerates_is_a_hygiene_warning_of_the_vendored_spec(tooling_copy):
    spec_path = VENDORS["vogent"].spec_path(tooling_copy)
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec["components"]["schemas"]["CloneVoiceInput"]["required"] *= 2
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    warnings = vendored_warnings(VENDORS["vogent"], tooling_copy)
    (warning,) = [warning for warning in warnings if warning.source == "specs/vogent/openapi.yaml"]  # the page differs
    assert warning.location == "$.components.schemas.CloneVoiceInput"
    assert warning.message.startswith("spec-duplicate-required: required lists ")


@pytest.mark.parametrize(
    ("page_edit", "message"),
    [
        (lambda page: page.replace("Clone a voice from audio files\n", "Clone a voice\n"), "differs from specs/retell"),
        (lambda page: page.replace("````yaml", "```yaml"), "no OpenAPI block"),
    ],
    ids=["out-of-step", "no-block"],
)
def test_the_vendored_page_and_spec_must_agree(tooling_copy, page_edit, message):
    page = VENDORS["retell"].page_path(tooling_copy)
    page.write_text(page_edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    found = [w for w in vendored_warnings(VENDORS["retell"], tooling_copy) if w.source == "specs/retell/page.md"]
    assert [(w.location, message in w.message) for w in found] == [("OpenAPI block", True)]
