"""What a retry sends again: every file whole from its start, or, for a one-pass stream already sent, nothing: the
call fails with StreamNotRewindableError instead of sending it empty."""

from __future__ import annotations

import io

import pytest
import retell_client
from support import Respond
from support.audio import WAV
from support.streams import Unseekable


def test_an_unrewindable_stream_is_never_resent_empty(retell, retell_server):
    retell_server.script(Respond(429, json={"status": "error"}, headers={"Retry-After": "0"}))
    with pytest.raises(retell_client.StreamNotRewindableError, match=r"files\[0\]") as caught:
        retell.clone_voice([Unseekable(WAV)], voice_name="pipe", voice_provider="elevenlabs")
    assert isinstance(caught.value.__cause__, retell_client.RateLimitError)
    assert len(retell_server.requests) == 1
    assert [part.data for part in retell_server.requests[0].parts if part.name == "files"] == [WAV]


def test_a_partly_read_file_object_is_resent_from_its_start(retell, retell_server):
    retell_server.script(Respond(503, headers={"Retry-After": "0"}))
    handle = io.BytesIO(WAV)
    handle.seek(100)
    retell.clone_voice([handle], voice_name="rewound", voice_provider="elevenlabs")
    sent = [[part.data for part in request.parts if part.name == "files"] for request in retell_server.requests]
    assert sent == [[WAV], [WAV]]


def test_vogent_retries_a_429_and_rewinds_its_clip(vogent, vogent_server):
    vogent_server.script(Respond(429, headers={"Retry-After": "0"}))
    voice = vogent.clone_voice(io.BytesIO(WAV), name="again", model="CARTESIA")
    assert voice.name == "again"
    clips = [[part.data for part in request.parts if part.name == "clip"] for request in vogent_server.requests]
    assert clips == [[WAV], [WAV]]
