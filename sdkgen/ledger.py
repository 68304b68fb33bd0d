"""The ledger of template overrides: which stock template each override in ``overlays/templates/`` was merged from.

``overlays/templates/LEDGER.toml`` records, per override, the generator version and the SHA-256 of the stock
template it was last merged with. When a pin bump changes a stock template, :func:`stale_overrides` names it, so the
override is re-merged by hand instead of shadowing upstream's fix silently (``python -m sdkgen ledger`` prints them,
with the installed generator's version and the one each override was merged from; ``--record NAME`` records one).
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sdkgen import generator
from sdkgen.errors import SdkgenError
from sdkgen.pins import require_pinned
from sdkgen.vendors import ROOT

LEDGER = Path("overlays") / "templates" / "LEDGER.toml"


@dataclass(frozen=True)
class StaleOverride:
    """An override whose stock template is not the one it was merged from."""

    template: str
    reason: str


def digest(content: bytes) -> str:
    """The hex SHA-256 of ``content``."""
    return hashlib.sha256(content).hexdigest()


def overrides(root: Path = ROOT) -> list[str]:
    """Every template override shipped in ``overlays/templates/``, as a path below it."""
    base = root / LEDGER.parent
    return sorted(path.relative_to(base).as_posix() for path in base.rglob("*.jinja"))


def read_ledger(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """``LEDGER.toml``: for each override, ``{"generator": version, "stock_sha256": hash}``."""
    entries: dict[str, dict[str, str]] = tomllib.loads((root / LEDGER).read_text(encoding="utf-8")).get("templates", {})
    return entries


def stale_overrides(root: Path = ROOT) -> list[StaleOverride]:
    """Overrides whose ledger entry is missing, or whose stock template changed since it was merged."""
    ledger = read_ledger(root)
    stale = []
    for name in overrides(root):
        entry = ledger.get(name)
        if entry is None:
            stale.append(StaleOverride(name, "not in LEDGER.toml: record the stock template it was made from"))
            continue
        now = digest(generator.stock_template(name))
        if now != entry.get("stock_sha256"):
            stale.append(
                StaleOverride(
                    name,
                    "the stock template changed since it was merged from openapi-python-client "
                    f"{entry.get('generator')}: re-apply the override's delta to the new stock template, then record "
                    "its hash",
                )
            )
    stale += [
        StaleOverride(name, "in LEDGER.toml but not overridden: remove the entry")
        for name in ledger
        if name not in overrides(root)
    ]
    return stale


def changed_lines(name: str, root: Path = ROOT) -> int:
    """How many lines the override ``name`` adds or removes against the installed stock template."""
    ours = (root / LEDGER.parent / name).read_text(encoding="utf-8").splitlines()
    stock = generator.stock_template(name).decode("utf-8").splitlines()
    return sum(1 for line in difflib.ndiff(stock, ours) if line[:1] in "+-")


def recorded_text(names: Sequence[str], root: Path = ROOT) -> str:
    """``LEDGER.toml`` with only the overrides ``names`` recorded anew, against the installed generator's stock
    templates; every other entry is kept as it is. A name in the ledger that is no longer overridden is removed.
    The installed generator must be the pinned one, and each name an override or a ledger entry."""
    installed = generator.installed_version()
    require_pinned(generator.DISTRIBUTION, installed)
    entries = read_ledger(root)
    shipped = overrides(root)
    for name in names:
        if name in shipped:
            entries[name] = {"generator": installed, "stock_sha256": digest(generator.stock_template(name))}
        elif name in entries:
            del entries[name]
        else:
            raise SdkgenError(f"{name} is neither an override in {LEDGER.parent.as_posix()}/ nor in {LEDGER.name}: "
                              f"choose from {', '.join(sorted({*shipped, *entries}))}")  # fmt: skip
    lines = [
        "# The stock template each override in this folder was last merged from (see sdkgen/ledger.py).",
        "# After re-merging an override, record it (and only it) with `python -m sdkgen ledger --record NAME`.",
        "",
    ]
    for name in sorted(entries):
        lines += [
            f'[templates."{name}"]',
            f'generator = "{entries[name].get("generator", "")}"',
            f'stock_sha256 = "{entries[name].get("stock_sha256", "")}"',
            "",
        ]
    return "\n".join(lines)
