"""The three renderings of an upstream comparison: a terminal table, JSON for tools, markdown for a pull request."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sdkgen.drift.model import HygieneWarning, Report, Severity, Verdict

_HEADINGS = ("SEVERITY", "KIND", "LOCATION", "MESSAGE")
_VERDICT_TEXT = {
    Verdict.NONE: "no drift",
    Verdict.NON_BREAKING: "non-breaking drift",
    Verdict.BREAKING: "BREAKING drift",
}


def as_json(report: Report) -> str:
    """``{"vendor", "verdict", "base", "upstream", "changes": [{"severity", "kind", "location", "message"}],
    "warnings": [{"source", "location", "message"}]}``."""
    document: dict[str, Any] = {
        "vendor": report.vendor,
        "verdict": report.verdict.value,
        "base": report.base,
        "upstream": report.upstream,
        "changes": [
            {"severity": c.severity.value, "kind": c.kind, "location": c.location, "message": c.message}
            for c in report.changes
        ],
        "warnings": [{"source": w.source, "location": w.location, "message": w.message} for w in report.warnings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def error_json(vendor: str | None, message: str) -> str:
    """The JSON object for a comparison that could not be made: verdict ``error`` and the reason."""
    document: dict[str, Any] = {"vendor": vendor, "verdict": Verdict.ERROR.value, "message": message, "changes": []}
    return json.dumps(document, indent=2, ensure_ascii=False)


def as_text(report: Report) -> str:
    """A summary line, the sources, then a table of the changes and the spec warnings."""
    lines = [
        f"{report.vendor}: {_VERDICT_TEXT[report.verdict]}{_counts(report)}",
        f"  base      {report.base}",
        f"  upstream  {report.upstream}",
    ]
    if report.changes:
        rows = [_HEADINGS, *((c.severity.value, c.kind, c.location, c.message) for c in report.changes)]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        lines.append("")
        lines.extend("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]])
                     for row in rows)  # fmt: skip
    lines.extend(warnings_text(report.warnings))
    return "\n".join(lines)


def warnings_text(warnings: Sequence[HygieneWarning]) -> list[str]:
    """Lines listing the hygiene warnings, empty when there are none."""
    return ["", *(f"warning: {w.source}: {w.location}: {w.message}" for w in warnings)] if warnings else []


def as_markdown(report: Report) -> str:
    """A pull request body: the verdict, what was compared, a table of the changes and the spec warnings."""
    project = f"{report.vendor}-client"
    lines = [f"## Upstream spec drift: {report.vendor}: {_VERDICT_TEXT[report.verdict]}", ""]
    if report.changes:
        lines.append(
            f"Upstream {_code(report.upstream)} differs from {_code(report.base)}{_counts(report)}, judged for code "
            f"that uses `{project}`."
        )
    else:
        lines.append(f"Upstream {_code(report.upstream)} matches {_code(report.base)}.")
    if report.verdict is Verdict.BREAKING:
        lines += ["", f"**Callers of `{project}` need changes**: review the breaking rows before merging."]
    if report.changes:
        lines += ["", "| Severity | Kind | Location | Change |", "|---|---|---|---|"]
        for change in report.changes:
            severity = f"**{change.severity.value}**" if change.severity is Severity.BREAKING else change.severity.value
            cells = (severity, _code(change.kind), _code(change.location), _cell(change.message))
            lines.append(f"| {' | '.join(cells)} |")
    if report.warnings:
        lines += ["", "### Spec warnings", ""]
        lines += [f"- {_code(w.source)} {_code(w.location)}: {_cell(w.message)}" for w in report.warnings]
    lines += ["", f"<sub>Report of `python -m sdkgen drift --vendor {report.vendor}`.</sub>"]
    return "\n".join(lines)


FORMATS: dict[str, Callable[[Report], str]] = {"text": as_text, "json": as_json, "markdown": as_markdown}


def _counts(report: Report) -> str:
    if not report.changes:
        return ""
    breaking = sum(change.severity is Severity.BREAKING for change in report.changes)
    return f" ({breaking} breaking, {len(report.changes) - breaking} non-breaking)"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{_cell(text)}{fence}"
