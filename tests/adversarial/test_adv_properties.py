"""Property tests: responses generated from the vendored schemas, and request inputs generated around the rules.

Responses go over the loopback socket as the server's answer to a real clone, so they are parsed the way a caller
gets them. Request inputs, drawn from the request schemas too (text fields never hold lone surrogates: see the
surrogate rows of the bad-input table), either go out well-formed (the spec-validating server accepts them, byte for
byte as given) or are refused locally with ``InvalidInputError`` before any request is made.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from support import RespondAfterCreate
from support.app import load_spec
from support.audio import MP3_BYTES, WAV, wav_bytes
from support.drivers import FAKE_KEY
from support.vendors import VENDORS, Vendor

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EXTRA_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
"""Any JSON value, for the fields a schema does not list."""


def resolved(node: Any, spec: dict[str, Any]) -> Any:
    """``node`` with every local ``$ref`` replaced by what it points to, and OpenAPI's ``example`` dropped."""
    if isinstance(node, dict):
        if "$ref" in node:
            return resolved(spec["components"]["schemas"][node["$ref"].rpartition("/")[2]], spec)
        return {key: resolved(value, spec) for key, value in node.items() if key != "example"}
    if isinstance(node, list):
        return [resolved(item, spec) for item in node]
    return node


def response_schema(vendor: Vendor) -> dict[str, Any]:
    """The JSON schema of the vendor's success body, from the vendored spec."""
    spec = load_spec(vendor.name)
    schema: dict[str, Any] = resolved(spec["components"]["schemas"][vendor.schema], spec)
    return schema


def widened(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` accepting any string where it lists values, and properties it does not list."""
    wide = copy.deepcopy(schema)
    for prop in wide["properties"].values():
        prop.pop("enum", None)
    wide["additionalProperties"] = True
    return wide


def served_and_parsed(vendor: Vendor, server: Any, client: Any, body: dict[str, Any]) -> Any:
    """Clone for real, with the server answering ``body``; the voice as the front door returns it."""
    server.script(RespondAfterCreate(json=body))
    return client.clone_voice(**vendor.call(WAV, "property"))


@pytest.fixture
def client(vendor, server):
    """The vendor's sync front door on its loopback server, without retries."""
    with vendor.sync_type(api_key=FAKE_KEY, base_url=server.base_url, max_retries=0) as front_door:
        yield front_door


@SETTINGS
@given(data=st.data())
def test_responses_generated_from_the_schema_parse_and_round_trip(vendor, server, client, data, key_watch):
    schema = response_schema(vendor)
    body = data.draw(from_schema(schema), label="body")
    voice = served_and_parsed(vendor, server, client, body)
    assert isinstance(voice, vendor.model)
    assert voice.to_dict() == body
    assert voice.additional_properties == {key: value for key, value in body.items() if key not in schema["properties"]}
    for field, (attribute, _) in vendor.unknown_enums.items():
        assert getattr(voice, attribute).is_known, field
    key_watch.check(voice)


@SETTINGS
@given(data=st.data())
def test_unknown_enum_values_and_properties_parse_and_are_kept(vendor, server, client, data, key_watch):
    schema = response_schema(vendor)
    body = data.draw(from_schema(widened(schema)), label="body")
    extra = data.draw(
        st.dictionaries(st.text().filter(lambda key: key not in schema["properties"]), EXTRA_JSON, min_size=1),
        label="extra",
    )
    body = {**extra, **body}
    voice = served_and_parsed(vendor, server, client, body)
    assert voice.to_dict() == body
    assert voice.additional_properties == {key: value for key, value in body.items() if key not in schema["properties"]}
    for field, (attribute, _) in vendor.unknown_enums.items():
        member = getattr(voice, attribute)
        listed = schema["properties"][field]["enum"]
        assert (member.value, member.is_known) == (body[field], body[field] in listed)


def request_fields(vendor: Vendor) -> dict[str, dict[str, Any]]:
    """The JSON schemas of the vendor's multipart request fields, from the vendored spec."""
    spec = load_spec(vendor.name)
    path = "/clone-voice" if vendor.name == "retell" else "/voices/clone"
    body = spec["paths"][path]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    fields: dict[str, dict[str, Any]] = resolved(body, spec)["properties"]
    return fields


def text_field(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    """Text the front door must send: valid for ``schema`` and, as the front doors also require, not blank."""
    text: st.SearchStrategy[str] = from_schema(schema)  # type: ignore[assignment]  # a string schema gives strings
    return text.filter(str.strip)


def any_text(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    """Text for ``schema``'s field with its rules dropped (length, listed values), blank text, and any text around
    its length limit."""
    loose = {key: value for key, value in schema.items() if key not in ("enum", "minLength", "maxLength")}
    limit = schema.get("maxLength", 200)
    return st.one_of(
        from_schema(loose),
        st.text(st.sampled_from(" \t\n\r\x0b\x0c\x85\xa0\u2003\u3000"), max_size=4),
        st.text(min_size=limit - 5, max_size=limit + 5),
    )


AUDIO = st.one_of(
    st.binary(max_size=64).map(lambda data: wav_bytes(payload=data)),
    st.binary(max_size=32).map(lambda data: MP3_BYTES + data),
)
"""WAV and MP3 contents with random data: what a ``format: binary`` audio field should carry."""
PAYLOADS = st.one_of(AUDIO, st.binary(max_size=64), st.text(max_size=40).map(str.encode))
"""Any file contents: audio, random bytes (empty included), text."""


def sent_or_refused(vendor: Vendor, server: Any, client: Any, kwargs: dict[str, Any]) -> Any:
    """Call; return the request as the server's handler accepted it, or ``None`` when refused locally."""
    requests, accepted = len(server.requests), len(server.accepted)
    try:
        client.clone_voice(**kwargs)
    except vendor.package.InvalidInputError:
        assert len(server.requests) == requests, "refused, but only after sending"
        return None
    assert len(server.accepted) == accepted + 1
    return server.accepted[-1]


def valid_then_maybe_broken(
    data: st.DataObject, valid: dict[str, st.SearchStrategy[Any]], anything: dict[str, st.SearchStrategy[Any]]
) -> tuple[dict[str, Any], str | None]:
    """Arguments drawn within the rules, then at most one of them (the one returned) redrawn from ``anything``."""
    kwargs = {name: data.draw(strategy, label=name) for name, strategy in valid.items()}
    broken = data.draw(st.sampled_from([None, *anything]), label="redrawn")
    if broken is not None:
        kwargs[broken] = data.draw(anything[broken], label=f"{broken} redrawn")
    return kwargs, broken


@SETTINGS
@pytest.mark.parametrize("vendor", [VENDORS["retell"]], ids=["retell"])
@given(data=st.data())
def test_retell_request_inputs_go_out_well_formed_or_are_refused_locally(vendor, server, client, data):
    fields = request_fields(vendor)
    provider = data.draw(from_schema(fields["voice_provider"]), label="listed provider")
    most = 1 if provider in ("cartesia", "minimax") else 3
    kwargs, broken = valid_then_maybe_broken(
        data,
        {
            "files": st.lists(AUDIO, min_size=1, max_size=most),
            "voice_name": text_field(fields["voice_name"]),
            "voice_provider": st.just(provider),
        },
        {
            "files": st.one_of(
                st.lists(PAYLOADS, max_size=4), st.sampled_from([25, 26]).map(lambda count: [WAV] * count)
            ),
            "voice_name": any_text(fields["voice_name"]),
            "voice_provider": any_text(fields["voice_provider"]) | st.sampled_from(["openai", "inworld", "ElevenLabs"]),
        },
    )
    accepted = sent_or_refused(vendor, server, client, kwargs)
    assert accepted is not None or broken is not None, "valid arguments were refused"
    if accepted is not None:
        assert accepted.fields == {"voice_name": kwargs["voice_name"], "voice_provider": kwargs["voice_provider"]}
        assert [upload.data for upload in accepted.files] == kwargs["files"]


@SETTINGS
@pytest.mark.parametrize("vendor", [VENDORS["vogent"]], ids=["vogent"])
@given(data=st.data())
def test_vogent_request_inputs_go_out_well_formed_or_are_refused_locally(vendor, server, client, data):
    fields = request_fields(vendor)
    kwargs, broken = valid_then_maybe_broken(
        data,
        {
            "clip": AUDIO,
            "name": text_field(fields["name"]),
            "model": from_schema(fields["model"]),
            "transcription": st.none() | from_schema(fields["transcription"]),
        },
        {
            "clip": st.one_of(PAYLOADS, st.lists(AUDIO, max_size=2)),
            "name": any_text(fields["name"]),
            "model": any_text(fields["model"]) | st.sampled_from(["cartesia", "Csm", "CSM "]),
        },
    )
    accepted = sent_or_refused(vendor, server, client, kwargs)
    assert accepted is not None or broken is not None, "valid arguments were refused"
    if accepted is not None:
        transcription = kwargs.pop("transcription")
        sent = {"name": kwargs["name"], "model": kwargs["model"]}
        assert accepted.fields == sent | ({} if transcription is None else {"transcription": transcription})
        assert [upload.data for upload in accepted.files] == [kwargs["clip"]]
