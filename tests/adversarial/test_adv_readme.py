"""The README's figures for the adversarial suite are those of its tables."""

from __future__ import annotations

import re

from support.attacks.bad_inputs import ROWS
from support.attacks.faults import FAULTS
from support.attacks.load import CALLS, FAULT_EVERY, IN_FLIGHT
from support.attacks.regeneration import BROKEN_SPECS

from sdkgen.vendors import ROOT


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Adversarial suite\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no 'Adversarial suite' section"
    return match.group(1)


def test_the_readme_states_the_suites_figures():
    figures = section()
    for figure in (
        f"**{len(ROWS)} bad inputs**",
        f"**{len(FAULTS)} injected faults**",
        f"{len(FAULTS) * 2 * 2 * 2} cases",
        f"**{CALLS:,} async calls, {IN_FLIGHT} in flight, {100 // FAULT_EVERY}% failed with 429/503**",
        f"**{len(BROKEN_SPECS)} broken specs and 1 generator killed**",
    ):
        assert figure in figures
