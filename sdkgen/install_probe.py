"""Run inside a fresh virtual environment by :mod:`sdkgen.install_check`: import an installed package and clone a
voice with it against a loopback server. Standard library only, so that nothing but the package under test and its
own dependencies is installed.

Usage: ``python -I install_probe.py PLAN_JSON``, where the plan (see :func:`sdkgen.install_check.plan`) names the
package, its front door, the call's arguments and the answer the server gives. Prints a JSON summary; exits 1 with
the reason on stderr when anything differs from the plan.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import sys
import tempfile
import threading
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

API_KEY = "install-probe-key"


def _server(plan: dict[str, Any], seen: list[dict[str, Any]]) -> ThreadingHTTPServer:
    answer = json.dumps(plan["response"]["body"]).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            seen.append(
                {
                    "path": self.path,
                    "content_type": self.headers.get("Content-Type", ""),
                    "authorization": self.headers.get("Authorization", ""),
                    "has_audio": b"RIFF" in body and b"WAVE" in body,
                }
            )
            self.send_response(plan["response"]["status"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


def _sample(directory: Path) -> Path:
    path = directory / "sample.wav"
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(8000)
        audio.writeframes(b"\x00\x01" * 800)
    return path


def _fail(message: str) -> None:
    print(f"install probe: {message}", file=sys.stderr)
    sys.exit(1)


def main(plan: dict[str, Any]) -> dict[str, Any]:
    """Import the package, check its version, clone a voice against a loopback server; return a summary."""
    package = importlib.import_module(plan["import_name"])
    location = str(Path(package.__file__ or "").resolve())
    if not location.startswith(str(Path(sys.prefix).resolve())):
        _fail(f"{plan['import_name']} was imported from {location}, not from the environment {sys.prefix}")
    version = getattr(package, "__version__", None)
    installed = importlib.metadata.version(plan["distribution"])
    if version != plan["version"] or installed != plan["version"]:
        _fail(f"version: __version__ {version!r}, metadata {installed!r}, expected {plan['version']!r}")
    seen: list[dict[str, Any]] = []
    server = _server(plan, seen)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            sample = str(_sample(Path(scratch)))
            files = [sample] if plan["files_as_list"] else sample
            base_url = f"http://127.0.0.1:{server.server_port}{plan['base_path']}"
            with getattr(package, plan["front_door"])(api_key=API_KEY, base_url=base_url) as client:
                result = getattr(client, plan["method"])(files, **plan["arguments"])
    finally:
        server.shutdown()
        server.server_close()
    if len(seen) != 1:
        _fail(f"the server saw {len(seen)} requests, expected 1")
    request = seen[0]
    expected_path = plan["base_path"] + plan["path"]
    checks = {
        "path": request["path"] == expected_path,
        "multipart": request["content_type"].startswith("multipart/form-data"),
        "authorization": request["authorization"] == f"Bearer {API_KEY}",
        "audio": request["has_audio"],
        "result": result.to_dict() == plan["response"]["body"],
    }
    failed = [name for name, passed in checks.items() if not passed]
    if failed:
        _fail(f"checks failed: {', '.join(failed)}; request {request}, result {result!r}")
    return {"package": plan["distribution"], "version": version, "location": location, "request": request}


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
