"""Every answer outside 2xx raises its typed error, carrying the server's message, body and request id."""

from __future__ import annotations

import pytest
import retell_client
import vogent_client
from support import Respond
from support.audio import WAV

HTML = b"<html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>"


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, retell_client.BadRequestError),
        (401, retell_client.AuthenticationError),
        (402, retell_client.PaymentRequiredError),
        (403, retell_client.PermissionDeniedError),
        (404, retell_client.NotFoundError),
        (409, retell_client.ConflictError),
        (422, retell_client.UnprocessableEntityError),
        (418, retell_client.APIStatusError),
        (500, retell_client.InternalServerError),
        (502, retell_client.InternalServerError),
    ],
)
def test_each_status_raises_its_typed_error_with_message_body_and_request_id(
    retell, retell_server, wav_file, status, error_type
):
    retell_server.script(
        Respond(status, json={"status": "error", "message": f"m{status}"}, headers={"x-request-id": "rid-1"})
    )
    with pytest.raises(error_type) as caught:
        retell.clone_voice([wav_file], voice_name="typed", voice_provider="elevenlabs")
    error = caught.value
    assert type(error) is error_type
    assert isinstance(error, retell_client.APIStatusError) and isinstance(error, retell_client.APIError)
    assert (error.status_code, error.message, error.request_id) == (status, f"m{status}", "rid-1")
    assert error.data == {"status": "error", "message": f"m{status}"}
    assert f'"message": "m{status}"' in error.body
    assert len(retell_server.requests) == 1, "not retried"


def test_an_html_body_on_a_documented_status_raises_the_typed_error_with_the_text(retell, retell_server, wav_file):
    retell_server.script(Respond(401, body=HTML, content_type="text/html"))
    with pytest.raises(retell_client.AuthenticationError) as caught:
        retell.clone_voice([wav_file], voice_name="html", voice_provider="elevenlabs")
    assert caught.value.body == HTML.decode()
    assert caught.value.raw_body == HTML
    assert "502 Bad Gateway" in str(caught.value)
    assert caught.value.data is None


def test_vogent_documented_400_and_422_without_schema_raise(vogent, vogent_server):
    vogent_server.script(Respond(400), Respond(422, body=b"Validation exception", content_type="text/plain"))
    with pytest.raises(vogent_client.BadRequestError) as bad_request:
        vogent.clone_voice(WAV, name="v", model="CSM")
    assert (bad_request.value.status_code, bad_request.value.body) == (400, "")
    with pytest.raises(vogent_client.UnprocessableEntityError, match="Validation exception"):
        vogent.clone_voice(WAV, name="v", model="CSM")
