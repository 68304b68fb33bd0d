"""The three clients measured, each behind the same two signatures: ``clone(paths) -> voice_id``, sync and async.

``ours`` is ``retell_client`` (``Retell`` / ``AsyncRetell`` from the overlay), ``retell-sdk`` the official
Stainless-generated SDK (given ``pathlib.Path`` objects, its documented way), ``httpx`` a bare ``httpx`` client
posting the same multipart form by hand with the files opened, so streamed. Retries are off in both SDKs
(``max_retries=0``) so every figure is one request. Each library is imported only when its client is opened, so a
worker process holds only the library it measures.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, Final

CLIENTS = ("ours", "retell-sdk", "httpx")
API_KEY = "bench-key"
VOICE_NAME = "bench voice"
PROVIDER: Final = "elevenlabs"
FORM = {"voice_name": VOICE_NAME, "voice_provider": PROVIDER}

Clone = Callable[[list[Path]], str]
AsyncClone = Callable[[list[Path]], Awaitable[str]]


def _multipart(paths: list[Path], stack: ExitStack) -> list[tuple[str, tuple[str, Any, str]]]:
    return [("files", (path.name, stack.enter_context(path.open("rb")), "audio/wav")) for path in paths]


def _voice_id(payload: Any) -> str:
    return str(payload["voice_id"])


@contextmanager
def sync_client(name: str, base_url: str) -> Iterator[Clone]:
    """Open the client ``name`` (one of :data:`CLIENTS`) against ``base_url``; yield its ``clone``; close it."""
    if name == "ours":
        from retell_client import Retell  # noqa: PLC0415 - imported only in the worker that measures it

        with Retell(api_key=API_KEY, base_url=base_url, max_retries=0) as ours:
            yield lambda paths: ours.clone_voice(paths, voice_name=VOICE_NAME, voice_provider=PROVIDER).voice_id
    elif name == "retell-sdk":
        from retell import Retell as Official  # noqa: PLC0415 - imported only in the worker that measures it

        with Official(api_key=API_KEY, base_url=base_url, max_retries=0) as official:
            yield (
                lambda paths: official.voice.clone(files=paths, voice_name=VOICE_NAME, voice_provider=PROVIDER).voice_id
            )
    elif name == "httpx":
        import httpx  # noqa: PLC0415 - imported only in the worker that measures it

        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as bare:

            def clone(paths: list[Path]) -> str:
                with ExitStack() as stack:
                    response = bare.post("/clone-voice", files=_multipart(paths, stack), data=FORM)
                return _voice_id(response.raise_for_status().json())

            yield clone
    else:
        raise ValueError(f"unknown client {name!r}; expected one of {', '.join(CLIENTS)}")


@asynccontextmanager
async def async_client(name: str, base_url: str) -> AsyncIterator[AsyncClone]:
    """The asynchronous counterpart of :func:`sync_client`: ``AsyncRetell``, the SDK's ``AsyncRetell``, or
    ``httpx.AsyncClient``."""
    async with AsyncExitStack() as exits:
        if name == "ours":
            from retell_client import AsyncRetell  # noqa: PLC0415 - imported only in the worker that measures it

            ours = await exits.enter_async_context(AsyncRetell(api_key=API_KEY, base_url=base_url, max_retries=0))

            async def clone(paths: list[Path]) -> str:
                return (await ours.clone_voice(paths, voice_name=VOICE_NAME, voice_provider=PROVIDER)).voice_id

        elif name == "retell-sdk":
            from retell import AsyncRetell as Official  # noqa: PLC0415 - imported only in the worker that measures it

            official = await exits.enter_async_context(Official(api_key=API_KEY, base_url=base_url, max_retries=0))

            async def clone(paths: list[Path]) -> str:
                return (
                    await official.voice.clone(files=paths, voice_name=VOICE_NAME, voice_provider=PROVIDER)
                ).voice_id

        elif name == "httpx":
            import httpx  # noqa: PLC0415 - imported only in the worker that measures it

            headers = {"Authorization": f"Bearer {API_KEY}"}
            bare = await exits.enter_async_context(httpx.AsyncClient(base_url=base_url, headers=headers))

            async def clone(paths: list[Path]) -> str:
                with ExitStack() as stack:
                    response = await bare.post("/clone-voice", files=_multipart(paths, stack), data=FORM)
                return _voice_id(response.raise_for_status().json())

        else:
            raise ValueError(f"unknown client {name!r}; expected one of {', '.join(CLIENTS)}")
        yield clone
