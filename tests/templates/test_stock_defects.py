"""Each known defect of stock openapi-python-client 0.29.1 output, shown on stock output and shown fixed in ours.

Stock packages are generated from the same vendored specs without our templates, under other package names
(``stock_retell_client``, ``stock_vogent_client``), so both can be driven side by side against the same server.
"""

from __future__ import annotations

import io
import stat
import time
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest
import retell_client
import vogent_client
import yaml
from retell_client.api.default import clone_voice as ours_clone_voice
from retell_client.models import CloneVoiceBody, CloneVoiceBodyVoiceProvider, VoiceResponse
from support import Respond, RespondAfterCreate, Stall
from support.audio import wav_bytes
from support.drivers import FAKE_KEY
from support.edited import build_edited
from support.stock import StockPackages, generate_stock

from sdkgen import generator
from sdkgen.vendors import ROOT

INJECTION = (
    b'\r\n--+++\r\nContent-Disposition: form-data; name="voice_name"\r\n\r\ninjected'
    b'\r\n--+++\r\nContent-Disposition: form-data; name="files"; filename="rest.wav"\r\nContent-Type: audio/wav\r\n\r\n'
)
EVIL_WAV = wav_bytes(payload=bytes(64) + INJECTION + bytes(64))
INWORLD_VOICE = {"voice_id": "voice-kept", "voice_name": "n", "provider": "inworld", "gender": "male"}


def stock_retell_body(stock: StockPackages, payload: bytes):
    models, types = stock.module("retell", "models"), stock.module("retell", "types")
    file = types.File(payload=io.BytesIO(payload), file_name="a.wav", mime_type="audio/wav")
    return models.CloneVoiceBody(
        files=[file], voice_name="n", voice_provider=models.CloneVoiceBodyVoiceProvider.ELEVENLABS
    )


def ours_retell_body(payload: bytes) -> tuple[retell_client.OpenedFiles, CloneVoiceBody]:
    opened = retell_client.open_files([("a.wav", payload)])
    return opened, CloneVoiceBody(
        files=opened.files, voice_name="n", voice_provider=CloneVoiceBodyVoiceProvider.ELEVENLABS
    )


def test_fixed_boundary_lets_file_bytes_inject_form_fields_in_stock_but_not_ours(stock_packages, retell_server):
    client = stock_packages["retell"].AuthenticatedClient(base_url=retell_server.base_url, token=FAKE_KEY)
    with client:
        stock_packages.module("retell", "api.default.clone_voice").sync_detailed(
            client=client, body=stock_retell_body(stock_packages, EVIL_WAV)
        )
    stock_request = retell_server.requests[-1]
    assert stock_request.header("content-type") == "multipart/form-data; boundary=+++"
    assert [part.data for part in stock_request.parts if part.name == "voice_name"] == [b"injected", b"n"]

    ours = retell_client.AuthenticatedClient(token=FAKE_KEY, base_url=retell_server.base_url)
    opened, body = ours_retell_body(EVIL_WAV)
    with ours, opened:
        ours_clone_voice.sync(client=ours, body=body)
    ours_request = retell_server.requests[-1]
    assert "+++" not in ours_request.header("content-type")
    assert [part.data for part in ours_request.parts if part.name == "voice_name"] == [b"n"]
    assert [part.data for part in ours_request.parts if part.name == "files"] == [EVIL_WAV]
    assert retell_server.accepted[-1].files[0].data == EVIL_WAV


def test_an_unknown_response_enum_loses_the_created_voice_in_stock_but_not_ours(stock_packages, retell_server):
    retell_server.script(RespondAfterCreate(json=INWORLD_VOICE), RespondAfterCreate(json=INWORLD_VOICE))
    client = stock_packages["retell"].AuthenticatedClient(base_url=retell_server.base_url, token=FAKE_KEY)
    with client, pytest.raises(ValueError, match="inworld"):
        stock_packages.module("retell", "api.default.clone_voice").sync(
            client=client, body=stock_retell_body(stock_packages, wav_bytes())
        )
    assert retell_server.created == {"n": 1}, "the server created the voice before stock output raised"

    ours = retell_client.AuthenticatedClient(token=FAKE_KEY, base_url=retell_server.base_url)
    opened, body = ours_retell_body(wav_bytes())
    with ours, opened:
        voice = ours_clone_voice.sync(client=ours, body=body)
    assert isinstance(voice, VoiceResponse)
    assert (voice.voice_id, voice.provider.value, voice.provider.is_known) == ("voice-kept", "inworld", False)
    assert voice.to_dict() == INWORLD_VOICE


def test_repr_of_the_authenticated_client_shows_the_token_in_stock_but_not_ours(stock_packages):
    stock_client = stock_packages["retell"].AuthenticatedClient(base_url="https://api.retellai.com", token=FAKE_KEY)
    assert FAKE_KEY in repr(stock_client)
    ours = retell_client.AuthenticatedClient(token=FAKE_KEY, base_url="https://api.retellai.com")
    ours.get_httpx_client()
    assert FAKE_KEY not in repr(ours)
    assert FAKE_KEY not in repr(retell_client.Retell(api_key=FAKE_KEY))


def timeouts_sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, float | None]]:
    """The ``timeout`` extension of every request httpcore's connection pool sends from now on (httpx's transport
    and the front doors' both send through one)."""
    sent: list[dict[str, float | None]] = []
    handle = httpcore.ConnectionPool.handle_request

    def spy(pool: httpcore.ConnectionPool, request: httpcore.Request) -> httpcore.Response:
        sent.append(request.extensions["timeout"])
        return handle(pool, request)

    monkeypatch.setattr(httpcore.ConnectionPool, "handle_request", spy)
    return sent


@pytest.mark.parametrize("vendor_name", ["retell", "vogent"])
def test_stock_has_no_timeout_and_ignores_the_servers_url_while_our_front_doors_default_to_both(
    stock_packages, vendor_name
):
    stock_client = stock_packages[vendor_name].AuthenticatedClient(base_url="http://127.0.0.1:9", token=FAKE_KEY)
    assert stock_client.get_httpx_client().timeout == httpx.Timeout(None)
    with pytest.raises(TypeError, match="base_url"):
        stock_packages[vendor_name].AuthenticatedClient(token=FAKE_KEY)

    package = {"retell": retell_client, "vogent": vogent_client}[vendor_name]
    door: type[Any] = {"retell": retell_client.Retell, "vogent": vogent_client.Vogent}[vendor_name]
    ours = door(api_key=FAKE_KEY)
    assert ours.timeout == httpx.Timeout(60.0, connect=5.0)
    spec_url = {"retell": "https://api.retellai.com", "vogent": "https://api.vogent.ai/api"}[vendor_name]
    assert str(ours.base_url) == spec_url
    assert package.__name__ in type(ours).__module__


def test_stock_requests_wait_forever_while_ours_carry_the_default_timeout(stock_packages, retell_server, monkeypatch):
    sent = timeouts_sent(monkeypatch)
    stock_client = stock_packages["retell"].AuthenticatedClient(base_url=retell_server.base_url, token=FAKE_KEY)
    with stock_client:
        stock_packages.module("retell", "api.default.clone_voice").sync_detailed(
            client=stock_client, body=stock_retell_body(stock_packages, wav_bytes())
        )
    with retell_client.Retell(api_key=FAKE_KEY, base_url=retell_server.base_url) as ours:
        ours.clone_voice([wav_bytes()], voice_name="n", voice_provider="elevenlabs")
    assert sent == [
        {"connect": None, "read": None, "write": None, "pool": None},
        {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0},
    ]


def test_the_read_timeout_a_request_carries_is_what_cuts_off_a_stalled_server(retell_server, monkeypatch):
    """With the read timeout at 0.3 s (shortened from the default 60 s through the public option), a server that
    stalls for 3 s ends the call in APITimeoutError after about 0.3 s, the request having carried that timeout."""
    sent = timeouts_sent(monkeypatch)
    retell_server.script(Stall(3, then=Respond(201)))
    door = retell_client.Retell(
        api_key=FAKE_KEY, base_url=retell_server.base_url, max_retries=0, timeout=httpx.Timeout(0.3, connect=5.0)
    )
    started = time.monotonic()
    with door, pytest.raises(retell_client.APITimeoutError, match="ReadTimeout"):
        door.clone_voice([wav_bytes()], voice_name="n", voice_provider="elevenlabs")
    assert time.monotonic() - started < 2.0
    assert [timeout["read"] for timeout in sent] == [0.3]


@pytest.mark.parametrize("status", [400, 422])
def test_vogent_documented_schemaless_errors_return_none_in_stock_but_raise_in_ours(
    stock_packages, vogent_server, status
):
    vogent_server.script(Respond(status), Respond(status))
    models, types = stock_packages.module("vogent", "models"), stock_packages.module("vogent", "types")
    client = stock_packages["vogent"].AuthenticatedClient(base_url=vogent_server.base_url, token=FAKE_KEY)
    clip = types.File(payload=io.BytesIO(wav_bytes()), file_name="a.wav", mime_type="audio/wav")
    with client:
        result = stock_packages.module("vogent", "api.default.clone_voice").sync(
            client=client, body=models.CloneVoiceInput(name="n", clip=clip, model=models.VoiceModel.CSM)
        )
    assert result is None

    expected = {400: vogent_client.BadRequestError, 422: vogent_client.UnprocessableEntityError}[status]
    with vogent_client.Vogent(api_key=FAKE_KEY, base_url=vogent_server.base_url) as ours, pytest.raises(expected):
        ours.clone_voice(wav_bytes(), name="n", model="CSM")


def test_stock_generation_formats_with_whatever_ruff_is_on_path(tmp_path):
    impostor = tmp_path / "bin" / "ruff"
    impostor.parent.mkdir()
    impostor.write_text("#!/bin/sh\nexit 3\n")
    impostor.chmod(impostor.stat().st_mode | stat.S_IEXEC)
    with_impostor = generate_stock("vogent", tmp_path, path_variable=f"{impostor.parent}:/usr/bin:/bin")
    assert "ruff failed" in with_impostor.stdout + with_impostor.stderr
    without_ruff = generate_stock("retell", tmp_path, path_variable="/nonexistent")
    assert without_ruff.returncode == 0
    assert "ruff is not in PATH" in without_ruff.stdout + without_ruff.stderr


def _untyped_alternatives(spec: dict[str, Any]) -> None:
    # An optional body whose schema is a oneOf of untyped schemas (as in Deepgram's published spec).
    body = {"content": {"application/json": {"schema": {"oneOf": [{"description": "a"}, {"description": "b"}]}}}}
    answer = {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}
    spec["paths"]["/keys"] = {"post": {"operationId": "createKey", "requestBody": body, "responses": {"201": answer}}}


@pytest.mark.slow
def test_an_optional_body_of_untyped_alternatives_is_invalid_python_in_stock_but_not_ours(tmp_path: Path) -> None:
    spec_path = tmp_path / "openapi.yaml"
    spec = yaml.safe_load((ROOT / "specs" / "retell" / "openapi.yaml").read_text(encoding="utf-8"))
    _untyped_alternatives(spec)
    spec_path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    stock = tmp_path / "stock" / "stock_keys"
    generator.generate_stock(spec_path, "stock_keys", stock)
    with pytest.raises(SyntaxError):
        compile((stock / "api" / "default" / "create_key.py").read_text(encoding="utf-8"), "create_key.py", "exec")
    project = build_edited(tmp_path / "ours", "retell", spec=_untyped_alternatives)
    module = (project / "retell_client" / "api" / "default" / "create_key.py").read_text(encoding="utf-8")
    compile(module, "create_key.py", "exec")
    assert '_kwargs["json"] = body' in module
