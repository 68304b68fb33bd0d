"""Where per-call time goes, by component, from a pyinstrument profile.

Time is charged to the component of the code that runs it; the standard library, builtins and anything not listed in
:data:`COMPONENTS` are charged to their caller's component, so ``len()`` called by puremagic counts as puremagic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyinstrument.frame import Frame

COMPONENTS = {
    "retell_client": "retell_client (generated code and overlay)",
    "puremagic": "puremagic (audio type sniffing)",
    "attr": "attrs",
    "attrs": "attrs",
    "httpx": "httpx, httpcore, h11 (transport)",
    "httpcore": "httpx, httpcore, h11 (transport)",
    "h11": "httpx, httpcore, h11 (transport)",
    "anyio": "httpx, httpcore, h11 (transport)",
    "idna": "httpx, httpcore, h11 (transport)",
    "certifi": "httpx, httpcore, h11 (transport)",
    "sniffio": "httpx, httpcore, h11 (transport)",
    "retell": "retell-sdk",
    "pydantic": "pydantic",
    "pydantic_core": "pydantic",
    "benchmarks": "benchmark loop",
}
OTHER = "Python start-up and standard library"
_SITE_PACKAGE = re.compile(r"[/\\]site-packages[/\\]([A-Za-z0-9_]+)")


def _component_of_path(path: str | None) -> str | None:
    if path is None:
        return None
    if path.startswith("<attrs generated"):
        return COMPONENTS["attrs"]
    match = _SITE_PACKAGE.search(path)
    if match:
        return COMPONENTS.get(match.group(1))
    return COMPONENTS["benchmarks"] if re.search(r"[/\\]benchmarks[/\\]", path) else None


def time_by_component(root: Frame) -> dict[str, float]:
    """Seconds of ``root``'s samples charged to each component."""
    totals: defaultdict[str, float] = defaultdict(float)
    pending: list[tuple[Frame, str]] = [(root, _component_of_path(root.file_path) or OTHER)]
    while pending:
        frame, inherited = pending.pop()
        component = _component_of_path(frame.file_path) or inherited
        totals[component] += frame.total_self_time
        pending.extend((child, component) for child in frame.children if not child.is_synthetic)
    return dict(totals)
