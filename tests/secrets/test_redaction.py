"""Redaction: the key is replaced by ``[redacted]`` wherever a server echoes it or a library logs it, as a whole word
only, through exception chains too."""

from __future__ import annotations

import logging

import pytest
import retell_client
from retell_client import _secrets
from support import Respond
from support.audio import WAV
from support.drivers import FAKE_KEY


def test_a_key_echoed_back_by_a_server_is_redacted_from_the_error(retell, retell_server):
    retell_server.script(Respond(400, json={"status": "error", "message": f"bad key Bearer {FAKE_KEY}"}))
    with pytest.raises(retell_client.BadRequestError) as caught:
        retell.clone_voice([WAV], voice_name="echo", voice_provider="elevenlabs")
    for shown in (str(caught.value), caught.value.message, caught.value.body, repr(caught.value)):
        assert FAKE_KEY not in shown
    assert caught.value.message == "bad key Bearer [redacted]"
    assert caught.value.data == {"status": "error", "message": "bad key Bearer [redacted]"}
    assert FAKE_KEY.encode() not in caught.value.raw_body


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("key=voice", "key=[redacted]"),
        ("voice voice", "[redacted] [redacted]"),
        ("voice_id voices voice-1 xvoice", "voice_id voices voice-1 xvoice"),
        ("(voice).", "([redacted])."),
    ],
    ids=["after-punctuation", "every-occurrence", "part-of-a-longer-word", "in-brackets"],
)
def test_only_whole_occurrences_of_the_key_are_redacted(text, redacted):
    assert _secrets.redact(text, ["voice"]) == redacted
    assert _secrets.contains(text, ["voice"]) is (redacted != text)


def test_an_exception_chain_is_redacted_through_causes_and_contexts():
    try:
        try:
            raise OSError(f"socket said {FAKE_KEY}")
        except OSError as inner:
            raise RuntimeError(f"wrapped {FAKE_KEY}") from inner
    except RuntimeError:
        try:
            raise ValueError(f"while handling {FAKE_KEY}")
        except ValueError as error:
            caught = error
    _secrets.redact_exception(caught, [FAKE_KEY])
    context = caught.__context__
    assert context is not None
    chain = [caught, context, context.__cause__]
    assert [type(link).__name__ for link in chain] == ["ValueError", "RuntimeError", "OSError"]
    assert all(FAKE_KEY not in str(link) and "[redacted]" in str(link) for link in chain)


@pytest.mark.parametrize("logger_name", ["httpx", "httpcore.http11", "retell_client"])
def test_a_log_record_showing_a_registered_key_is_redacted(logger_name, caplog):
    retell_client.Retell(api_key=FAKE_KEY)  # registers the key
    with caplog.at_level(logging.DEBUG, logger=logger_name):
        logging.getLogger(logger_name).debug("sending Authorization: Bearer %s", FAKE_KEY)
    (record,) = [record for record in caplog.records if record.name == logger_name]
    assert record.getMessage() == "sending Authorization: Bearer [redacted]"
