"""The values a drift check produces: changes with a severity, hygiene warnings, and the verdict of a comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How a change affects code that uses the generated client once it is regenerated."""

    BREAKING = "breaking"
    NON_BREAKING = "non-breaking"


class Verdict(StrEnum):
    """The outcome of one comparison; :attr:`exit_code` is the command's exit status for it."""

    NONE = "none"
    NON_BREAKING = "non-breaking"
    BREAKING = "breaking"
    ERROR = "error"

    @property
    def exit_code(self) -> int:
        """0 no drift, 1 only non-breaking drift, 2 at least one breaking change, 3 an error."""
        return {"none": 0, "non-breaking": 1, "breaking": 2, "error": 3}[self.value]


@dataclass(frozen=True, order=True)
class Change:
    """One semantic difference between two specs.

    ``kind`` names the rule and, for a rule that can go either way, the direction: ``enum-value-removed``,
    ``required-added`` (a field became required), ``required-removed`` (it became optional)... ``location`` is where
    it applies, in the form ``POST /clone-voice request[multipart/form-data].voice_provider``.
    """

    severity: Severity
    kind: str
    location: str
    message: str


@dataclass(frozen=True, order=True)
class HygieneWarning:
    """An inconsistency inside one spec, such as a description naming a value its enum does not list."""

    source: str
    location: str
    message: str


@dataclass(frozen=True)
class Report:
    """The comparison of ``base`` with ``upstream`` for ``vendor``; changes are sorted, breaking ones first."""

    vendor: str
    base: str
    upstream: str
    changes: tuple[Change, ...]
    warnings: tuple[HygieneWarning, ...] = field(default=())

    @property
    def verdict(self) -> Verdict:
        """``breaking`` if any change is, ``non-breaking`` if there are only others, ``none`` without changes."""
        if any(change.severity is Severity.BREAKING for change in self.changes):
            return Verdict.BREAKING
        return Verdict.NON_BREAKING if self.changes else Verdict.NONE


def toggled(kind: str, now: bool) -> str:
    """The direction-specific kind of a property that was switched on (``-added``) or off (``-removed``)."""
    return f"{kind}-added" if now else f"{kind}-removed"
