"""``accepted_warnings`` in ``specs/<vendor>/config.yaml``: generator warnings read the same on every run."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import GrowthSpec, build_ours, extend, fragment

from sdkgen.errors import SdkgenError

RAW_BODY = (
    "POST /uploads/raw within default. Endpoint will not be generated. Unsupported content type application/x-unknown"
)
NDJSON = "Cannot parse response for status code <code> (Unsupported content_type application/x-ndjson)"
REASONS = {RAW_BODY: "uploads are sent by the front door", NDJSON: "events are read as a stream by hand"}


def warned(accepted: list[str], *, with_warnings: bool = True) -> GrowthSpec:
    """Retell's spec with the warnings fragment (or with the constructs fragment, which warns about nothing), and
    ``accepted`` listed under accepted_warnings with their reasons."""
    addition = fragment("warnings" if with_warnings else "constructs")
    entries = tuple({"match": match, "reason": REASONS[match]} for match in accepted)
    return GrowthSpec("warned-retell", "retell", extend("retell", addition), entries)


def test_the_same_warning_reads_the_same_on_every_run(tmp_path: Path) -> None:
    messages = []
    for run in ("one", "two"):
        with pytest.raises(SdkgenError) as caught:
            build_ours(warned([]), tmp_path / run)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert NDJSON in messages[0]
