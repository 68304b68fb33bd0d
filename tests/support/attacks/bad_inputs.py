"""The bad-input table: each row a call (or client) that must raise its typed error, naming the input and the rule,
before a single byte reaches the server."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from retell_client.models import CloneVoiceBodyVoiceProvider

from ..audio import WAV
from ..drivers import FAKE_KEY
from ..samples import PDF, PNG, TEXT, Samples

FROM_ENV = object()
"""Client option value meaning: leave the option out, so the front door reads its environment variable."""


@dataclass(frozen=True)
class BadInput:
    """One bad input: how to build the call, and the typed error it must raise.

    ``call`` gives the keyword arguments of ``clone_voice`` from the ``Samples`` (``None``: a valid call);
    ``client`` overrides the front door's options and ``env`` sets (a string) or unsets (``None``) the vendor's
    environment variables, named without their ``RETELL_``/``VOGENT_`` prefix. The error's message must contain
    every one of ``fragments``: the input it names and the rule it states.
    """

    id: str
    vendor: str
    fragments: tuple[str, ...]
    call: Callable[[Samples], dict[str, Any]] | None = None
    client: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str | None] = field(default_factory=dict)
    base_url: Callable[[str], str] | None = None
    """The base URL to use, made from the loopback server's, instead of the server's."""
    error: str = "InvalidInputError"


def retell(
    files: Callable[[Samples], Any] = lambda s: [s.wav],
    voice_name: Any = "adversarial",
    voice_provider: Any = "elevenlabs",
    **options: Any,
) -> Callable[[Samples], dict[str, Any]]:
    """A Retell call, valid but for what is given."""
    return lambda s: {"files": files(s), "voice_name": voice_name, "voice_provider": voice_provider, **options}


def vogent(
    clip: Callable[[Samples], Any] = lambda s: s.wav,
    name: Any = "adversarial",
    model: Any = "CSM",
    **options: Any,
) -> Callable[[Samples], dict[str, Any]]:
    """A Vogent call, valid but for what is given."""
    return lambda s: {"clip": clip(s), "name": name, "model": model, **options}


# Bad files, for both vendors: (id, the file input, the rule the message states).
FILE_INPUTS: list[tuple[str, Callable[[Samples], Any], str]] = [
    ("missing-path", lambda s: s.missing, "no such file"),
    ("missing-path-as-str", lambda s: str(s.missing), "no such file"),
    ("directory", lambda s: s.directory, "is a directory"),
    ("empty-file", lambda s: s.empty, "is empty"),
    ("unreadable-file", lambda s: s.unreadable, "cannot be read"),
    ("fifo", lambda s: s.fifo, "is not a regular file"),
    ("text-mode-handle", lambda s: s.text_handle(), "text mode"),
    ("stringio", lambda _: io.StringIO("RIFF....WAVEfmt "), "text mode"),
    ("text-bytes", lambda _: TEXT, "not recognisably audio (detected text)"),
    ("text-file-named-wav", lambda s: s.write("notes.wav", TEXT), "not recognisably audio"),
    ("png-bytes", lambda _: PNG, "not recognisably audio"),
    ("png-named-mp3", lambda _: ("cover.mp3", PNG), "not recognisably audio"),
    ("pdf-bytes", lambda _: PDF, "not recognisably audio"),
    ("pdf-in-bytesio", lambda _: io.BytesIO(PDF), "not recognisably audio"),
    ("empty-bytes", lambda _: b"", "is empty"),
    ("empty-bytesio", lambda _: io.BytesIO(), "is empty"),
    ("tuple-of-one", lambda _: ("voice.wav",), "a tuple must be (filename, content)"),
    ("tuple-of-four", lambda _: ("voice.wav", WAV, "audio/wav", "extra"), "a tuple must be (filename, content)"),
    ("tuple-empty-filename", lambda _: ("", WAV), "the filename in the tuple must be a non-empty string"),
    ("tuple-filename-not-str", lambda _: (b"voice.wav", WAV), "the filename in the tuple must be a non-empty string"),
    (
        "tuple-mime-without-slash",
        lambda _: ("voice.wav", WAV, "wav"),
        "the MIME type in the tuple must be a type/subtype",
    ),
    ("tuple-missing-path", lambda s: ("voice.wav", s.missing), "no such file"),
    ("int-content", lambda _: 42, "expected a path, bytes, a binary file object"),
    ("none-content", lambda _: None, "expected a path, bytes, a binary file object"),
]
MIME_INJECTION = ("voice.wav", WAV, 'audio/wav\r\nContent-Disposition: form-data; name="injected"')


def file_rows(vendor: str) -> list[BadInput]:
    """The bad files, as ``vendor``'s only file: Retell's ``files[0]``, Vogent's ``clip``."""
    build: Callable[[Callable[[Samples], Any]], Callable[[Samples], dict[str, Any]]]
    if vendor == "retell":
        label, build = "files[0]", lambda make: retell(lambda s: [make(s)])
    else:
        label, build = "clip[0]", vogent
    rows = [BadInput(row_id, vendor, (label, rule), build(make)) for row_id, make, rule in FILE_INPUTS]
    rows += [
        BadInput(
            "tuple-mime-with-crlf",
            vendor,
            (label, "MIME type"),
            build(lambda _: MIME_INJECTION),
        ),
        BadInput(
            "tuple-filename-with-surrogate",
            vendor,
            (label, "filename"),
            build(lambda _: ("voix-\udce9.wav", WAV)),
        ),
    ]
    return rows


RETELL_ROWS = [
    BadInput("26-files", "retell", ("files", "takes 1 to 25 files, got 26"), retell(lambda s: [s.wav] * 26)),
    BadInput("0-files", "retell", ("files", "takes 1 to 25 files, got 0"), retell(lambda _: [])),
    BadInput(
        "2-files-cartesia",
        "retell",
        ("files", "'cartesia' takes exactly 1 file, got 2"),
        retell(lambda s: [s.wav, WAV], voice_provider="cartesia"),
    ),
    BadInput(
        "2-files-minimax",
        "retell",
        ("files", "'minimax' takes exactly 1 file, got 2"),
        retell(lambda s: [s.wav, WAV], voice_provider="minimax"),
    ),
    BadInput(
        "4-files-inworld-member",
        "retell",
        ("files", "'inworld' takes 1 to 3 files, got 4"),
        retell(lambda s: [s.wav] * 4, voice_provider=CloneVoiceBodyVoiceProvider("inworld")),
    ),
    BadInput(
        "bad-fourth-of-five-files",
        "retell",
        ("files[3]", "no such file"),
        retell(lambda s: [s.wav, WAV, s.wav, s.missing, WAV]),
    ),
    BadInput("files-as-bare-str", "retell", ("files must be a list",), retell(lambda s: str(s.wav))),
    BadInput("files-as-bare-path", "retell", ("files must be a list",), retell(lambda s: s.wav)),
    BadInput("files-as-bare-bytes", "retell", ("files must be a list",), retell(lambda _: WAV)),
    BadInput("files-as-bare-tuple", "retell", ("files must be a list",), retell(lambda _: ("voice.wav", WAV))),
    BadInput("files-as-bare-handle", "retell", ("files must be a list",), retell(lambda s: s.binary_handle())),
    BadInput("files-none", "retell", ("files must be a list",), retell(lambda _: None)),
    BadInput("files-int", "retell", ("files must be a list",), retell(lambda _: 3)),
    BadInput("empty-voice-name", "retell", ("voice_name must not be empty or blank",), retell(voice_name="")),
    BadInput("201-char-voice-name", "retell", ("voice_name", "got 201"), retell(voice_name="n" * 201)),
    BadInput("blank-voice-name", "retell", ("voice_name must not be empty or blank",), retell(voice_name=" \t\n")),
    BadInput("int-voice-name", "retell", ("voice_name must be a string, not int",), retell(voice_name=7)),
    BadInput("none-voice-name", "retell", ("voice_name must be a string, not NoneType",), retell(voice_name=None)),
    BadInput(
        "surrogate-in-voice-name",
        "retell",
        ("voice_name",),
        retell(voice_name="Adri\udce1n"),
    ),
    *[
        BadInput(
            f"provider-{label}",
            "retell",
            (f"voice_provider={value!r} is not one of cartesia, elevenlabs, fish_audio, minimax, platform",),
            retell(voice_provider=value),
        )
        for label, value in (
            ("unknown", "playht"),
            ("response-only-openai", "openai"),
            ("wrong-case", "ElevenLabs"),
            ("padded", " elevenlabs"),
            ("empty", ""),
            ("int", 3),
            ("none", None),
        )
    ],
    BadInput("negative-max-retries", "retell", ("max_retries must be a whole number",), retell(max_retries=-1)),
    BadInput("str-max-retries", "retell", ("max_retries must be a whole number",), retell(max_retries="2")),
    BadInput(
        "on-progress-not-callable",
        "retell",
        ("on_progress",),
        retell(on_progress="print"),
    ),
]

VOGENT_ROWS = [
    BadInput("clip-as-list", "vogent", ("clip", "not a list"), vogent(lambda s: [s.wav])),
    BadInput("clip-as-empty-list", "vogent", ("clip", "not a list"), vogent(lambda _: [])),
    BadInput("empty-name", "vogent", ("name must not be empty or blank",), vogent(name="")),
    BadInput("blank-name", "vogent", ("name must not be empty or blank",), vogent(name="   ")),
    BadInput("int-name", "vogent", ("name must be a string, not int",), vogent(name=12)),
    BadInput("none-name", "vogent", ("name must be a string, not NoneType",), vogent(name=None)),
    BadInput(
        "surrogate-in-name",
        "vogent",
        ("name",),
        vogent(name="Support \ud83d"),
    ),
    BadInput("int-transcription", "vogent", ("transcription must be a string, not int",), vogent(transcription=5)),
    *[
        BadInput(f"model-{label}", "vogent", (f"model={value!r} is not one of CARTESIA, CSM",), vogent(model=value))
        for label, value in (("lower-case", "cartesia"), ("unknown", "XTTS"), ("padded", "CSM "), ("none", None))
    ],
]


def client_rows(vendor: str) -> list[BadInput]:
    """Bad API keys, base URLs and client options for ``vendor``'s front doors."""
    prefix = vendor.upper()
    key, url = f"api_key (or {prefix}_API_KEY)", f"base_url (or {prefix}_BASE_URL)"
    from_env = {"api_key": FROM_ENV}
    rows = [
        BadInput("key-missing", vendor, ("no API key", f"{prefix}_API_KEY"), client=from_env, env={"API_KEY": None}),
        BadInput("key-empty-in-env", vendor, (key, "is blank"), client=from_env, env={"API_KEY": ""}),
        BadInput("key-empty", vendor, (key, "is blank"), client={"api_key": ""}),
        BadInput("key-blank", vendor, (key, "is blank"), client={"api_key": " \t "}),
        BadInput("key-padded", vendor, (key, "leading or trailing whitespace"), client={"api_key": f" {FAKE_KEY}\n"}),
        BadInput(
            "key-padded-in-env",
            vendor,
            (key, "leading or trailing whitespace"),
            client=from_env,
            env={"API_KEY": f"{FAKE_KEY} "},
        ),
        BadInput("key-with-newline", vendor, (key, "control characters"), client={"api_key": f"{FAKE_KEY}\nX-A: b"}),
        BadInput("key-bytes", vendor, (key, "must be a string, not bytes"), client={"api_key": b"sk-bytes"}),
        BadInput(
            "key-none-and-no-env",
            vendor,
            ("no API key", f"{vendor.upper()}_API_KEY"),
            client={"api_key": None},
            env={"API_KEY": None},
        ),
        BadInput(
            "key-non-ascii",
            vendor,
            (key,),
            client={"api_key": f"sk\u2013{FAKE_KEY}"},
        ),
    ]
    rows += [
        BadInput(
            f"base-url-{label}", vendor, (url, "must be an absolute http:// or https:// URL"), client={"base_url": u}
        )
        for label, u in (
            ("ftp", "ftp://api.example.com"),
            ("no-scheme", "api.example.com/v1"),
            ("no-host", "http://"),
            ("empty", ""),
            ("file", "file:///etc/passwd"),
            ("javascript", "javascript:alert(1)"),
            ("websocket", "wss://api.example.com"),
        )
    ]
    rows += [
        BadInput(
            "base-url-ws-in-env",
            vendor,
            (url, "must be an absolute http:// or https:// URL"),
            client={"base_url": FROM_ENV},
            env={"BASE_URL": "ws://127.0.0.1:1"},
        ),
        BadInput("base-url-bytes", vendor, (url, "must be a string, not bytes"), client={"base_url": b"http://x"}),
        BadInput(
            "base-url-port-out-of-range",
            vendor,
            (url, "port"),
            base_url=lambda server_url: re.sub(r":(\d+)", lambda port: f":{int(port[1]) + 65536}", server_url, count=1),
        ),
        BadInput("client-max-retries-negative", vendor, ("max_retries must be",), client={"max_retries": -1}),
        BadInput("client-max-retries-bool", vendor, ("max_retries must be",), client={"max_retries": True}),
        BadInput(
            "retry-non-idempotent-str",
            vendor,
            ("retry_non_idempotent",),
            client={"retry_non_idempotent": "false"},
        ),
    ]
    return rows


ROWS: list[BadInput] = [
    *file_rows("retell"),
    *file_rows("vogent"),
    *RETELL_ROWS,
    *VOGENT_ROWS,
    *client_rows("retell"),
    *client_rows("vogent"),
]
