"""The one way sdkgen runs another program: output captured, a time limit, and any failure an :class:`SdkgenError`
that names what was run and shows what it printed."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from sdkgen.errors import SdkgenError


def run(
    command: Sequence[str],
    what: str,
    *,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Run ``command`` and return its standard output; ``what`` names it in errors (``"twine check"``).

    A program that cannot start, runs past ``timeout`` seconds or exits non-zero is an :class:`SdkgenError` with
    its output.
    """
    try:
        result = subprocess.run(
            list(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise SdkgenError(f"{what}: did not finish in {timeout:g} s") from exc
    except OSError as exc:
        raise SdkgenError(f"{what}: cannot run {command[0]}: {exc.strerror}") from exc
    if result.returncode != 0:
        raise SdkgenError(f"{what} failed (exit {result.returncode}):\n{(result.stdout + result.stderr).strip()}")
    return result.stdout
