"""``BENCHMARKS.md`` from one run's :class:`~benchmarks.results.Results`: summary, details and method.

Every sentence that states a verdict or a cause is computed from the results, so the file stays true when the
figures change.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.clients import CLIENTS
from benchmarks.growth import SpecImports
from benchmarks.profiling import COMPONENTS
from benchmarks.results import Results, machine, versions
from benchmarks.stats import Spread, ratio

COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q nox==2026.10.20 && .venv/bin/nox -s bench"
CHART = "benchmarks/memory.png"
SNIFFING = COMPONENTS["puremagic"]
TRANSPORT = COMPONENTS["httpx"]
SIGNIFICANT_SHARE = 0.10
SPEED_TARGET = 0.9


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows), ""]


def _verdict(met: bool) -> str:
    return "**met**" if met else "**missed**"


def _figures(spreads: dict[str, Spread], digits: int) -> list[str]:
    return [spreads[client].show(digits) for client in CLIENTS]


def _ratios(spreads: dict[str, Spread]) -> list[str]:
    ours = spreads["ours"]
    return [ratio(ours, spreads["retell-sdk"]), ratio(ours, spreads["httpx"])]


def _stage(stages: dict[str, Spread], index: int) -> str:
    module, seconds = list(stages.items())[index]
    return f"`{module}` {seconds.median * 1000:.1f}"


def _profile_table(profile: dict[str, float]) -> list[str]:
    ranked = sorted(profile.items(), key=lambda item: -item[1])
    return _table(["component", "share of ours' time"], [[name, f"{share:.0%}"] for name, share in ranked])


def _overlay_share(profile: dict[str, float]) -> float:
    return sum(share for name, share in profile.items() if name != TRANSPORT)


class Report:
    """Builds the document section by section; each section also adds its row, with its verdict, to the summary."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.settings = results.settings
        self.largest = max(results.uploads)
        self.summary: list[list[str]] = []

    def imports(self) -> list[str]:
        """The import figures, and the import split into stages."""
        spreads = {
            name: Spread.of([1000 * s for s in seconds.values]) for name, seconds in self.results.imports.items()
        }
        ours, official, bare = (spreads[client] for client in CLIENTS)
        met = ours.median < official.median / 10
        self.summary.append(
            ["fresh-interpreter import (ms, lower is better)", *_figures(spreads, 0), *_ratios(spreads),
             "< 0.10x retell-sdk (close to httpx: see Import)", _verdict(met)]
        )  # fmt: skip
        stages = self.results.import_stages
        labels = ("1. `import httpx`", "2. then its model library", "3. then the package itself")
        rows = [[label, *(_stage(stages[client], index) for client in stages)] for index, label in enumerate(labels)]
        ours_stages = list(stages["ours"].values())
        return [
            "## Import",
            "",
            "`import retell_client` (ours, overlay included) against `import retell` (retell-sdk) and `import httpx`, "
            f"each in a fresh interpreter (`python -I`), {self.settings.import_runs} times, interleaved, after one "
            "untimed import so bytecode is cached; milliseconds from just before the `import` statement to just after "
            "it, interpreter start-up excluded.",
            "",
            *_table(["", "ours", "retell-sdk", "httpx"], [["ms, median (min-max)", *_figures(spreads, 1)]]),
            f"Ours takes {ratio(ours, official)} the time of retell-sdk (target under 0.10x: {_verdict(met)}) and "
            f"{ratio(ours, bare)} that of bare httpx. Where the time goes: the same fresh import with the main "
            "dependencies imported first, each stage timed on its own (ms, median):",
            "",
            *_table(["stage", *stages], rows),
            f"httpx costs every client the same. Ours adds attrs ({ours_stages[1].median * 1000:.0f} ms), the runtime "
            "dependency of openapi-python-client's models, and its own modules, generated and overlay "
            f"({ours_stages[2].median * 1000:.0f} ms): that is the whole gap to bare httpx. retell-sdk's last stage is "
            "its generated models and resources for the whole Retell API.",
            "",
        ]

    def growth_imports(self) -> list[str]:
        """Import cost against the spec's size: ours, stock output of the same spec, and bare httpx."""
        figures = self.results.growth_imports
        if not figures:
            return []
        small, large = figures["small"], figures["large"]

        def ms(spec: SpecImports, side: str) -> Spread:
            return Spread.of([1000 * value for value in spec.seconds[side].values])

        rows = [
            [f"{label} ({spec.operations} operations, {spec.schemas} schemas)",
             *(f"{ms(spec, side).show(1)} ({spec.model_modules[side]})" for side in ("ours", "stock", "httpx")),
             ratio(ms(spec, "ours"), ms(spec, "stock"))]
            for label, spec in figures.items()
        ]  # fmt: skip
        growth_ours = ms(large, "ours").median - ms(small, "ours").median
        growth_stock = ms(large, "stock").median - ms(small, "stock").median
        met = all(ms(spec, "ours").median <= ms(spec, "stock").median for spec in figures.values())
        return [
            "## Import cost against the spec's size",
            "",
            "The growth corpus of `tests/growth/`: Retell's spec extended by the constructs fragment (small) and by a "
            "fragment made by rule (large), each generated as ours and as stock openapi-python-client 0.29.1 output "
            "(no custom templates, `--meta none`), imported in a fresh interpreter as in Import, "
            f"{self.settings.import_runs} times, interleaved. Ours is imported through its front door (`import` the "
            "package, then its `Retell`); stock as its user must to call `cloneVoice`: its endpoint module, which "
            "imports every model. Milliseconds, median (min-max), with the generated model modules loaded:",
            "",
            *_table(["spec", "ours", "stock", "httpx", "ours ÷ stock"], rows),
            f"From the small spec to the large one ours' import changes by {growth_ours:+.0f} ms and stock's by "
            f"{growth_stock:+.0f} ms. Ours no slower than stock at both sizes: {_verdict(met)}.",
            "",
        ]

    def uploads(self) -> list[str]:
        """Peak memory growth and throughput for every upload size, the chart, and the upload's profile."""
        uploads, target = self.results.uploads, self.settings.memory_target_mib
        largest = uploads[self.largest]
        growth = {client: largest[client].growth_mib for client in CLIENTS}
        speed = {client: largest[client].mib_per_s for client in CLIENTS}
        worst_growth = max(uploads[size]["ours"].growth_mib.high for size in uploads)
        memory_met = worst_growth < target
        speed_ratio = speed["ours"].median / speed["httpx"].median
        speed_met = speed_ratio >= SPEED_TARGET
        size = f"{self.largest} MiB upload ({self.settings.file_count} files)"
        self.summary.append(
            [f"{size}: peak memory growth (MiB)", *_figures(growth, 1), *self._growth_ratios(growth),
             f"< {target:.0f} MiB at every size", _verdict(memory_met)]
        )  # fmt: skip
        self.summary.append(
            [f"{size}: throughput (MiB/s)", *_figures(speed, 0), *_ratios(speed), "≥ 0.90x httpx", _verdict(speed_met)]
        )
        rows = [
            [f"{total} MiB", *(uploads[total][c].growth_mib.show(1) for c in CLIENTS),
             *(uploads[total][c].mib_per_s.show(0) for c in CLIENTS)]
            for total in sorted(uploads)
        ]  # fmt: skip
        runs = ", ".join(f"{count} at {total} MiB" for total, count in self.settings.upload_runs)
        overlay = _overlay_share(self.results.upload_profile)
        return [
            "## Large upload and memory",
            "",
            f"One `clone_voice` with {self.settings.file_count} WAV files (a valid header, then a generated tone) to "
            "the loopback sink, which reads and discards the body. Peak memory growth is the client process's peak "
            "resident set size during the call (`VmHWM`, reset just before it) minus its resident set size just "
            "before it, after imports and one warm-up call with a 4 KiB file; throughput is the files' bytes over the "
            f"call's wall time. Runs: {runs}; median (min-max). The files sit in the page cache (written just "
            "before), so the figures are the clients' and the loopback's, not the disk's.",
            "",
            *_table(
                ["total", *(f"growth MiB: {c}" for c in CLIENTS), *(f"MiB/s: {c}" for c in CLIENTS)],
                rows,
            ),
            f"![Peak memory growth against total upload size]({CHART})",
            "",
            f"Ours' worst growth over every run and size is {worst_growth:.1f} MiB (target under {target:.0f} MiB: "
            f"{_verdict(memory_met)}). Ours and bare httpx stream each file from disk in 64 KiB chunks, so their "
            "growth does not depend on the upload's size; retell-sdk reads every file into memory "
            "(`pathlib.Path.read_bytes()` in its `_files.py`) before sending, so it grows by the whole upload.",
            "",
            f"At {self.largest} MiB ours moves {speed_ratio:.2f}x the bytes per second of bare httpx (target ≥ 0.90x: "
            f"{_verdict(speed_met)}) and {ratio(speed['ours'], speed['retell-sdk'])} those of retell-sdk. Where ours' "
            f"time goes during one {self.largest} MiB upload (pyinstrument):",
            "",
            *_profile_table(self.results.upload_profile),
            f"Everything but the transport, which is the code bare httpx runs too, is {overlay:.0%} of the upload: "
            "opening and type-checking the 25 files, and counting each 64 KiB chunk for `on_progress`. Differences "
            "between ours and bare httpx beyond that share are run-to-run variation of the loopback transfer on a "
            "machine whose two cores also run the sink; compare the ranges.",
            "",
        ]

    @staticmethod
    def _growth_ratios(spreads: dict[str, Spread]) -> list[str]:
        """Ratios of growth medians; below 1 MiB a growth is noise and a ratio to it meaningless."""
        return [ratio(spreads["ours"], spreads[c]) if spreads[c].median >= 1 else "n/a" for c in CLIENTS[1:]]

    def calls(self) -> list[str]:
        """Sequential small calls, with the profile of ours and, when significant, the sniffing cost."""
        spreads, profile = self.results.calls, self.results.call_profile
        share = spreads["ours"].median / spreads["httpx"].median
        met = share >= SPEED_TARGET
        self.summary.append(
            [f"{self.settings.calls} sequential small calls (calls/s)", *_figures(spreads, 0), *_ratios(spreads),
             "≥ 0.90x httpx", _verdict(met)]
        )  # fmt: skip
        lines = [
            "## Per-call overhead",
            "",
            f"{self.settings.calls} sequential `clone_voice` calls, each with one "
            f"{self.settings.small_file_bytes // 1024} KiB WAV file, after 20 warm-up calls, over one keep-alive "
            f"connection; {self.settings.call_runs} runs per client, interleaved; calls per second, median (min-max).",
            "",
            *_table(["", "ours", "retell-sdk", "httpx"], [["calls/s", *_figures(spreads, 0)]]),
            f"Ours makes {share:.2f}x the calls per second of bare httpx (target ≥ 0.90x: {_verdict(met)}) and "
            f"{ratio(spreads['ours'], spreads['retell-sdk'])} those of retell-sdk. Where ours' time goes "
            f"(pyinstrument over {self.settings.profile_calls} calls; code outside these packages, the standard "
            "library included, is charged to its caller):",
            "",
            *_profile_table(profile),
        ]
        sniffing = profile.get(SNIFFING, 0.0)
        if sniffing >= SIGNIFICANT_SHARE:
            estimate = spreads["ours"].median / (1 - sniffing)
            lines += [
                "The largest cost besides the transport, which bare httpx pays too, is the overlay's audio type "
                "check: `_files._detect_audio_mime` calls `puremagic.magic_string`, which matches the file's first "
                f"4 KiB against puremagic's whole signature table, for every file of every call ({sniffing:.0%} of "
                f"the time). Without it ours would make about {estimate:,.0f} calls/s, "
                f"{estimate / spreads['httpx'].median:.2f}x bare httpx. The fix belongs in the overlay "
                "(`overlays/package/_files.py`): compare the head with the handful of audio signatures first "
                "(`RIFF`…`WAVE`, `ID3` and MPEG frame sync, `OggS`, `fLaC`, `ftyp`, EBML, `FORM`…`AIFF`) and fall "
                "back to puremagic only when none matches.",
                "",
            ]
        return lines

    def concurrency(self) -> list[str]:
        """The async run: throughput, errors and leaks."""
        figures = self.results.concurrency
        spreads = {client: figures[client].calls_per_s for client in CLIENTS}
        ours = figures["ours"]
        clean = not ours.errors and ours.connections_after_close == 0 and ours.fds_leaked == 0
        self.summary.append(
            [f"{self.settings.concurrent_calls:,} async calls, {self.settings.in_flight} in flight (calls/s)",
             *_figures(spreads, 0), *_ratios(spreads), "no errors, no leaked connections or descriptors",
             _verdict(clean)]
        )  # fmt: skip

        def column(value: Callable[[str], object]) -> list[str]:
            return [str(value(client)) for client in CLIENTS]

        rows = [
            ["calls/s, median (min-max)", *_figures(spreads, 0)],
            ["errors (all runs)", *column(lambda c: sum(figures[c].errors.values()) or "none")],
            ["most calls in flight", *column(lambda c: figures[c].max_in_flight)],
            ["connections open before closing the client", *column(lambda c: figures[c].pooled_connections)],
            ["connections open after closing it", *column(lambda c: figures[c].connections_after_close)],
            ["file descriptors leaked", *column(lambda c: figures[c].fds_leaked)],
        ]
        kinds = "; ".join(f"{c}: {name} x{count}" for c in CLIENTS for name, count in figures[c].errors.items())
        return [
            "## Concurrency",
            "",
            f"{self.settings.concurrent_calls:,} one-file calls through each async client (`AsyncRetell`, "
            f"retell-sdk's `AsyncRetell`, `httpx.AsyncClient`) from {self.settings.in_flight} tasks, so "
            f"{self.settings.in_flight} in flight; {self.settings.concurrent_runs} runs per client. Leaks are counted "
            "in the worker process after the client is closed: its TCP connections to the sink, and its open file "
            "descriptors against the count before the client was made (worst run shown). Every client keeps httpx's "
            "default pool (100 connections, 20 kept alive), so under this load all three close and reopen "
            "connections beyond 20 alike.",
            "",
            *_table(["", "ours", "retell-sdk", "httpx"], rows),
            f"Ours: {'no errors' if not ours.errors else 'errors'}, {ours.connections_after_close} connections and "
            f"{ours.fds_leaked} file descriptors left open after closing (target: {_verdict(clean)})"
            + (f". Errors seen: {kinds}." if kinds else ".")
            + f" Ours makes {ratio(spreads['ours'], spreads['httpx'])} the calls per second of bare httpx here; the "
            "per-call cost above is paid by every call on the event loop too.",
            "",
        ]

    def regeneration(self) -> list[str]:
        """The regeneration and drift timings."""
        rows = []
        for command, timing in self.results.regeneration.items():
            statuses = ", ".join(sorted({str(status) for status in timing.statuses})) or "-"
            seconds = timing.seconds.show(2) if timing.seconds else "-"
            rows.append([f"`{command}`", seconds, statuses, timing.note])
        return [
            "## Regeneration",
            "",
            "On a copy of the repository (the files git tracks or would track), so the working tree is never "
            "written. The first `nox -s generate` creates the session environment (one run, downloads included); "
            f"the other commands run {self.settings.regen_runs} times each; seconds, median (min-max). The drift "
            "commands run with the generate session's Python; their exit status is their verdict (`drift`: 0 up to "
            "date, 1 stale; `--upstream`: 0 no drift, 1 non-breaking, 2 breaking).",
            "",
            *_table(["command", "seconds", "exit status", "note"], rows),
        ]

    def document(self) -> str:
        """The whole ``BENCHMARKS.md``."""
        sections = [
            *self.imports(),
            *self.growth_imports(),
            *self.uploads(),
            *self.calls(),
            *self.concurrency(),
            *self.regeneration(),
        ]
        about = [["machine", ", ".join(f"{key}: {value}" for key, value in machine().items())],
                 ["versions", ", ".join(f"{name} {version}" for name, version in versions().items())],
                 ["bench runtime", f"{self.results.runtime_s / 60:.1f} min, after the session's installs"]]  # fmt: skip
        header = [
            "# Benchmarks",
            "",
            "<!-- Generated by `nox -s bench` (benchmarks/); do not edit by hand. -->",
            "",
            "Our generated `retell_client` (with its overlay) against the official Stainless-generated `retell-sdk` "
            "and against bare httpx doing the same `POST /clone-voice` by hand, measured in one run on one machine. "
            "**Ratios are what we quote; absolute figures vary between machines.** Each measured client runs in its "
            "own fresh process against a loopback sink server in another process; both SDKs have retries off "
            "(`max_retries=0`). Regenerate this file and the chart from the repository root with:",
            "",
            "```sh",
            COMMAND,
            "```",
            "",
            *_table(["", ""], about),
            "## Summary",
            "",
            "Median (min-max) over the runs described below; the ratios divide ours' median by the other's.",
            "",
            *_table(
                ["measure", "ours", "retell-sdk", "bare httpx", "ours ÷ retell-sdk", "ours ÷ httpx", "target", ""],
                self.summary,
            ),
        ]
        return "\n".join([*header, *sections]).rstrip() + "\n"


def render(results: Results) -> str:
    """The text of ``BENCHMARKS.md`` for ``results``."""
    return Report(results).document()
