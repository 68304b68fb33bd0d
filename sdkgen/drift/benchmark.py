"""How long the whole upstream check of both vendors takes, network aside: ``python -m sdkgen.drift.benchmark``.

For each vendor the check loads, validates and resolves the vendored spec, reports its hygiene, loads and validates
the vendored page as upstream, compares and renders the three report formats. ``cold`` is one run in a fresh
interpreter, imports included (interpreter start-up excluded); ``warm`` the median of repeated runs in one process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from sdkgen.drift.check import upstream_check
from sdkgen.drift.report import FORMATS
from sdkgen.vendors import VENDORS

WARM_RUNS = 20
_COLD = """
import time
start = time.perf_counter()
from sdkgen.drift.benchmark import check_all
check_all()
print(time.perf_counter() - start)
"""


def check_all() -> None:
    """The full upstream check of every vendor against its own vendored page, with every report format."""
    for vendor in VENDORS.values():
        report, _ = upstream_check(vendor, str(vendor.page_path()))
        for render in FORMATS.values():
            render(report)


def main() -> int:
    """Print the cold and warm timings in milliseconds."""
    cold = float(subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, check=True).stdout)
    warm = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        check_all()
        warm.append(time.perf_counter() - start)
    print(f"drift check of {', '.join(VENDORS)}: cold {cold * 1000:.0f} ms (imports included), "
          f"warm {statistics.median(warm) * 1000:.0f} ms (median of {WARM_RUNS})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
