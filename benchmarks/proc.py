"""The worker process's own resources, from ``/proc`` (Linux): resident memory now and at peak, a peak reset, open
file descriptors and TCP connections."""

from __future__ import annotations

import os
import re
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")
_RESET_PEAK = "5"
_FDS = Path("/proc/self/fd")
_TCP_TABLES = (Path("/proc/self/net/tcp"), Path("/proc/self/net/tcp6"))


def _status_kib(field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB$", _STATUS.read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{_STATUS} has no {field} line")
    return int(match.group(1))


def rss_bytes() -> int:
    """Resident set size now (``VmRSS``)."""
    return _status_kib("VmRSS") * 1024


def peak_rss_bytes() -> int:
    """Peak resident set size since the process started or :func:`reset_peak` (``VmHWM``)."""
    return _status_kib("VmHWM") * 1024


def reset_peak() -> None:
    """Reset ``VmHWM`` to the current RSS (writing 5 to ``clear_refs``, Linux 4.0+), so the next peak is the call's."""
    _CLEAR_REFS.write_text(_RESET_PEAK)
    if peak_rss_bytes() > rss_bytes() + (1 << 20):
        raise RuntimeError("this kernel did not reset VmHWM: peak memory cannot be measured per call")


def open_fds() -> int:
    """How many file descriptors this process has open."""
    return len(os.listdir(_FDS))


def tcp_connections_to(port: int) -> int:
    """How many of this process's TCP sockets are connected to ``port`` (on any address)."""
    inodes = set()
    for fd in os.listdir(_FDS):
        try:
            inodes.add(os.readlink(_FDS / fd))
        except FileNotFoundError:  # the descriptor os.listdir itself used
            continue
    count = 0
    for table in _TCP_TABLES:
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            count += remote_port == port and f"socket:[{fields[9]}]" in inodes
    return count
