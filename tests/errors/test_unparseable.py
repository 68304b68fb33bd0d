"""A success answer that cannot be parsed raises ResponseValidationError, keeping what the server sent: the voice
may exist, so its id must stay recoverable."""

from __future__ import annotations

import pytest
import retell_client
from support import RespondAfterCreate

HTML = b"<html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>"
TRUNCATED = b'{"voice_id": "voice-keep", "voice_na'


@pytest.mark.parametrize(
    ("replacement", "raw_body", "data"),
    [
        (
            {"json": {"voice_id": "voice-keep", "voice_name": "x", "gender": "male"}},
            b'{"voice_id": "voice-keep", "voice_name": "x", "gender": "male"}',
            {"voice_id": "voice-keep", "voice_name": "x", "gender": "male"},
        ),
        ({"body": TRUNCATED, "content_type": "application/json"}, TRUNCATED, None),
        ({"body": HTML, "content_type": "text/html"}, HTML, None),
    ],
    ids=["missing-required-field", "truncated-json", "html"],
)
def test_an_unparseable_success_keeps_the_raw_body(retell, retell_server, wav_file, replacement, raw_body, data):
    retell_server.script(RespondAfterCreate(**replacement))
    with pytest.raises(retell_client.ResponseValidationError) as caught:
        retell.clone_voice([wav_file], voice_name="kept", voice_provider="elevenlabs")
    assert type(caught.value) is retell_client.ResponseValidationError
    assert caught.value.raw_body == raw_body
    assert caught.value.body == raw_body.decode()
    assert caught.value.data == data
    assert caught.value.status_code == 201
    assert len(retell_server.requests) == 1
    assert retell_server.created == {"kept": 1}
