"""The chart of peak memory growth against total upload size, one line per client."""

from __future__ import annotations

from pathlib import Path

from benchmarks.clients import CLIENTS
from benchmarks.measures import Upload

COLOURS = {"ours": "#1b7837", "retell-sdk": "#c51b7d", "httpx": "#4575b4"}
STYLES = {"ours": ("o", "-", 3), "retell-sdk": ("s", "-", 2), "httpx": ("^", "--", 1)}
"""Marker, line style and drawing order: ours on top, since it and bare httpx overlap near zero."""
LABELS = {"ours": "ours (retell_client)", "retell-sdk": "retell-sdk 6.2.13", "httpx": "bare httpx, streaming"}


def memory_chart(uploads: dict[int, dict[str, Upload]], target_mib: float, path: Path) -> None:
    """Write a PNG of each client's median peak memory growth (with its range) per total upload size to ``path``."""
    import matplotlib as mpl  # noqa: PLC0415 - only the report needs matplotlib

    mpl.use("Agg")
    from matplotlib import pyplot as plt  # noqa: PLC0415 - after choosing the non-interactive backend

    sizes = sorted(uploads)
    figure, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
    for client in CLIENTS:
        spreads = [uploads[size][client].growth_mib for size in sizes]
        medians = [spread.median for spread in spreads]
        errors = [[m - s.low for m, s in zip(medians, spreads, strict=True)],
                  [s.high - m for m, s in zip(medians, spreads, strict=True)]]  # fmt: skip
        marker, line, order = STYLES[client]
        axes.errorbar(
            sizes, medians, yerr=errors, marker=marker, linestyle=line, zorder=order, capsize=3,
            color=COLOURS[client], label=f"{LABELS[client]}: {medians[-1]:,.1f} MiB at {sizes[-1]} MiB",
        )  # fmt: skip
    axes.axhline(target_mib, color="grey", linestyle="--", linewidth=1, label=f"target: {target_mib:.0f} MiB")
    axes.set_xlabel("total upload size (MiB, 25 files)")
    axes.set_ylabel("peak RSS growth during the call (MiB)")
    axes.set_title("Client memory growth vs upload size (median, min-max)")
    axes.set_xticks(sizes)
    axes.set_ylim(bottom=-0.03 * axes.get_ylim()[1])
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
