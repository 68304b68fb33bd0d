"""Repeated measurements summarised as median and range."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """The values of one figure over repeated runs."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        """A spread over ``values`` (at least one)."""
        if not values:
            raise ValueError("a spread needs at least one value")
        return cls(tuple(values))

    @property
    def median(self) -> float:
        """The median value."""
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        """The smallest value."""
        return min(self.values)

    @property
    def high(self) -> float:
        """The largest value."""
        return max(self.values)

    def show(self, digits: int = 0) -> str:
        """``median (min-max)``, rounded to ``digits`` decimals."""
        if len(self.values) == 1:
            return f"{self.median:,.{digits}f}"
        return f"{self.median:,.{digits}f} ({self.low:,.{digits}f}-{self.high:,.{digits}f})"


def ratio(numerator: Spread, denominator: Spread) -> str:
    """The ratio of two medians as ``1.23x`` (``<0.01x`` below that)."""
    value = numerator.median / denominator.median
    return f"{value:.2f}x" if value >= 0.005 else "<0.01x"
