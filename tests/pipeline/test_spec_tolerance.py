"""Tolerance that tells the truth: a spec that openapi-spec-validator rejects for a slip openapi-python-client reads
past generates once config.yaml accepts the slip's warning, named by its rule, with a reason; unaccepted, it fails
naming the rule and the place. Whatever else the validator rejects stays an error, and ``python -m sdkgen generate``
ends with an error naming the file, never a traceback, on broken inputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from support.edited import build_edited, edit_vendor
from support.repository import run_sdkgen, tree_digest

from sdkgen.errors import SdkgenError
from sdkgen.specs import validate_spec
from sdkgen.vendors import ROOT

VOICE = "$.components.schemas.VoiceResponse"


def _voice(spec: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"]["VoiceResponse"]
    return schema


def _add_property(schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def edit(spec: dict[str, Any]) -> None:
        _voice(spec)["properties"]["likes"] = schema

    return edit


def _as_31(edit: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit_31(spec: dict[str, Any]) -> None:
        spec["openapi"] = "3.1.0"
        edit(spec)

    return edit_31


SLIPS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown-schema-key": (
        _add_property({"type": "string", "nullabel": True}),
        f"sdkgen spec-unknown-schema-key at {VOICE}.properties.likes: 'nullabel' is not a field of OpenAPI 3.0 schemas",
    ),
    "boolean-exclusive-bound-in-3.1": (
        _as_31(_add_property({"type": "integer", "minimum": 0, "exclusiveMinimum": True})),
        f"sdkgen spec-exclusive-bound-form at {VOICE}.properties.likes: exclusiveMinimum: true is OpenAPI 3.0's form",
    ),
    "numeric-exclusive-bound-in-3.0": (
        _add_property({"type": "integer", "exclusiveMaximum": 100}),
        f"sdkgen spec-exclusive-bound-form at {VOICE}.properties.likes: exclusiveMaximum: 100 is OpenAPI 3.1's form",
    ),
    "invalid-default": (
        _add_property({"type": "integer", "default": "5"}),
        f"sdkgen spec-invalid-default at {VOICE}.properties.likes: default '5' does not match its schema: "
        "'5' is not of type 'integer'",
    ),
    "duplicate-required": (
        lambda spec: _voice(spec)["required"].append("voice_id"),
        f"sdkgen spec-duplicate-required at {VOICE}: required lists 'voice_id' more than once",
    ),
    "unknown-parameter-key": (
        lambda spec: (
            spec["paths"]["/clone-voice"]["post"]
            .setdefault("parameters", [])
            .append({"name": "trace", "in": "query", "schema": {"type": "string"}, "allOf": [{"type": "string"}]})
        ),
        "sdkgen spec-unknown-parameter-key at $.paths./clone-voice.post.parameters[0]: 'allOf' is not a field of "
        "Parameter Objects",
    ),
    "duplicate-operation-id": (
        lambda spec: spec["paths"].update(_listing("/agents", "agents"), **_listing("/calls", "calls")),
        "sdkgen spec-duplicate-operation-id at $.paths./calls.get: operationId 'list' is also that of "
        "$.paths./agents.get",
    ),
}


def _listing(path: str, tag: str) -> dict[str, Any]:
    """``GET path`` with the operationId ``list``, under ``tag``: as specs made by Fern name every tag's listing."""
    answer = {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {}}}}}
    return {path: {"get": {"operationId": "list", "tags": [tag], "responses": {"200": answer}}}}


def _accept(*matches: str) -> Callable[[dict[str, Any]], None]:
    def edit(config: dict[str, Any]) -> None:
        config["accepted_warnings"] = [{"match": match, "reason": "the vendor's slip, read past"} for match in matches]

    return edit


def _edited_spec(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "specs" / "retell" / "openapi.yaml").read_text(encoding="utf-8"))
    edit(spec)
    return spec


@pytest.mark.parametrize("slip", SLIPS)
def test_each_slip_is_one_the_validator_rejects(slip: str) -> None:
    with pytest.raises(OpenAPIValidationError):
        validate(_edited_spec(SLIPS[slip][0]))


@pytest.mark.slow
@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_fails_generation_naming_its_rule_and_place_until_config_yaml_accepts_it(
    slip: str, tmp_path: Path
) -> None:
    edit, warning = SLIPS[slip]
    with pytest.raises(SdkgenError) as caught:
        build_edited(tmp_path / "refused", "retell", spec=edit)
    message = str(caught.value)
    assert message.startswith("specs/retell/openapi.yaml: 1 warning(s) not accepted; fix the spec, or accept each")
    assert f"\n  {warning}" in message
    rule = warning.split()[1]
    project = build_edited(tmp_path / "accepted", "retell", spec=edit, config=_accept(rule))
    assert (project / "retell_client" / "models" / "voice_response.py").is_file()


@pytest.mark.slow
def test_operations_sharing_an_operation_id_are_each_keyed_by_their_tag_module(tmp_path: Path) -> None:
    edit = SLIPS["duplicate-operation-id"][0]
    project = build_edited(tmp_path, "retell", spec=edit, config=_accept("spec-duplicate-operation-id"))
    registry = (project / "retell_client" / "_operations.py").read_text(encoding="utf-8")
    for tag in ("agents", "calls"):
        assert f"{tag}_list_: Operation[" in registry
        assert f"'{tag}.list': {tag}_list_" in registry or f'"{tag}.list": {tag}_list_' in registry
        assert (project / "retell_client" / "api" / tag / "list_.py").is_file()
    assert '"cloneVoice": clone_voice' in registry, "an operationId used once keeps its name"


def test_keys_inside_an_extension_may_be_any_yaml_key(tmp_path: Path) -> None:
    spec = _edited_spec(lambda spec: spec["info"].update({"x-flags": {False: "off", 201: "created"}}))
    assert validate_spec(spec, "specs/retell/openapi.yaml") == []


def test_an_x_prefixed_name_is_a_name_not_an_extension_so_its_keys_are_checked() -> None:
    def numbered(spec: dict[str, Any]) -> None:
        _voice(spec)["properties"]["x-meta"] = {"type": "object", "properties": {201: {"type": "string"}}}

    with pytest.raises(SdkgenError, match=r"key 201 at \$.components.schemas.VoiceResponse.properties.x-meta"):
        validate_spec(_edited_spec(numbered), "specs/retell/openapi.yaml")


@pytest.mark.slow
def test_one_operation_id_twice_under_one_tag_is_an_error_naming_both(tmp_path: Path) -> None:
    def twice(spec: dict[str, Any]) -> None:
        spec["paths"].update(_listing("/agents", "agents"), **_listing("/calls", "agents"))

    with pytest.raises(SdkgenError) as caught:
        build_edited(tmp_path, "retell", spec=twice, config=_accept("spec-duplicate-operation-id"))
    assert str(caught.value) == (
        "specs/retell/openapi.yaml: GET /agents and GET /calls would both be written to api.agents.list_.py (the same "
        "operationId under the same tag), one over the other: give them distinct operationIds or tags"
    )


def test_an_invalid_document_names_the_deepest_reason_and_its_place_not_the_whole_schema() -> None:
    def empty_enum(spec: dict[str, Any]) -> None:
        _voice(spec)["properties"]["tone"] = {"oneOf": [{"type": "string", "enum": []}, {"type": "string"}]}

    with pytest.raises(SdkgenError) as caught:
        validate_spec(_edited_spec(empty_enum), "specs/retell/openapi.yaml")
    assert str(caught.value) == (
        "specs/retell/openapi.yaml: not a valid OpenAPI document: [] should be non-empty "
        f"(at {VOICE}.properties.tone.oneOf[0].enum)"
    )


@pytest.mark.slow
def test_the_generator_is_given_the_spec_as_written(tmp_path: Path) -> None:
    project = build_edited(tmp_path, "retell", spec=SLIPS["invalid-default"][0], config=_accept("spec-invalid-default"))
    model = (project / "retell_client" / "models" / "voice_response.py").read_text(encoding="utf-8")
    assert "likes: int | Unset = 5" in model, "openapi-python-client converted the vendor's '5'"


@pytest.mark.slow
def test_a_default_the_generator_cannot_read_needs_its_warning_accepted_too(tmp_path: Path) -> None:
    edit = _add_property({"type": "integer", "default": "many"})
    with pytest.raises(SdkgenError) as caught:
        build_edited(tmp_path / "one", "retell", spec=edit, config=_accept("spec-invalid-default"))
    assert "openapi-python-client: Unable to process schema /components/schemas/VoiceResponse" in str(caught.value)
    assert "Invalid int value: many" in str(caught.value)
    assert "spec-invalid-default" not in str(caught.value), "accepted"


@pytest.mark.slow
def test_an_accepted_slip_that_no_longer_occurs_fails_generation(tmp_path: Path) -> None:
    with pytest.raises(SdkgenError, match=r"accepted_warnings lists 'spec-duplicate-required', which no longer occurs"):
        build_edited(tmp_path, "retell", config=_accept("spec-duplicate-required"))


def _slip_and_a_typo(spec: dict[str, Any]) -> None:
    SLIPS["duplicate-required"][0](spec)
    _voice(spec)["properties"]["age"]["type"] = "strin"


def test_what_else_the_validator_rejects_stays_an_error_whatever_is_accepted(tmp_path: Path) -> None:
    with pytest.raises(SdkgenError) as caught:
        build_edited(tmp_path, "retell", spec=_slip_and_a_typo, config=_accept("spec-"))
    assert str(caught.value).startswith("specs/retell/openapi.yaml: not a valid OpenAPI document: ")
    assert "warning" not in str(caught.value)


BROKEN: dict[str, tuple[str, str, str]] = {
    "unaccepted-slip": ("openapi.yaml", "", "specs/retell/openapi.yaml: 1 warning(s) not accepted"),
    "alias-inside-itself": (
        "openapi.yaml",
        'openapi: 3.0.3\ninfo: &i {title: x, version: "1", x-self: *i}\npaths: {}\n',
        "specs/retell/openapi.yaml: not a valid OpenAPI document: at $.info.x-self, a YAML alias repeats a node",
    ),
    "too-deep": (
        "openapi.yaml",
        '{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}, "x": '
        + "[" * 10**5
        + "]" * 10**5
        + "}",
        "specs/retell/openapi.yaml: the OpenAPI document does not parse: it nests too deep",
    ),
    "ref-to-itself": (
        "openapi.yaml",
        'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n'
        "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}\n"
        "components: {schemas: {A: {$ref: '#/components/schemas/A'}}}\n",
        "specs/retell/openapi.yaml: not a valid OpenAPI document: it nests too deep to check, or a $ref leads back",
    ),
    "openapi-3.2": (
        "openapi.yaml",
        "3.2.0",
        "specs/retell/openapi.yaml: openapi-python-client failed: Failed to parse OpenAPI document",
    ),
    "config-does-not-parse": ("config.yaml", "package: [\n", "specs/retell/config.yaml: does not parse"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", BROKEN)
def test_python_m_sdkgen_generate_ends_broken_inputs_with_an_error_naming_the_file(
    case: str, tooling_copy: Path
) -> None:
    name, text, error = BROKEN[case]
    if case == "unaccepted-slip":
        edit_vendor(tooling_copy, "retell", spec=SLIPS["duplicate-required"][0])
    elif case == "openapi-3.2":
        edit_vendor(tooling_copy, "retell", spec=lambda spec: spec.update(openapi=text))
    else:
        (tooling_copy / "specs" / "retell" / name).write_text(text, encoding="utf-8")
    before = tree_digest(tooling_copy / "generated")
    result = run_sdkgen(tooling_copy, "generate")
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(f"error: {error}"), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(tooling_copy / "generated") == before
