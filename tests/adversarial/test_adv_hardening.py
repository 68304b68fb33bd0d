"""Hardening: bounded answers, the overall deadline, every failure typed, nothing lost, secrets in every form,
threads, forks and event loops, bounded inputs and stale keep-alive; both vendors, sync and async, real sockets."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import gc
import gzip
import io
import json
import os
import pickle
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import SpecServer
from support.audio import WAV
from support.drivers import FAKE_KEY, Driver
from support.keywatch import KeyWatch
from support.lifecycle import started_until_teardown
from support.scripted import Answer, ScriptedServer
from support.vendors import DOORS, Vendor

MIB = 1024 * 1024
BOMB_DECODED = 64 * MIB
BOMB = gzip.compress(gzip.compress(bytes(BOMB_DECODED), compresslevel=9), compresslevel=9)
"""A ``Content-Encoding: gzip, gzip`` answer of about 1 KiB that inflates to 64 MiB."""


def sized(status: int, body: bytes, content_type: str = "application/json", **headers: str) -> Answer:
    """An answer of ``body`` with its Content-Length."""
    return Answer(status, {"Content-Type": content_type, "Content-Length": str(len(body)), **headers}, [body])


def json_answer(status: int, payload: Any, **headers: str) -> Answer:
    return sized(status, json.dumps(payload).encode(), **headers)


@pytest.fixture
def scripted() -> Iterator[Callable[[Callable[[int], Answer]], ScriptedServer]]:
    """``scripted(answer)``: a started :class:`ScriptedServer`, stopped after the test."""
    yield from started_until_teardown(ScriptedServer)


def peak_growth(action: Callable[[], object]) -> tuple[int, BaseException | None]:
    """The peak of Python memory allocated while ``action`` runs, and what it raised."""
    tracemalloc.start()
    try:
        action()
    except BaseException as exc:
        return tracemalloc.get_traced_memory()[1], exc
    finally:
        tracemalloc.stop()
    return tracemalloc.get_traced_memory()[1], None


def call(vendor: Vendor, driver: Driver, file: Any = WAV, name: str = "hardened", **options: Any) -> Any:
    return driver.clone_voice(**vendor.call(file, name), **options)


# -- bounded answers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("door", DOORS)
def test_a_decompression_bomb_ends_in_a_typed_error_with_memory_bounded(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip, gzip", "Content-Length": str(len(BOMB))}
    server = scripted(lambda _: Answer(vendor.success_status, headers, [BOMB]))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, max_response_bytes=MIB)
    peak, error = peak_growth(lambda: call(vendor, driver))
    assert isinstance(error, vendor.package.ResponseTooLargeError), error
    assert peak < 8 * MIB, f"peak {peak / MIB:.1f} MiB for a 1 MiB limit"
    assert error.raw_body == BOMB
    key_watch.check(error)


JSON = {"Content-Type": "application/json"}


def endless_json(head: bytes, filler: bytes) -> Iterator[bytes]:
    """A JSON body that never ends: ``head``, then ``filler`` repeated in 64 KiB chunks."""
    yield head
    while True:
        yield filler * 65536


@pytest.mark.parametrize("door", DOORS)
def test_an_endless_success_body_is_cut_at_the_limit_keeping_its_start(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    start = json.dumps(vendor.voice("voice-big", "big"))[:-1].encode() + b', "padding": "'
    server = scripted(lambda _: Answer(vendor.success_status, JSON, endless_json(start, b"x")))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, max_response_bytes=4 * MIB)
    peak, error = peak_growth(lambda: call(vendor, driver))
    assert isinstance(error, vendor.package.ResponseTooLargeError), error
    assert peak < 24 * MIB
    assert error.body.startswith(start.decode())
    assert len(error.raw_body) == 4 * MIB
    key_watch.check(error)


@pytest.mark.parametrize("door", DOORS)
def test_a_huge_error_body_is_read_only_as_far_as_the_message_needs(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    server = scripted(lambda _: Answer(500, JSON, endless_json(b'{"message": "overloaded", "trace": "', b"t")))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, max_retries=0)
    peak, error = peak_growth(lambda: call(vendor, driver))
    assert isinstance(error, vendor.package.InternalServerError), error
    assert peak < 16 * MIB
    assert error.body.endswith("and reading stopped there]")
    assert len(error.body) < 70_000
    key_watch.check(error)


# -- the overall deadline ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("door", DOORS)
def test_a_dripping_answer_is_cut_off_by_the_deadline(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    drip = Answer(vendor.success_status, {"Content-Type": "application/json"}, iter(lambda: b" ", None), gap=0.25)
    server = scripted(lambda _: drip)
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, timeout=1.0, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(vendor.package.APITimeoutError, match=r"deadline of 1\.5 s") as caught:
        call(vendor, driver)
    assert time.monotonic() - started < 6, "the server drips forever: only the deadline ends the call"
    assert caught.value.deadline_exceeded
    assert server.connections == 1, "a deadline is never retried"
    key_watch.check(caught.value)


@pytest.mark.parametrize("door", DOORS)
def test_a_slow_reading_server_cannot_stretch_an_upload_past_the_deadline(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, tmp_path: Path, key_watch: KeyWatch
) -> None:
    big = tmp_path / "big.wav"
    big.write_bytes(WAV + bytes(16 * MIB))
    server = scripted(lambda _: Answer(vendor.success_status, read_rate=512 * 1024))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, timeout=2.0, deadline=2.0)
    started = time.monotonic()
    with pytest.raises(vendor.package.APITimeoutError) as caught:
        call(vendor, driver, big)
    assert time.monotonic() - started < 10, "at 512 KiB/s the upload alone would take 32 s"
    assert caught.value.body_sent
    key_watch.check(caught.value)


def test_the_default_deadline_grows_with_the_upload() -> None:
    from retell_client._constants import DEADLINE_SECONDS_PER_MIB, DEFAULT_DEADLINE_S  # noqa: PLC0415

    assert DEFAULT_DEADLINE_S + DEADLINE_SECONDS_PER_MIB * 1024 >= 1024, "a 1 GiB upload at 1 MiB/s fits"


# -- every failure typed, nothing lost ------------------------------------------------------------------------------


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("door", DOORS)
def test_json_nested_100000_deep_is_a_typed_error_and_a_429_so_shaped_is_still_retried(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    deep = nested(100_000)
    answers = {0: Answer(429, {"Content-Type": "application/json", "Retry-After": "0"}, [deep])}
    success = sized(vendor.success_status, deep)
    server = scripted(lambda index: answers.get(index, success))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.ResponseValidationError) as caught:
        call(vendor, driver)
    assert len(server.received) == 2, "the deep 429 was retried like any 429"
    assert caught.value.data is None
    assert caught.value.raw_body == deep
    key_watch.check(caught.value)


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("charset", ["rot13", "utf-16", "base64_codec", "no-such-codec"])
def test_odd_charsets_neither_crash_nor_lose_the_voice(
    vendor: Vendor, door: str, charset: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    body = json.dumps(vendor.voice("voice-odd", "odd")).encode()
    error_body = b'{"message": "bad voice"}'
    answers = {0: sized(400, error_body, f"application/json; charset={charset}")}
    ok = sized(vendor.success_status, body, f"application/json; charset={charset}")
    server = scripted(lambda index: answers.get(index, ok))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.BadRequestError) as caught:
        call(vendor, driver)
    key_watch.check(caught.value)
    voice = call(vendor, driver)
    assert getattr(voice, vendor.id_field) == "voice-odd"


@pytest.mark.parametrize("door", DOORS)
def test_a_voice_mislabelled_as_gzip_is_kept_byte_for_byte(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    body = json.dumps(vendor.voice("voice-mislabelled", "m")).encode()
    server = scripted(lambda _: sized(vendor.success_status, body, **{"Content-Encoding": "gzip"}))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.ResponseValidationError, match="cannot be decoded") as caught:
        call(vendor, driver)
    assert caught.value.raw_body == body
    assert caught.value.data[vendor.id_field] == "voice-mislabelled"
    assert len(server.received) == 1
    key_watch.check(caught.value)


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("change", ["grows", "shrinks"])
def test_a_file_that_changes_size_during_the_upload_is_an_error_naming_it(
    vendor: Vendor, door: str, change: str, server: SpecServer, drivers: Any, tmp_path: Path, key_watch: KeyWatch
) -> None:
    path = tmp_path / f"{change}.wav"
    path.write_bytes(WAV + bytes(2 * MIB))

    def meddle(sent: int, total: int | None) -> None:
        with path.open("ab" if change == "grows" else "r+b") as handle:
            handle.write(bytes(MIB)) if change == "grows" else handle.truncate(len(WAV))

    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.FileUploadError, match=change[:-1]) as caught:
        call(vendor, driver, path, on_progress=meddle)
    assert str(path) in str(caught.value)
    server.wait_for_requests(1)
    assert server.created == {}
    key_watch.check(caught.value)


class FailingRead(io.BytesIO):
    """A seekable file whose reads fail with EIO past its first 64 KiB, like a failing disk."""

    def read(self, size: int | None = -1) -> bytes:
        if self.tell() >= 65536:
            raise OSError(5, "Input/output error")
        return super().read(size)


@pytest.mark.parametrize("door", DOORS)
def test_a_read_error_during_the_upload_names_the_file(
    vendor: Vendor, door: str, server: SpecServer, drivers: Any, key_watch: KeyWatch
) -> None:
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.FileUploadError, match="Input/output error") as caught:
        call(vendor, driver, ("failing.wav", FailingRead(WAV + bytes(MIB))))
    assert "failing.wav" in str(caught.value) or "[0]" in str(caught.value)
    server.wait_for_requests(1)
    key_watch.check(caught.value)


@pytest.mark.parametrize("door", DOORS)
def test_a_device_file_object_is_refused_before_sending(
    vendor: Vendor, door: str, server: SpecServer, drivers: Any
) -> None:
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with open("/dev/zero", "rb") as zero, pytest.raises(vendor.package.InvalidInputError, match="not a regular file"):
        call(vendor, driver, ("zero.wav", zero, "audio/wav"))
    assert server.connections == 0


# -- secrets in every form -------------------------------------------------------------------------------------------


def _fail_in_a_worker(vendor_name: str, base_url: str) -> None:
    import retell_client  # noqa: PLC0415
    import vogent_client  # noqa: PLC0415

    if vendor_name == "retell":
        retell_client.Retell(api_key=FAKE_KEY, base_url=base_url, max_retries=0).clone_voice(
            [WAV], voice_name="w", voice_provider="elevenlabs"
        )
    vogent_client.Vogent(api_key=FAKE_KEY, base_url=base_url, max_retries=0).clone_voice(WAV, name="w", model="CSM")


def test_errors_cross_a_process_pool_whole_and_without_the_key(
    vendor: Vendor, scripted: Any, key_watch: KeyWatch
) -> None:
    echoed = {"message": f"key {FAKE_KEY} has no credits", "key": FAKE_KEY}
    server = scripted(lambda _: json_answer(402, echoed, **{"X-Echo": FAKE_KEY}))
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_fail_in_a_worker, vendor.name, server.base_url)
        with pytest.raises(vendor.package.PaymentRequiredError) as caught:
            future.result(timeout=60)
    error = caught.value
    assert error.status_code == 402
    assert error.message == "key [redacted] has no credits"
    assert error.request.headers["authorization"] == "[redacted]"
    assert FAKE_KEY not in pickle.dumps(error).decode("latin-1")
    key_watch.check(error)


@pytest.mark.parametrize("door", DOORS)
def test_an_echoed_key_is_redacted_from_the_error_its_causes_and_every_log_record(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    body = f'{{"message": "bad key {FAKE_KEY}", "detail": "Bearer {FAKE_KEY}"}}'.encode()
    server = scripted(lambda _: sized(vendor.success_status, body, **{"X-Echo": FAKE_KEY}))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.ResponseValidationError) as caught:
        call(vendor, driver)
    key_watch.check(caught.value)
    assert key_watch.records, "the watch saw the DEBUG records of httpx and httpcore"


@pytest.mark.parametrize("door", DOORS)
def test_redacting_a_short_key_leaves_other_words_alone(vendor: Vendor, door: str, scripted: Any, drivers: Any) -> None:
    body = json.dumps({"voice_id": "voice-1", "message": "voice is bad", "id": "voice"}).encode()
    server = scripted(lambda _: sized(400, body))
    driver = drivers(vendor, door, api_key="voice", base_url=server.base_url)
    with pytest.raises(vendor.package.BadRequestError) as caught:
        call(vendor, driver)
    assert json.loads(caught.value.body) == {"voice_id": "voice-1", "message": "[redacted] is bad", "id": "[redacted]"}


# -- threads, forks and event loops ----------------------------------------------------------------------------------


def client_sockets_to(base_url: str) -> int:
    """How many sockets this process holds that are connected to the server at ``base_url`` (the server's own
    side of each connection, in this process too, not counted)."""
    port = int(base_url.rsplit(":", 1)[1].split("/", maxsplit=1)[0])
    inodes = set()
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        with open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if int(fields[2].rsplit(":", 1)[1], 16) == port and fields[3] == "01":  # remote port, ESTABLISHED
                    inodes.add(fields[9])
    held = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            held += os.readlink(f"/proc/self/fd/{fd}").removeprefix("socket:[").removesuffix("]") in inodes
    return held


def test_sixteen_threads_share_one_pool_and_close_leaves_no_socket(vendor: Vendor, server: SpecServer) -> None:
    client = vendor.sync_type(api_key=FAKE_KEY, base_url=server.base_url)
    barrier = threading.Barrier(16)
    pools: list[object] = []

    def first_call(index: int) -> Any:
        barrier.wait()
        pools.append(client._pool.sync())
        return client.clone_voice(**vendor.call(WAV, f"thread-{index}"))

    with concurrent.futures.ThreadPoolExecutor(16) as workers:
        voices = list(workers.map(first_call, range(16)))
    assert len({id(pool) for pool in pools}) == 1
    assert sorted(getattr(voice, vendor.name_field) for voice in voices) == sorted(f"thread-{i}" for i in range(16))
    assert client_sockets_to(server.base_url) > 0
    client.close()
    assert client_sockets_to(server.base_url) == 0


def test_after_a_fork_the_child_never_uses_the_parents_connections(vendor: Vendor, server: SpecServer) -> None:
    client = vendor.sync_type(api_key=FAKE_KEY, base_url=server.base_url)
    client.clone_voice(**vendor.call(WAV, "before-fork"))
    for trial in range(5):
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(reader)
            code = 1
            try:
                voice = client.clone_voice(**vendor.call(WAV, f"child-{trial}"))
                code = 0 if getattr(voice, vendor.name_field) == f"child-{trial}" else 2
            finally:
                os.write(writer, bytes([code]))
                os._exit(0)
        os.close(writer)
        parent = client.clone_voice(**vendor.call(WAV, f"parent-{trial}"))
        with os.fdopen(reader, "rb") as pipe:
            assert pipe.read() == b"\x00", f"trial {trial}: the child got someone else's answer or failed"
        os.waitpid(pid, 0)
        assert getattr(parent, vendor.name_field) == f"parent-{trial}"
    client.close()


def test_an_async_client_works_under_a_second_event_loop(vendor: Vendor, server: SpecServer) -> None:
    client = vendor.async_type(api_key=FAKE_KEY, base_url=server.base_url)
    first = asyncio.run(client.clone_voice(**vendor.call(WAV, "loop-1")))
    second = asyncio.run(client.clone_voice(**vendor.call(WAV, "loop-2")))
    assert [getattr(v, vendor.name_field) for v in (first, second)] == ["loop-1", "loop-2"]
    assert server.created == {"loop-1": 1, "loop-2": 1}
    asyncio.run(client.aclose())
    gc.collect()  # the first loop's connection was closed as that loop ended: nothing warns here


# -- bounded input, stale keep-alive ---------------------------------------------------------------------------------


@pytest.mark.parametrize("door", DOORS)
def test_an_endless_files_iterable_is_read_one_past_the_limit(
    vendor: Vendor, door: str, server: SpecServer, drivers: Any
) -> None:
    if vendor.name != "retell":
        pytest.skip("Vogent takes exactly one clip, not an iterable")
    taken = 0

    def endless() -> Iterator[bytes]:
        nonlocal taken
        while True:
            taken += 1
            yield WAV

    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(vendor.package.InvalidInputError, match="takes 1 to 25 files, got more than 25"):
        driver.clone_voice(endless(), voice_name="many", voice_provider="elevenlabs")
    assert taken == 26
    assert server.connections == 0


@pytest.mark.parametrize("door", DOORS)
def test_a_server_that_closes_idle_connections_quickly_never_gets_a_request_twice_by_default(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    server = scripted(
        lambda index: dataclasses.replace(
            json_answer(vendor.success_status, vendor.voice(f"voice-{index}", "k")), close_after=0.03
        )
    )
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    outcomes: list[Any] = []
    for _ in range(30):
        try:
            outcomes.append(call(vendor, driver, name="k"))
        except vendor.package.APIConnectionError as error:
            # The request went out whole before the server closed the connection: it may have acted, so the
            # request is not resent without retry_non_idempotent.
            assert error.request_written, error
            key_watch.check(error)
            outcomes.append(error)
    voices = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    assert len(outcomes) == 30
    # Requests the server closed on without reading are not recorded: each call reached it once at most.
    assert len(server.received) == len(voices), "a request was sent twice"
    assert all(request.complete for request in server.received)


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(
    "opt_in",
    [{"retry_non_idempotent": True}, {"extra_headers": {"Idempotency-Key": "k-1"}}],
    ids=["retry-non-idempotent", "idempotency-key"],
)
def test_a_server_that_closes_idle_connections_quickly_fails_no_call_that_opted_in_to_resending(
    vendor: Vendor, door: str, opt_in: dict[str, Any], scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    server = scripted(
        lambda index: dataclasses.replace(
            json_answer(vendor.success_status, vendor.voice(f"voice-{index}", "k")), close_after=0.03
        )
    )
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    voices = [call(vendor, driver, name="k", **opt_in) for _ in range(30)]
    assert len(voices) == 30
    complete = [request for request in server.received if request.complete]
    assert len(complete) == 30, "every voice was created once: a resent request had never been read"


# -- the defects of the runtime that stood beside the generated client ---------------------------------------------


def _reading_hook(seen: list[bytes]) -> Callable[[httpx.Response], None]:
    def hook(response: httpx.Response) -> None:
        seen.append(response.read())

    return hook


def _async_reading_hook(seen: list[bytes]) -> Callable[[httpx.Response], Any]:
    async def hook(response: httpx.Response) -> None:
        seen.append(await response.aread())

    return hook


@pytest.mark.parametrize("injected", ["httpx_args", "http_client"])
@pytest.mark.parametrize("door", DOORS)
def test_an_event_hook_that_reads_the_body_leaves_the_call_whole(
    vendor: Vendor, door: str, injected: str, server: SpecServer, drivers: Any
) -> None:
    seen: list[bytes] = []
    hook = _async_reading_hook(seen) if door == "async" else _reading_hook(seen)
    hooks = {"response": [hook]}
    if injected == "httpx_args":
        options: dict[str, Any] = {"httpx_args": {"event_hooks": hooks}}
    else:
        kind = httpx.AsyncClient if door == "async" else httpx.Client
        options = {"http_client": kind(event_hooks=hooks)}
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, **options)
    voice = call(vendor, driver, name="hooked")
    assert getattr(voice, vendor.name_field) == "hooked"
    assert len(seen) == 1 and b"hooked" in seen[0], "the hook read the answer's body"
    assert server.created == {"hooked": 1}
    if injected == "http_client":
        client = options["http_client"]
        asyncio.run(client.aclose()) if door == "async" else client.close()


@pytest.mark.parametrize("door", DOORS)
def test_the_deadline_covers_an_answer_head_dripped_a_byte_at_a_time(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    server = scripted(lambda _: dataclasses.replace(json_answer(vendor.success_status, vendor.voice("v", "n")),
                                                    head_gap=0.25))  # fmt: skip
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(vendor.package.APITimeoutError) as caught:
        call(vendor, driver)
    assert time.monotonic() - started < 2.5, "the dripped head held the call past its deadline"
    assert caught.value.deadline_exceeded
    key_watch.check(caught.value)


@pytest.mark.parametrize("door", DOORS)
def test_a_capped_answer_costs_at_most_twice_the_cap(
    vendor: Vendor, door: str, scripted: Any, drivers: Any, key_watch: KeyWatch
) -> None:
    server = scripted(lambda _: Answer(vendor.success_status, JSON, endless_json(b'{"padding": "', b"x")))
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    cap = 16 * MIB  # the default max_response_bytes
    peak, error = peak_growth(lambda: call(vendor, driver))
    assert isinstance(error, vendor.package.ResponseTooLargeError), error
    assert len(error.raw_body) == cap
    assert peak < 2 * cap, f"peak {peak / MIB:.1f} MiB for a {cap // MIB} MiB cap"
    key_watch.check(error)


@pytest.mark.parametrize("door", DOORS)
def test_json_labelled_with_another_charset_is_read_as_utf8(
    vendor: Vendor, door: str, scripted: Any, drivers: Any
) -> None:
    label = "application/json; charset=utf-16"
    voice = json.dumps(vendor.voice("voice-é", "é")).encode()
    answers = {0: sized(400, json.dumps({"message": "bad name é"}).encode(), content_type=label),
               1: sized(vendor.success_status, voice, content_type=label)}  # fmt: skip
    server = scripted(answers.__getitem__)
    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url, max_retries=0)
    with pytest.raises(vendor.package.BadRequestError) as caught:
        call(vendor, driver, name="é")
    assert caught.value.message == "bad name é"
    assert caught.value.data == {"message": "bad name é"}
    assert getattr(call(vendor, driver, name="é"), vendor.name_field) == "é"


class _CallerBug(ValueError):
    """An exception of the caller's own, raised from its progress callback."""


@pytest.mark.parametrize("door", DOORS)
def test_the_callers_own_exception_comes_out_as_it_is(vendor: Vendor, door: str, server: SpecServer, drivers: Any):
    def on_progress(sent: int, total: int | None) -> None:
        raise _CallerBug("the caller's bug")

    driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
    with pytest.raises(_CallerBug, match="the caller's bug"):
        call(vendor, driver, on_progress=on_progress)
    assert server.created == {}


@pytest.mark.parametrize("read_before_reset", [64 * 1024, 10 * MIB], ids=["part-of-the-upload", "all-of-it"])
@pytest.mark.parametrize("door", DOORS)
def test_a_reused_connection_reset_after_the_request_went_out_is_never_resent(
    vendor: Vendor, door: str, read_before_reset: int, scripted: Any, drivers: Any, tmp_path: Path
) -> None:
    upload = tmp_path / "large.wav"
    upload.write_bytes(WAV + bytes(1024 * 1024))
    for _ in range(5):
        server = scripted(
            lambda index: (
                json_answer(vendor.success_status, vendor.voice("first", "k"))
                if index == 0
                else dataclasses.replace(json_answer(500, {}), reset_after=read_before_reset)
            )
        )
        driver = drivers(vendor, door, api_key=FAKE_KEY, base_url=server.base_url)
        call(vendor, driver, name="k")
        with pytest.raises(vendor.package.APIConnectionError) as caught:
            call(vendor, driver, file=upload, name="k")
        assert caught.value.request_written and caught.value.body_sent
        assert (len(server.received), server.connections) == (2, 1), "the reset request was sent again"
