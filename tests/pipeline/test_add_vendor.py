"""``python -m sdkgen add-vendor``: a vendor's spec as published becomes a generated package whose scaffolded front
door is the client of every generated function, with the key where the spec says; a spec that cannot be used
leaves nothing behind."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.repository import run_sdkgen, tree_digest

KEY = "sk-acme-scaffold-51c0"
TESTS = Path(__file__).resolve().parents[1]

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Acme Voice API", "version": "1.4"},
    "security": [{"ApiKey": []}],
    "paths": {
        "/v1/voices": {
            "get": {
                "operationId": "listVoices",
                "tags": ["voices"],
                "responses": {"200": {"description": "The voices.", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Voice"}}}}}},
            }
        },
        "/v1/text-to-speech/{voiceId}": {
            "post": {
                "operationId": "textToSpeech",
                "tags": ["speech"],
                "parameters": [{"name": "voiceId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}}}},
                "responses": {"200": {"description": "The audio.", "content": {"audio/mpeg": {}}}},
            }
        },
        "/v1/health": {
            "get": {
                "operationId": "health",
                "security": [],
                "responses": {"200": {"description": "Up.", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"ok": {"type": "boolean"}}}}}}},
            }
        },
    },
    "components": {
        "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "xi-api-key"}},
        "schemas": {
            "Voice": {
                "type": "object",
                "required": ["voice_id"],
                "properties": {"voice_id": {"type": "string"}, "name": {"type": "string", "nullabel": True}},
            }
        },
    },
}  # fmt: skip
"""An API shaped like the real ones: no ``servers``, an API-key header of its own, an MP3 answer documented without
a schema, a camelCase path parameter, an open operation, and a slip only the validator minds (``nullabel``)."""

USE = """
import asyncio, json, os, sys
from support.canned import Canned, CannedServer

with CannedServer() as server:
    os.environ["ACME_BASE_URL"] = server.base_url
    import acme_client
    from acme_client.api.default import health
    from acme_client.api.speech import text_to_speech
    from acme_client.api.voices import list_voices

    server.answer("POST", "/v1/text-to-speech/v1", Canned(200, b"ID3-audio", (("Content-Type", "audio/mpeg"),)))
    server.answer("GET", "/v1/voices", Canned.json(200, [{"voice_id": "a"}]))
    server.answer("GET", "/v1/health", Canned.json(200, {"ok": True}))
    with acme_client.Acme() as client:
        audio = text_to_speech.sync(client=client, voice_id="v1", body=acme_client.TextToSpeechBody(text="hi"))
        voices = list_voices.sync(client=client)
        up = health.sync(client=client)

    async def listed():
        async with acme_client.AsyncAcme() as client:
            return await list_voices.asyncio(client=client)

    again = asyncio.run(listed())
    server.answer("GET", "/v1/voices", Canned.json(401, {"detail": "bad key " + os.environ["ACME_API_KEY"]}))
    try:
        with acme_client.Acme() as client:
            list_voices.sync(client=client)
    except acme_client.AuthenticationError as error:
        refused = str(error)
    print(json.dumps({
        "audio": audio.payload.read().decode(), "voices": [v.voice_id for v in voices + again], "up": up.ok,
        "refused": refused,
        "sent": [[r.method, r.path, r.headers.get("xi-api-key"), r.headers.get("Authorization"), r.headers["Accept"]]
                 for r in server.requests],
    }))
"""


def _write_spec(directory: Path, spec: dict[str, Any]) -> Path:
    path = directory / "acme-openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def _use(project: Path) -> dict[str, Any]:
    env = {**os.environ, "ACME_API_KEY": KEY, "PYTHONPATH": os.pathsep.join([str(project), str(TESTS)])}
    env.pop("ACME_BASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", USE], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    used: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return used


@pytest.mark.slow
def test_a_published_spec_becomes_a_package_whose_front_door_serves_every_generated_function(
    tooling_copy: Path, tmp_path: Path
) -> None:
    spec = _write_spec(tmp_path, SPEC)
    added = run_sdkgen(tooling_copy, "add-vendor", "acme", "--spec", str(spec), "--base-url",
                       "https://api.acme.example/", "--accept-warnings")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "generated generated/acme-client" in added.stdout
    config = yaml.safe_load((tooling_copy / "specs/acme/config.yaml").read_text(encoding="utf-8"))
    assert config["base_url"] == "https://api.acme.example/"
    (slip,) = config["accepted_warnings"]
    assert slip["match"].startswith("sdkgen spec-unknown-schema-key at $.components.schemas.Voice.properties.name")
    assert slip["reason"]
    project = tooling_copy / "generated" / "acme-client"
    assert 'DEFAULT_BASE_URL = "https://api.acme.example"' in (project / "acme_client" / "_spec.py").read_text()
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "from acme_client.api.default import health" in readme and "ACME_API_KEY" in readme
    used = _use(project)
    assert used["audio"] == "ID3-audio"
    assert used["voices"] == ["a", "a"]
    assert used["up"] is True
    assert KEY not in str(used["refused"]) and "[redacted]" in str(used["refused"])
    assert used["sent"] == [
        ["POST", "/v1/text-to-speech/v1", KEY, None, "audio/mpeg, application/json;q=0.5"],
        ["GET", "/v1/voices", KEY, None, "application/json"],
        ["GET", "/v1/health", None, None, "application/json"],
        ["GET", "/v1/voices", KEY, None, "application/json"],
        ["GET", "/v1/voices", KEY, None, "application/json"],
    ]
    regenerated = run_sdkgen(tooling_copy, "generate", "acme")
    assert regenerated.returncode == 0, regenerated.stderr


@pytest.mark.slow
def test_a_warning_not_accepted_is_listed_and_nothing_is_kept(tooling_copy: Path, tmp_path: Path) -> None:
    before = tree_digest(tooling_copy)
    spec = _write_spec(tmp_path, SPEC)
    refused = run_sdkgen(tooling_copy, "add-vendor", "acme", "--spec", str(spec), "--base-url", "https://acme.example")
    assert refused.returncode == 3
    assert "Traceback" not in refused.stderr
    assert "1 warning(s) not accepted" in refused.stderr
    assert "spec-unknown-schema-key at $.components.schemas.Voice.properties.name" in refused.stderr
    assert "--accept-warnings" in refused.stderr
    assert tree_digest(tooling_copy) == before


@pytest.mark.parametrize(
    ("arguments", "spec", "message"),
    [
        pytest.param(
            ("acme",), SPEC, "no servers, so no base URL: pass --base-url with the API's URL", id="no-servers"
        ),
        pytest.param(("Acme_2",), SPEC, "vendor name 'Acme_2' must be lower-case letters and digits", id="bad-name"),
        pytest.param(("retell",), SPEC, "specs/retell exists already: vendor 'retell' has been added", id="taken"),
        pytest.param(
            ("acme", "--base-url", "https://acme.example"),
            {
                **SPEC,
                "components": {
                    **SPEC["components"],
                    "securitySchemes": {
                        "ApiKey": {
                            "type": "oauth2",
                            "flows": {"clientCredentials": {"tokenUrl": "https://acme.example/t", "scopes": {}}},
                        }
                    },
                },
            },
            "security scheme 'ApiKey' (oauth2) is not supported",
            id="oauth-only",
        ),
        pytest.param(
            ("acme", "--base-url", "https://acme.example"),
            {**SPEC, "paths": {"/x": {"get": {"responses": {"20": {"description": "?"}}}}}},
            "not a valid OpenAPI document",
            id="invalid",
        ),
    ],
)
def test_what_cannot_be_used_is_refused_before_anything_is_written(
    tooling_copy: Path, tmp_path: Path, arguments: tuple[str, ...], spec: dict[str, Any], message: str
) -> None:
    before = tree_digest(tooling_copy)
    name, *options = arguments
    result = run_sdkgen(tooling_copy, "add-vendor", name, "--spec", str(_write_spec(tmp_path, spec)), *options)
    assert result.returncode == 3, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(tooling_copy) == before


def _without_schemes() -> dict[str, Any]:
    """SPEC as ElevenLabs publishes its own: no security scheme, the key a header parameter of each operation."""
    spec = copy.deepcopy(SPEC)
    del spec["components"]["securitySchemes"], spec["security"]
    key = {"name": "xi-api-key", "in": "header", "required": False, "schema": {"type": "string"}}
    for item in spec["paths"].values():
        for operation in item.values():
            operation.setdefault("parameters", []).append(dict(key))
    return spec


@pytest.mark.slow
def test_a_spec_without_security_schemes_takes_the_key_header_from_the_command(
    tooling_copy: Path, tmp_path: Path
) -> None:
    spec = _write_spec(tmp_path, _without_schemes())
    common = ("--spec", str(spec), "--base-url", "https://acme.example", "--accept-warnings")
    unsaid = run_sdkgen(tooling_copy, "add-vendor", "plain", *common)
    assert unsaid.returncode == 0, unsaid.stderr
    assert "declares no security scheme, so the key goes in 'Authorization: Bearer'" in unsaid.stdout
    assert "look like a key: xi-api-key" in unsaid.stdout
    said = run_sdkgen(tooling_copy, "add-vendor", "acme", *common, "--auth-header", "xi-api-key")
    assert said.returncode == 0, said.stderr
    assert "declares no security scheme" not in said.stdout
    config = yaml.safe_load((tooling_copy / "specs/acme/config.yaml").read_text(encoding="utf-8"))
    assert config["auth"] == {"in": "header", "name": "xi-api-key", "prefix": ""}
    sent = _use(tooling_copy / "generated" / "acme-client")["sent"]
    open_to_all = [None, None]  # health's security is [] in the spec: no key, whatever config.yaml says
    assert [request[2:4] for request in sent] == [[KEY, None], [KEY, None], open_to_all, [KEY, None], [KEY, None]]
