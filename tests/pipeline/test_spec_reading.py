"""What sdkgen reads from a spec for the clients besides the generator's output: where each operation carries the
key (``sdkgen.auth``), which media types are bytes and what each operation's ``Accept`` says (``sdkgen.media``)."""

from __future__ import annotations

from typing import Any

import pytest

from sdkgen import auth, media
from sdkgen.errors import SdkgenError

SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "xi": {"type": "apiKey", "in": "header", "name": "xi-api-key"},
    "q": {"type": "apiKey", "in": "query", "name": "key"},
    "oauth": {"type": "oauth2", "flows": {}},
}


def spec(top_security: object, operation: dict[str, Any] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "components": {"securitySchemes": dict(SCHEMES)},
        "paths": {"/a": {"get": {"operationId": "a", **(operation or {})}}},
    }
    if top_security is not None:
        document["security"] = top_security
    return document


@pytest.mark.parametrize(
    ("security", "operation", "expected"),
    [
        pytest.param([{"xi": []}], {}, ("header", "xi-api-key", ""), id="inherits-the-top-level"),
        pytest.param([{"xi": []}], {"security": []}, None, id="empty-security-sends-no-key"),
        pytest.param([{"xi": []}], {"security": [{}]}, None, id="only-anonymous-sends-no-key"),
        pytest.param([{"xi": []}], {"security": [{}, {"q": []}]}, ("query", "key", ""), id="optional-key-is-sent"),
        pytest.param([{"xi": []}], {"security": [{"oauth": []}, {"bearer": []}]}, auth.BEARER, id="supported-one"),
        pytest.param([{"xi": []}], {"security": [{"oauth": []}]}, ("header", "xi-api-key", ""), id="oauth-only"),
        pytest.param([{"oauth": []}, {"q": []}], {}, ("query", "key", ""), id="top-level-alternative"),
        pytest.param([], {}, None, id="top-level-empty-security-sends-no-key"),
        pytest.param([], {"security": [{"xi": []}]}, ("header", "xi-api-key", ""), id="own-security-under-empty"),
    ],
)
def test_each_operation_carries_the_key_where_its_security_says(
    security: object, operation: dict[str, Any], expected: auth.Placement | None
) -> None:
    document = spec(security, operation)
    assert auth.Security(document, "spec.yaml").of(document["paths"]["/a"]["get"]) == expected


def test_every_placement_is_listed_for_redaction_the_default_first() -> None:
    document = spec([{"xi": []}], {"security": [{"bearer": []}]})
    assert auth.Security(document, "spec.yaml").placements() == (("header", "xi-api-key", ""), auth.BEARER)


def test_a_spec_whose_only_scheme_cannot_carry_a_key_is_an_error_naming_it() -> None:
    document = spec([{"oauth": []}])
    document["components"]["securitySchemes"] = {"oauth": SCHEMES["oauth"]}
    with pytest.raises(SdkgenError, match=r"spec\.yaml: security scheme 'oauth' \(oauth2\) is not supported"):
        auth.Security(document, "spec.yaml").default()


def test_auth_in_config_yaml_is_where_every_operation_that_needs_security_carries_the_key() -> None:
    document = spec([{"oauth": []}], {"security": [{"bearer": []}]})
    document["paths"]["/b"] = {"get": {"operationId": "b", "security": []}, "put": {"operationId": "c"}}
    configured = ("query", "api_key", "")
    security = auth.Security(document, "spec.yaml", configured)
    operations = [document["paths"]["/a"]["get"], *document["paths"]["/b"].values()]
    assert [security.of(operation) for operation in operations] == [configured, None, configured]
    assert security.placements() == (configured,)
    assert security.describe() == "`?api_key=<key>` query parameter"


@pytest.mark.parametrize(
    ("media_type", "binary"),
    [
        ("audio/mpeg", True),
        ("audio/wav; codecs=1", True),
        ("application/octet-stream", True),
        ("image/png", True),
        ("application/json", False),
        ("application/problem+json", False),
        ("text/plain; charset=utf-8", False),
        ("multipart/form-data", False),
        ("application/x-www-form-urlencoded", False),
        ("application/xml", False),
        ("*/*", False),
        ("application/*", False),
        ("audio/*", True),
    ],
)
def test_binary_media_types_are_those_read_as_bytes(media_type: str, binary: bool) -> None:
    assert media.is_binary(media_type) is binary


def test_binary_types_become_octet_stream_for_the_generator_and_get_a_schema_when_they_have_none() -> None:
    document = spec(None, {"responses": {"200": {"$ref": "#/components/responses/Speech"}}})
    document["components"]["responses"] = {"Speech": {"description": "d", "content": {"audio/wav": {}}}}
    document["paths"]["/a"]["get"]["requestBody"] = {"content": {"audio/mpeg": {"schema": {"type": "string"}}}}
    assert media.content_type_overrides(document) == {"audio/wav": "application/octet-stream",
                                                      "audio/mpeg": "application/octet-stream"}  # fmt: skip
    prepared = media.for_generator(document, media.content_type_overrides(document))
    assert prepared["components"]["responses"]["Speech"]["content"]["audio/wav"] == {"schema": media.BYTES_SCHEMA}
    assert prepared["paths"]["/a"]["get"]["requestBody"]["content"]["audio/mpeg"] == {"schema": {"type": "string"}}
    assert document["components"]["responses"]["Speech"]["content"]["audio/wav"] == {}, "the spec is not changed"


@pytest.mark.parametrize(
    ("content", "accept"),
    [
        ({}, "application/json"),
        ({"application/json": {}}, "application/json"),
        ({"audio/mpeg": {}}, "audio/mpeg, application/json;q=0.5"),
        ({"audio/mpeg": {}, "audio/wav": {}}, "audio/mpeg, audio/wav, application/json;q=0.5"),
        ({"application/json": {}, "text/csv": {}}, "application/json, text/csv"),
    ],
)
def test_accept_lists_what_the_2xx_answers_document(content: dict[str, Any], accept: str) -> None:
    operation = {"responses": {"200": {"description": "d", "content": content}, "400": {"content": {"x/y": {}}}}}
    assert media.accept(operation, {}) == accept


def test_a_binary_media_type_is_read_as_bytes_only_where_every_body_of_it_is_bytes() -> None:
    model = {"schema": {"$ref": "#/components/schemas/Voice"}}
    document = spec(None, {"responses": {"200": {"description": "d", "content": {
        "audio/mpeg": {"schema": {"type": "string", "format": "binary"}},
        "application/x-ndjson": {"schema": {"type": "object"}},
        "*/*": model,
        "audio/*": {},
    }}}})  # fmt: skip
    document["paths"]["/b"] = {"get": {"responses": {"200": {"description": "d", "content": {"audio/wav": model}}}}}
    document["paths"]["/c"] = {"get": {"responses": {"200": {"description": "d", "content": {"audio/wav": {}}}}}}
    assert media.content_type_overrides(document) == {"audio/mpeg": "application/octet-stream",
                                                      "audio/*": "application/octet-stream"}  # fmt: skip
    prepared = media.for_generator(document, media.content_type_overrides(document))
    assert prepared["paths"]["/c"]["get"]["responses"]["200"]["content"]["audio/wav"] == {}, "audio/wav is left"
    assert prepared["paths"]["/a"]["get"]["responses"]["200"]["content"]["audio/*"] == {"schema": media.BYTES_SCHEMA}
