"""Hand-made mutants: each breaks one key behaviour in a scratch copy of the repository, and the tests of that behaviour
must fail against it (the mutant is killed); a mutant whose tests still pass survived, and shows a behaviour no test
pins down.

Run by ``nox -s mutants`` (not part of the test run): ``python tests/mutation/mutants.py [--list] [ID ...]``. The copy
is imported ahead of the installed packages (``PYTHONPATH``), so the installed ones stay untouched. A mutant of an
overlay module is applied to the overlay and to both generated packages' copies of it; a mutant of a template is
applied to the template, and both packages are regenerated from it. Each mutant must find its original text exactly
once, so a change to the code it mutates makes it fail loudly instead of silently testing nothing. Exit status: 0
when every mutant was killed, 1 when any survived or could not run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIED = (
    "sdkgen",
    "overlays",
    "generated",
    "specs",
    "tests",
    ".github",
    ".ci",
    "pyproject.toml",
    "README.md",
    "LICENSE",
)
IGNORED = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".pytest_cache", ".sdkgen-*", ".*.previous", "mutation")
PACKAGES = {"retell-client": "retell_client", "vogent-client": "vogent_client"}
TIMEOUT_S = 600

RETRIES = ("tests/retries",)
SECRETS = ("tests/secrets", "tests/configuration/test_front_doors.py")
WIRE = ("tests/wire", "tests/templates/test_stock_defects.py")
FILES = (
    "tests/files",
    "tests/retries/test_resending.py",
    "tests/wire/test_redirects.py",
    "tests/adversarial/test_adv_bad_inputs.py",
)
READING = ("tests/wire/test_bounded_reading.py", "tests/errors")
DRIFT = ("tests/drift/test_drift_corpus.py", "tests/drift/test_drift_cli.py")


@dataclass(frozen=True)
class Mutant:
    """Replace ``old`` by ``new`` in ``path`` (relative to the repository), then run ``tests``."""

    id: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]
    what: str
    equivalent: str = ""
    """Why no test can kill the mutant, when it behaves like the original: it is reported, but fails nothing."""


MUTANTS = [
    # The retry policy (overlays/package/_retries.py) and what may be sent again (_transport.py).
    Mutant("retry-503-unsafe", "overlays/package/_retries.py", "frozenset({429, 503})", "frozenset({429})", RETRIES,
           "a 503 is no longer retried by default"),
    Mutant("retry-after-body-sent", "overlays/package/_retries.py",
           "return not error.request_written or self.retry_non_idempotent or replayable(request)", "return True",
           RETRIES, "a connection dropped after the request went out is retried without the opt-in"),
    Mutant("retry-5xx-without-opt-in", "overlays/package/_retries.py",
           "return self.retry_non_idempotent and (error.status_code in (408, 409) or error.status_code >= 500)",
           "return error.status_code in (408, 409) or error.status_code >= 500", RETRIES,
           "408, 409 and 5xx answers are retried without the opt-in (a duplicate voice)"),
    Mutant("retry-opt-in-drops-500", "overlays/package/_retries.py", "error.status_code >= 500",
           "error.status_code > 500", RETRIES, "the opt-in no longer retries a 500"),
    Mutant("retry-wait-uncapped", "overlays/package/_retries.py",
           "return wait <= MAX_RETRY_WAIT_S and wait < remaining", "return True", RETRIES,
           "a Retry-After of an hour, or past the deadline, is sat through"),
    Mutant("retry-after-non-finite", "overlays/package/_headers.py",
           "    if not math.isfinite(seconds):\n        return None\n", "", RETRIES,
           "a nan or inf Retry-After is taken as a delay"),
    Mutant("retry-after-ignored", "overlays/package/_retries.py",
           "        return requested\n", "        pass\n", RETRIES,
           "the server's Retry-After is ignored for the backoff"),
    Mutant("retry-no-backoff", "overlays/package/_retries.py",
           "backoff = min(MAX_BACKOFF_S, INITIAL_BACKOFF_S * 2.0 ** (attempt - 1))", "backoff = 0.0",
           RETRIES, "retries without Retry-After come at once"),
    Mutant("retry-resends-spent-streams", "overlays/package/_transport.py",
           "            self._sending.uploads.check_resendable()\n", "            pass\n", RETRIES,
           "a one-pass stream already sent is sent again (empty) on a retry"),
    # Redaction of the key (overlays/package/_secrets.py).
    Mutant("redact-nothing", "overlays/package/_secrets.py", "text = _pattern(secret).sub(REDACTED, text)",
           "text = text", SECRETS, "redact() leaves the key in place"),
    Mutant("redact-inside-words", "overlays/package/_secrets.py",
           'rf"(?<![{_KEY_CHAR}]){re.escape(secret)}(?![{_KEY_CHAR}])"', "re.escape(secret)", SECRETS,
           "the key is redacted inside longer words too"),
    Mutant("redact-logs-skipped", "overlays/package/_secrets.py",
           "record.msg, record.args = redact(message, keys), None", "pass", SECRETS,
           "log records showing the key go out unredacted"),
    Mutant("redact-causes-skipped", "overlays/package/_secrets.py", "        current = current.__cause__\n",
           "        current = None\n", SECRETS, "the causes of an exception keep the key"),
    Mutant("redact-httpx-logger-unfiltered", "overlays/package/_secrets.py", 'LOGGERS = ("httpx", ',
           "LOGGERS = (", SECRETS, "httpx's own log records are not filtered"),
    # The multipart boundary fix (overlays/templates/endpoint_module.py.jinja).
    Mutant("boundary-fixed", "overlays/templates/endpoint_module.py.jinja",
           '{% set body = endpoint.bodies[0] %}\n    {{ body_to_kwarg(body) | indent(4) }}\n'
           '    {%- if body.content_type != "multipart/form-data" %}\n'
           '    headers["Content-Type"] = "{{ body.content_type | in_double_quote_literal }}"\n    {% endif %}',
           '{% set body = endpoint.bodies[0] %}\n    {{ body_to_kwarg(body) | indent(4) }}\n'
           '    headers["Content-Type"] = "{{ body.content_type | in_double_quote_literal }}'
           '{% if body.content_type == "multipart/form-data" %}; boundary=+++{% endif %}"\n', WIRE,
           "multipart bodies get stock output's fixed boundary +++ back"),
    Mutant("boundary-dropped", "overlays/templates/endpoint_module.py.jinja",
           '{% set body = endpoint.bodies[0] %}\n    {{ body_to_kwarg(body) | indent(4) }}\n'
           '    {%- if body.content_type != "multipart/form-data" %}',
           '{% set body = endpoint.bodies[0] %}\n    {{ body_to_kwarg(body) | indent(4) }}\n    {%- if true %}', WIRE,
           "multipart bodies declare multipart/form-data with no boundary at all"),
    # File checks (overlays/package/_files.py).
    Mutant("files-empty-content-accepted", "overlays/package/_files.py",
           '    if not head:\n        raise InvalidInputError(f"{label}: is empty")\n', "", FILES,
           "empty bytes and file objects are no longer refused as empty"),
    Mutant("files-directory-unnamed", "overlays/package/_files.py",
           '    if stat.S_ISDIR(info.st_mode):\n'
           '        raise InvalidInputError(f"{shown}: is a directory, not a file")\n',
           "", FILES, "a directory is refused only as 'not a regular file'"),
    Mutant("files-mime-unchecked", "overlays/package/_files.py",
           "(not isinstance(mime_type, str) or not _MIME_TYPE.fullmatch(mime_type))",
           "(not isinstance(mime_type, str))", FILES, "a tuple's MIME type may hold CR LF and inject part headers"),
    Mutant("files-tuple-path-sent", "overlays/package/_files.py", "return os.path.basename(name), content, mime_type",
           "return name, content, mime_type", FILES, "a tuple's filename goes out with its directories"),
    Mutant("files-one-pass-resent-by-redirect", "overlays/package/_files.py",
           "        if self.started:\n            raise StreamNotRewindableError(",
           "        if False:\n            raise StreamNotRewindableError(",
           FILES, "a followed redirect sends a one-pass stream again, empty"),
    Mutant("files-one-pass-resent-by-retry", "overlays/package/_files.py",
           "            if isinstance(payload, ForwardOnlyStream) and payload.started:",
           "            if False:", FILES,
           "a retry sends a one-pass stream again instead of refusing"),
    Mutant("files-growth-unnoticed", "overlays/package/_files.py", "                if self._raw.read(1):",
           "                if False:", FILES, "a file that grows while it is sent is not noticed"),
    Mutant("files-text-mode-accepted", "overlays/package/_files.py",
           "if isinstance(content, io.TextIOBase) or isinstance(content.read(0), str):", "if False:", FILES,
           "text-mode file objects are accepted"),
    Mutant("files-non-audio-accepted", "overlays/package/_files.py",
           "    if found is None:\n        seen = describe(head)",
           '    if found is None:\n        return "application/octet-stream", None\n        seen = describe(head)',
           FILES,
           "files that are not audio are sent"),
    # Bounded reading (overlays/package/_decoding.py, _transport.py).
    Mutant("read-decoded-unbounded", "overlays/package/_decoding.py", "        budget = self._limit - self._size\n",
           "        budget = 1 << 62\n", READING,
           "decoded bodies are no longer bounded (a decompression bomb inflates)"),
    Mutant("read-raw-unbounded", "overlays/package/_transport.py",
           "            if len(self._raw) + len(chunk) > self.limit:", "            if False:", READING,
           "the bytes kept as received are no longer cut at the limit"),
    Mutant("read-error-body-uncapped", "overlays/package/_transport.py",
           "            limit = min(limit, ERROR_BODY_BYTES)\n", "            pass\n", READING,
           "an error answer is read whole, however long"),
    Mutant("read-any-charset", "overlays/package/_decoding.py", 'if getattr(info, "_is_text_encoding", True):',
           "if True:", READING, "any codec a server names (rot13, base64) decodes the body",
           equivalent="bytes.decode() itself refuses codecs that are not text encodings (LookupError), and the "
           "fallback to UTF-8 catches that: the check only spares the exception"),
    Mutant("read-undecodable-text-raises", "overlays/package/_decoding.py",
           'return content.decode("utf-8", errors="replace")', 'return content.decode("utf-8")', READING,
           "a body that is not valid UTF-8 in an untrusted charset raises instead of being read"),
    Mutant("read-gzip-end-unchecked", "overlays/package/_decoding.py",
           'if not self._inflater.eof and self._coding == "gzip":', "if False:", READING,
           "a gzip body that ends early is taken as complete"),
    Mutant("read-raw-deflate-refused", "overlays/package/_decoding.py", 'if not (first and self._coding == "deflate"):',
           "if True:", READING, "raw deflate bodies (no zlib header) are refused"),
    Mutant("read-deadline-ignored", "overlays/package/_network.py",
           "    left = max(ends - time.monotonic(), _LEAST_S)\n", "    return timeout\n", READING,
           "the call's deadline no longer bounds each socket operation"),
    # The drift verdicts (sdkgen/drift/).
    Mutant("drift-operation-removed-non-breaking", "sdkgen/drift/compare.py", 'Change(_B, "operation-removed"',
           'Change(_N, "operation-removed"', DRIFT, "a removed operation is called non-breaking"),
    Mutant("drift-required-parameter-non-breaking", "sdkgen/drift/compare.py", 'Change(_B, "parameter-added"',
           'Change(_N, "parameter-added"', DRIFT, "a new required parameter is called non-breaking"),
    Mutant("drift-request-enum-removal-non-breaking", "sdkgen/drift/schemas.py", 'site.add(True, "enum-value-removed"',
           'site.add(not site.request, "enum-value-removed"', DRIFT,
           "a value removed from a request enum is called non-breaking"),
    Mutant("drift-enum-addition-breaking", "sdkgen/drift/schemas.py", 'site.add(False, "enum-value-added", message)',
           'site.add(True, "enum-value-added", message)', DRIFT, "a value added to an enum is called breaking"),
    Mutant("drift-error-bodies-breaking", "sdkgen/drift/schemas.py", "        if self.direction is Direction.ERROR:\n",
           "        if False:\n", DRIFT, "changes in error bodies, which the client does not parse, count as breaking"),
    Mutant("drift-verdict-needs-all-breaking", "sdkgen/drift/model.py",
           "if any(change.severity is Severity.BREAKING for change in self.changes):",
           "if all(change.severity is Severity.BREAKING for change in self.changes) and self.changes:", DRIFT,
           "one breaking change among others no longer makes the verdict breaking"),
    Mutant("drift-breaking-exits-1", "sdkgen/drift/model.py", '"breaking": 2', '"breaking": 1', DRIFT,
           "breaking drift exits 1, like non-breaking drift"),
]  # fmt: skip


def copy_repository(destination: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=IGNORED)
        elif source.exists():
            shutil.copyfile(source, destination / name)


def environment(scratch: Path) -> dict[str, str]:
    """The environment that imports sdkgen and both packages from ``scratch`` ahead of the installed ones."""
    paths = [str(scratch), *(str(scratch / "generated" / project) for project in PACKAGES)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    for name in ("COVERAGE_PROCESS_START", "COVERAGE_PROCESS_CONFIG"):
        env.pop(name, None)
    return env


def targets(mutant: Mutant) -> list[str]:
    """The files the mutant changes: an overlay module also in each generated package."""
    paths = [mutant.path]
    if mutant.path.startswith("overlays/package/"):
        module = Path(mutant.path).name
        paths += [f"generated/{project}/{package}/{module}" for project, package in PACKAGES.items()]
    return paths


def run(scratch: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python ARGUMENTS`` in ``scratch``, importing from it."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=scratch,
        env=environment(scratch),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def run_tests(scratch: Path, tests: tuple[str, ...], *, stop_early: bool) -> subprocess.CompletedProcess[str]:
    return run(scratch, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(("-x",) if stop_early else ()), *tests)


def regenerate(scratch: Path) -> None:
    result = run(scratch, "-m", "sdkgen", "generate")
    if result.returncode != 0:
        raise RuntimeError(f"regeneration failed:\n{result.stdout}{result.stderr}")


def check_imports(scratch: Path) -> None:
    """The scratch copy's sdkgen and packages are the ones imported, not the installed ones."""
    code = "import sdkgen, retell_client as r, vogent_client as v; print(sdkgen.__file__, r.__file__, v.__file__)"
    found = run(scratch, "-c", code).stdout.split()
    outside = [path for path in found if not Path(path).resolve().is_relative_to(scratch.resolve())]
    if outside:
        raise RuntimeError(f"imported from outside the scratch copy: {outside}")


def apply(scratch: Path, mutant: Mutant) -> dict[Path, str]:
    """Apply ``mutant`` in ``scratch``; the original text of each file changed, to restore it. Nothing is changed
    unless every file holds the text to mutate exactly once."""
    originals = {scratch / relative: (scratch / relative).read_text(encoding="utf-8") for relative in targets(mutant)}
    for path, text in originals.items():
        if text.count(mutant.old) != 1:
            found = text.count(mutant.old)
            raise RuntimeError(
                f"{mutant.id}: {path.relative_to(scratch)} holds the text to mutate {found} times, not once"
            )
    for path, text in originals.items():
        path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    return originals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="run only these mutants")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    args = parser.parse_args(argv)
    chosen = [mutant for mutant in MUTANTS if not args.ids or mutant.id in args.ids]
    if args.list or not chosen:
        for mutant in MUTANTS:
            print(f"{mutant.id:42} {mutant.path}: {mutant.what}{' (equivalent)' if mutant.equivalent else ''}")
        return 0 if chosen else 1

    results: list[tuple[Mutant, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as directory:
        scratch = Path(directory)
        copy_repository(scratch)
        check_imports(scratch)
        selections = tuple(dict.fromkeys(test for mutant in chosen for test in mutant.tests))
        print(f"baseline: {', '.join(selections)}", flush=True)
        baseline = run_tests(scratch, selections, stop_early=False)
        if baseline.returncode != 0:
            print(baseline.stdout[-4000:], baseline.stderr[-2000:])
            print("the unmutated copy fails its tests: no mutant can be judged")
            return 1
        generated = scratch / "generated"
        pristine = scratch.parent / f"{scratch.name}-generated"
        shutil.copytree(generated, pristine, ignore=IGNORED)
        try:
            for mutant in chosen:
                started = time.monotonic()
                try:
                    originals = apply(scratch, mutant)
                except RuntimeError as stale:
                    print(f"error     {stale}", flush=True)
                    results.append((mutant, "error (stale mutant)", 0.0))
                    continue
                try:
                    if mutant.path.startswith("overlays/templates/"):
                        regenerate(scratch)
                    outcome = run_tests(scratch, mutant.tests, stop_early=True)
                    verdict = {0: "SURVIVED", 1: "killed"}.get(outcome.returncode, f"error (exit {outcome.returncode})")
                    if verdict != "killed":
                        print(outcome.stdout[-3000:], outcome.stderr[-1000:])
                finally:
                    for path, text in originals.items():
                        path.write_text(text, encoding="utf-8")
                    if mutant.path.startswith("overlays/templates/"):
                        shutil.rmtree(generated)
                        shutil.copytree(pristine, generated)
                elapsed = time.monotonic() - started
                results.append((mutant, verdict, elapsed))
                print(f"{verdict:9} {elapsed:6.1f} s  {mutant.id}: {mutant.what}", flush=True)
        finally:
            shutil.rmtree(pristine, ignore_errors=True)

    killed = sum(verdict == "killed" for _, verdict, _ in results)
    equivalent = [mutant for mutant, verdict, _ in results if verdict == "SURVIVED" and mutant.equivalent]
    print(f"\nmutation score: {killed}/{len(results)} killed ({len(equivalent)} survivor(s) equivalent)")
    for mutant, verdict, _ in results:
        if verdict != "killed":
            why = f" (equivalent: {mutant.equivalent})" if mutant in equivalent else ""
            print(f"  {verdict}: {mutant.id} ({mutant.path}): {mutant.what}{why}")
    return 0 if killed + len(equivalent) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
