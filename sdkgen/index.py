"""The publish path rehearsed for real: a pypiserver index on loopback, twine uploads to it, pip installs from it.

:class:`LocalIndex` runs ``pypiserver`` on 127.0.0.1 on a free port, in its own process group, and stops it (the
whole group) however the block ends. :func:`round_trip` uploads built packages with ``twine upload``, installs them
into a fresh environment with ``pip install --index-url <local index>`` while their dependencies come from the
normal index (``--extra-index-url``, the index pip is configured with on this machine, see :func:`normal_index`),
checks from pip's report that the packages themselves came from the local index with the hashes just built, and
clones a voice with each.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sdkgen.build import Dist, sha256
from sdkgen.errors import SdkgenError
from sdkgen.install_check import Installed, install_and_probe
from sdkgen.process import run

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
UPLOAD_TIMEOUT_S = 300
PORT_ATTEMPTS = 5


@contextmanager
def local_index(packages: Path, log: Path) -> Iterator[LocalIndex]:
    """A started :class:`LocalIndex`, stopped when the block ends, however it ends."""
    index = LocalIndex(packages, log)
    try:
        index.start()
        yield index
    finally:
        index.stop()


class LocalIndex:
    """A pypiserver serving (and accepting uploads into) ``packages``, on 127.0.0.1 (see :func:`local_index`)."""

    def __init__(self, packages: Path, log: Path) -> None:
        self.packages = packages
        self.log = log
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The upload URL (also the root of the simple index): ``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def simple_url(self) -> str:
        """What pip's ``--index-url`` takes."""
        return f"{self.url}simple/"

    def start(self) -> None:
        """Start the server on a free port and return once it answers; a port taken meanwhile is retried."""
        self.packages.mkdir(parents=True, exist_ok=True)
        for _ in range(PORT_ATTEMPTS):
            self.port = _free_port()
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    [
                        sys.executable, "-m", "pypiserver", "run", "--host", "127.0.0.1", "--port", str(self.port),
                        "--authenticate", ".", "--passwords", ".", "--disable-fallback", "--server", "wsgiref",
                        str(self.packages),
                    ],
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                )  # fmt: skip
            if self._wait_ready():
                return
            self.stop()
        raise SdkgenError(f"pypiserver did not start on 127.0.0.1: see {self.log.name}:\n{self._log_tail()}")

    def stop(self) -> None:
        """Stop the server's whole process group and wait for it; idempotent."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT_S)

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}health", timeout=2):  # noqa: S310 - our loopback URL
                    return True
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        return False

    def _log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-2000:] if self.log.exists() else ""


@dataclass(frozen=True)
class RoundTrip:
    """What :func:`round_trip` did, and how long each step took."""

    index_url: str
    installed: Installed
    seconds: dict[str, float]


def round_trip(dists: Sequence[Dist], directory: Path) -> RoundTrip:
    """Upload ``dists`` to a fresh local index, install them from it into a fresh environment, probe each package;
    the index is stopped before this returns, whatever happens."""
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    with local_index(directory / "index", directory / "pypiserver.log") as index:
        seconds["start index"] = time.perf_counter() - start
        upload(index, [file for dist in dists for file in dist.files])
        seconds["upload"] = time.perf_counter() - start - sum(seconds.values())
        requirements = [f"{dist.vendor.project}=={dist.wheel.name.split('-')[1]}" for dist in dists]
        pip_args = ["--index-url", index.simple_url, "--extra-index-url", normal_index(), "--no-cache-dir"]
        installed = install_and_probe(requirements, [dist.vendor for dist in dists], directory / "install", pip_args)
        seconds["install and probe"] = time.perf_counter() - start - sum(seconds.values())
        for dist in dists:
            url, hashes = installed.download(dist.vendor.project)
            if not url.startswith(index.url) or not url.split("#")[0].endswith(dist.wheel.name):
                raise SdkgenError(f"pip took {dist.vendor.project} from {url}, not from the local index's wheel")
            if hashes.get("sha256") != sha256(dist.wheel):
                raise SdkgenError(f"{dist.vendor.project} from the index is not the wheel just built: {hashes}")
    seconds["total"] = time.perf_counter() - start
    return RoundTrip(index.simple_url, installed, seconds)


def upload(index: LocalIndex, files: Sequence[Path]) -> None:
    """``twine upload`` to ``index`` (which takes any credentials)."""
    command = [
        sys.executable, "-m", "twine", "upload", "--non-interactive", "--disable-progress-bar",
        "--repository-url", index.url, "--username", "rehearsal", "--password", "rehearsal", *map(str, files),
    ]  # fmt: skip
    env = {key: value for key, value in os.environ.items() if not key.startswith("TWINE_")}
    run(command, f"twine upload to {index.url}", timeout=UPLOAD_TIMEOUT_S, env=env)


def normal_index() -> str:
    """The index pip uses here when told nothing: ``$PIP_INDEX_URL``, else the configured ``index-url``, else pip's
    own default. Read from pip, so that no index is named in the repository."""
    if os.environ.get("PIP_INDEX_URL"):
        return os.environ["PIP_INDEX_URL"]
    for key in ("install.index-url", "global.index-url"):
        result = subprocess.run(
            [sys.executable, "-m", "pip", "config", "get", key], capture_output=True, text=True, check=False, timeout=60
        )
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    from pip._internal.models.index import PyPI  # noqa: PLC0415 - pip's default index, only when nothing is set

    return str(PyPI.simple_url)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
