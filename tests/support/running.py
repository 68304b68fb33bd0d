"""Running a front-door call to completion whether the client is sync or async."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

from .audio import wav_bytes

WAV = wav_bytes()


class Runner:
    """Runs a front-door call to completion, awaiting it on this runner's loop when the client is async."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __call__(self, result: Any) -> Any:
        return self.loop.run_until_complete(result) if inspect.isawaitable(result) else result

    def clone(self, client: Any, name: str = "surface", **options: Any) -> Any:
        """``client.clone_voice`` on one WAV file (Retell's arguments), run to completion."""
        return self(client.clone_voice([WAV], voice_name=name, voice_provider="elevenlabs", **options))

    def close(self, client: Any) -> None:
        """Release the client's connections."""
        self(client.aclose() if hasattr(client, "aclose") else client.close())

    def shutdown(self) -> None:
        """Close the loop as ``asyncio.run()`` does, letting dropped async generators finish first."""
        self.loop.run_until_complete(asyncio.sleep(0))
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()
