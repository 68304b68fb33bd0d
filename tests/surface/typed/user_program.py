"""A user's program as the READMEs describe it: type-checked with mypy --strict and pyright strict, never run."""

from __future__ import annotations

import asyncio

import httpx
import retell_client
from retell_client import (
    APIResponse,
    APIStatusError,
    AsyncRetell,
    InvalidInputError,
    RateLimitError,
    ResponseValidationError,
    Retell,
    VoiceResponse,
)
from vogent_client import AIVoice, AsyncVogent, Vogent


def report(sent: int, total: int | None) -> None:
    """A progress callback: ``total`` is None when a file's length is unknown."""
    print(f"{sent}/{total if total is not None else '?'} bytes")


def sync_use() -> str:
    client = Retell(api_key="sk-example", timeout=30.0, max_retries=3)
    voice: VoiceResponse = client.clone_voice(
        ["sample.wav"], voice_name="Adrian", voice_provider="elevenlabs", on_progress=report, timeout=120.0
    )
    quick = client.with_options(timeout=httpx.Timeout(5.0, connect=2.0), max_retries=0, headers={"X-Team": "a"})
    raw: APIResponse[VoiceResponse] = quick.with_raw_response.clone_voice(
        ["sample.wav"], voice_name="Raw", voice_provider="cartesia", extra_headers={"X-Trace": "1"}
    )
    parsed: VoiceResponse = raw.parse()
    request_id: str | None = raw.request_id
    try:
        client.clone_voice(["a.wav"], voice_name="x", voice_provider="minimax")
    except RateLimitError as error:
        status: int = error.status_code
        print(status, error.request_id)
    except APIStatusError as error:
        print(error.status_code, error.message, error.body)
    except ResponseValidationError as error:
        print(error.data, error.raw_body)
    except InvalidInputError as error:
        print(error.message)
    with httpx.Client(proxy="http://127.0.0.1:3128") as http:
        proxied = Retell(api_key="sk-example", http_client=http)
        proxied.close()
    client.close()
    return f"{voice.voice_id} {parsed.voice_id} {request_id} {retell_client.__version__}"


async def async_use() -> AIVoice:
    async with AsyncVogent(api_key="sk-example") as client:
        voice = await client.clone_voice("clip.wav", name="Support", model="CARTESIA", on_progress=report)
        raw = await client.with_raw_response.clone_voice("clip.wav", name="Raw", model="CSM")
        print(raw.status_code, raw.elapsed)
        return voice


async def async_retell() -> VoiceResponse:
    async with AsyncRetell(api_key="sk-example", deadline=600.0) as client:
        return await client.clone_voice(["a.wav"], voice_name="A", voice_provider="elevenlabs")


def vogent_sync() -> AIVoice:
    with Vogent(api_key="sk-example").with_headers({"X-A": "b"}) as client:
        return client.clone_voice(b"RIFF....WAVE", name="n", model="CSM", transcription="hello")


if __name__ == "__main__":
    asyncio.run(async_use())
