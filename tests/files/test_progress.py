"""Streaming and progress: a path is streamed with a Content-Length, ``on_progress`` follows the body as it goes out,
and restarts with each attempt."""

from __future__ import annotations

import os

from support import Respond
from support.audio import wav_bytes
from support.drivers import counting, open_fds_under


def test_a_path_is_streamed_with_a_content_length_and_closed_after(retell, retell_server, tmp_path):
    big = tmp_path / "big.wav"
    big.write_bytes(wav_bytes(payload=os.urandom(3 * 1024 * 1024)))
    calls: list[tuple[int, int | None]] = []
    retell.clone_voice([big], voice_name="big", voice_provider="elevenlabs", on_progress=counting(calls))
    request = retell_server.requests[0]
    assert int(request.header("content-length")) == len(request.body)
    assert calls[-1] == (len(request.body), len(request.body))
    assert len(calls) > 10, "progress is reported as the body goes out, not once at the end"
    assert [sent for sent, _ in calls] == sorted(sent for sent, _ in calls)
    assert open_fds_under(tmp_path) == []


def test_progress_restarts_with_each_attempt_and_ends_at_the_total(retell, retell_server):
    retell_server.script(Respond(429, headers={"Retry-After": "0"}))
    calls: list[tuple[int, int | None]] = []
    upload = wav_bytes(payload=bytes(300_000))  # several 64 KiB pieces, so progress is reported more than once
    retell.clone_voice([upload], voice_name="progress", voice_provider="elevenlabs", on_progress=counting(calls))
    first, second = retell_server.requests
    total = len(second.body)
    assert len(first.body) == total
    restarts = [n for n in range(1, len(calls)) if calls[n][0] < calls[n - 1][0]]
    assert len(restarts) == 1, calls
    assert calls[restarts[0] - 1] == (total, total), "the first attempt went out whole"
    assert calls[-1] == (total, total)
    assert all(sent <= total for sent, _ in calls)
