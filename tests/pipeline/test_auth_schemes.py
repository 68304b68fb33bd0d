"""Where the key goes is the spec's choice: a spec whose security scheme is an API key in a header of its own name,
or in the query, generates a front door that sends the key there, and nowhere else (no ``Authorization``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.edited import build_edited

KEY = "sk-auth-scheme-7f2e"
TESTS = Path(__file__).resolve().parents[1]

CALL = """
import json, sys
from support.canned import Canned, CannedServer
from retell_client import Retell

with CannedServer() as server:
    body = {"voice_id": "v1", "voice_name": "n", "provider": "elevenlabs", "gender": "male"}
    server.answer("POST", "/clone-voice", Canned.json(201, body))
    with Retell(api_key=sys.argv[1], base_url=server.base_url) as client:
        client.clone_voice([sys.argv[2]], voice_name="n", voice_provider="elevenlabs")
    (request,) = server.requests
    print(json.dumps({"headers": {k.lower(): v for k, v in request.headers.items()}, "query": request.query}))
"""


def _scheme(scheme: dict[str, Any]) -> Any:
    def edit(spec: dict[str, Any]) -> None:
        spec["components"]["securitySchemes"] = {"key": scheme}
        spec["security"] = [{"key": []}]

    return edit


def _sent(project: Path, wav: Path) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project), str(TESTS)])}
    result = subprocess.run(
        [sys.executable, "-c", CALL, KEY, str(wav)], capture_output=True, text=True, env=environment, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    sent: dict[str, Any] = json.loads(result.stdout)
    return sent


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scheme", "header", "query"),
    [
        ({"type": "apiKey", "in": "header", "name": "X-Api-Key"}, ("x-api-key", KEY), None),
        ({"type": "apiKey", "in": "query", "name": "api_key"}, None, ("api_key", [KEY])),
        ({"type": "http", "scheme": "bearer"}, ("authorization", f"Bearer {KEY}"), None),
    ],
    ids=["api-key-header", "api-key-query", "bearer"],
)
def test_the_key_goes_where_the_spec_s_security_scheme_says(
    tmp_path: Path, wav_file: Path, scheme: dict[str, Any], header: tuple[str, str] | None, query: Any
) -> None:
    project = build_edited(tmp_path, "retell", spec=_scheme(scheme))
    sent = _sent(project, wav_file)
    carrying = [name for name, value in sent["headers"].items() if KEY in value]
    assert carrying == ([header[0]] if header else [])
    if header:
        assert sent["headers"][header[0]] == header[1]
    assert sent["query"] == (dict([query]) if query else {})
