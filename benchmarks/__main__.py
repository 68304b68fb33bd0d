"""``python -m benchmarks``: run every measurement, then write ``BENCHMARKS.md`` and the memory chart.

Run it through ``nox -s bench``, which installs the clients, retell-sdk and the tools first. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import growth, measures, regen
from benchmarks.audio import MIB, write_set
from benchmarks.chart import memory_chart
from benchmarks.report import CHART, render
from benchmarks.results import Results, Settings

ROOT = Path(__file__).resolve().parents[1]


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(settings: Settings, scratch: Path) -> Results:
    """Every measurement of ``settings``, with the sample files and the repository copy under ``scratch``."""
    started = time.perf_counter()
    _say(f"importing each client in fresh interpreters ({settings.import_runs} runs)")
    imports = measures.imports(settings.import_runs)
    stages = measures.import_stages(settings.import_runs)
    _say(f"generating the growth corpus' specs, ours and stock, and importing each ({settings.import_runs} runs)")
    growth_imports = growth.growth_imports(scratch / "growth", settings.import_runs)
    _say("writing sample files")
    small = write_set(scratch / "small", 1, settings.small_file_bytes)[0]
    sets = {
        total: write_set(scratch / f"{total}-mib", settings.file_count, total * MIB // settings.file_count)
        for total, _ in settings.upload_runs
    }
    with measures.sink() as base_url:
        _say(f"uploading {', '.join(f'{total} MiB' for total in sets)}")
        uploads = measures.uploads(base_url, sets, small, dict(settings.upload_runs))
        upload_profile = measures.profile(base_url, sets[max(sets)], 1, small)
        _say(f"{settings.calls} sequential calls ({settings.call_runs} runs), then a profile of ours")
        calls = measures.calls(base_url, small, settings.calls, settings.call_runs)
        call_profile = measures.profile(base_url, [small], settings.profile_calls, small)
        _say(
            f"{settings.concurrent_calls} async calls, {settings.in_flight} at a time ({settings.concurrent_runs} runs)"
        )
        concurrency = measures.concurrency(
            base_url, small, settings.concurrent_calls, settings.in_flight, settings.concurrent_runs
        )
    _say("regenerating on a copy of the repository")
    regeneration = regen.regeneration(ROOT, scratch, settings.regen_runs)
    return Results(
        settings=settings,
        imports=imports,
        import_stages=stages,
        uploads=uploads,
        calls=calls,
        call_profile=call_profile,
        upload_profile=upload_profile,
        concurrency=concurrency,
        regeneration=regeneration,
        runtime_s=time.perf_counter() - started,
        growth_imports=growth_imports,
    )


def main() -> None:
    """Command line: ``python -m benchmarks [--quick] [--output BENCHMARKS.md]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run of each, no 1 GB upload: to try the harness")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the report")
    args = parser.parse_args()
    settings = Settings.quick() if args.quick else Settings()
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        results = run(settings, Path(scratch))
    memory_chart(results.uploads, settings.memory_target_mib, ROOT / CHART)
    args.output.write_text(render(results), encoding="utf-8")
    _say(f"wrote {args.output.name} and {CHART} in {results.runtime_s / 60:.1f} min")


if __name__ == "__main__":
    main()
