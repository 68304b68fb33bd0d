"""Import cost against the spec's size: the growth corpus' small and large specs (``tests/growth/corpus.py``), each
generated as ours and as stock openapi-python-client output, imported in fresh interpreters next to bare httpx.

Ours is imported as a user starts, through the front door (``import <package>`` and its ``Retell``); stock as its user
must to call ``cloneVoice``: its endpoint module, which imports the models package and with it every model. Runs are
interleaved (ours, stock, httpx, ours, ...) after one untimed import of each, so bytecode is cached.
``python -m benchmarks.growth`` runs this measure alone and prints its figures.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.stats import Spread

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "growth" / "corpus.py"
IMPORT_TIMEOUT_S = 60
SIDES = ("ours", "stock", "httpx")
_PROBE = """
import sys, time
sys.path[:0] = {paths!r}
start = time.perf_counter()
{statement}
elapsed = time.perf_counter() - start
print(elapsed, sum(1 for name in sys.modules if ".models." in name))
"""


@dataclass(frozen=True)
class SpecImports:
    """One spec's size and the import seconds of each side (``ours``, ``stock``, ``httpx``)."""

    operations: int
    schemas: int
    seconds: dict[str, Spread]
    model_modules: dict[str, int]
    """How many generated model modules each side's import loaded."""


def corpus() -> ModuleType:
    """``tests/growth/corpus.py``, loaded from its file (``tests`` is no package)."""
    spec = importlib.util.spec_from_file_location("growth_corpus", CORPUS)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {CORPUS.relative_to(ROOT)}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _probe(paths: list[str], statement: str) -> tuple[float, int]:
    code = _PROBE.format(paths=paths, statement=statement)
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S, check=True
    )
    elapsed, models = result.stdout.split()
    return float(elapsed), int(models)


def _statements(built: Any) -> dict[str, tuple[list[str], str]]:
    growth = built.growth
    return {
        "ours": ([str(built.ours_path)], f"import {growth.package}\n{growth.package}.Retell"),
        "stock": ([str(built.stock_path)], f"import {growth.stock_package}.api.default.clone_voice"),
        "httpx": ([], "import httpx"),
    }


def growth_imports(scratch: Path, runs: int) -> dict[str, SpecImports]:
    """For the corpus' small (constructs) and large Retell specs: build both packages under ``scratch``, then time
    each side's import ``runs`` times."""
    growth = corpus()
    specs = {"small": growth.constructs("retell"), "large": growth.large()}
    figures: dict[str, SpecImports] = {}
    for label, spec in specs.items():
        built = growth.build_both(spec, scratch / label)
        statements = _statements(built)
        models = {side: _probe(*statements[side])[1] for side in SIDES}
        seconds: dict[str, list[float]] = {side: [] for side in SIDES}
        for _ in range(runs):
            for side in SIDES:
                seconds[side].append(_probe(*statements[side])[0])
        schemas = len(spec.spec["components"]["schemas"])
        operations = sum(len(item) for item in spec.spec["paths"].values())
        figures[label] = SpecImports(operations, schemas, {s: Spread.of(v) for s, v in seconds.items()}, models)
    return figures


def main() -> None:
    """Print this measure's figures (ms, median (min-max)) without running the rest of the benchmarks."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as scratch:
        figures = growth_imports(Path(scratch), runs)
    for label, spec in figures.items():
        cells = ", ".join(
            f"{side} {Spread.of([1000 * v for v in spec.seconds[side].values]).show(1)} ms "
            f"({spec.model_modules[side]} model modules)"
            for side in SIDES
        )
        print(f"{label} spec ({spec.operations} operations, {spec.schemas} schemas): {cells}")


if __name__ == "__main__":
    main()
