"""``accepted_warnings`` in ``specs/<vendor>/config.yaml``: an unlisted generator warning fails generation, so does a
listed one that no longer occurs, and a listed one that occurs lets generation through, its construct skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import SLIPS, GrowthSpec, build_ours, extend, fragment

from sdkgen.config import AcceptedWarning
from sdkgen.errors import SdkgenError
from sdkgen.generate import check_warnings

RAW_BODY = "POST /uploads/raw within default. Endpoint will not be generated. Unsupported content type application/xml"
NDJSON = "Cannot parse response for status code <code> (Unsupported content_type application/xml)"
REASONS = {RAW_BODY: "uploads are sent by the front door", NDJSON: "events are read as a stream by hand"}


def warned(accepted: list[str], *, with_warnings: bool = True) -> GrowthSpec:
    """Retell's spec with the warnings fragment (or with the constructs fragment, whose only warnings, its slips, are
    accepted), and ``accepted`` listed under accepted_warnings with their reasons."""
    addition = fragment("warnings" if with_warnings else "constructs")
    entries = tuple({"match": match, "reason": REASONS[match]} for match in accepted) + (() if with_warnings else SLIPS)
    return GrowthSpec("warned-retell", "retell", extend("retell", addition), entries)


def test_unlisted_warnings_fail_generation_naming_each_and_the_way_out(tmp_path: Path) -> None:
    with pytest.raises(SdkgenError) as caught:
        build_ours(warned([]), tmp_path)
    message = str(caught.value)
    assert message.startswith("specs/retell/openapi.yaml: 2 warning(s) not accepted")
    assert f"\n  openapi-python-client: WARNING parsing {RAW_BODY}" in message
    assert NDJSON in message
    assert "accepted_warnings in config.yaml" in message
    assert "object at 0x" not in message, "the message is the same on every run"


def test_one_listed_warning_still_fails_on_the_other(tmp_path: Path) -> None:
    with pytest.raises(SdkgenError, match=r": 1 warning\(s\) not accepted") as caught:
        build_ours(warned([NDJSON]), tmp_path)
    assert RAW_BODY in str(caught.value)
    assert NDJSON not in str(caught.value)


def test_listed_warnings_let_generation_through_without_the_constructs_they_skip(tmp_path: Path) -> None:
    project = build_ours(warned([RAW_BODY, NDJSON]), tmp_path)
    package = project / "warned_retell_client"
    assert not (package / "api" / "default" / "upload_raw.py").exists(), "the generator skips that endpoint"
    events = (package / "api" / "default" / "upload_events.py").read_text(encoding="utf-8")
    assert "response.status_code == 204" in events
    assert "response.status_code == 200" not in events, "the ndjson answer is omitted"
    operations = (package / "_operations.py").read_text(encoding="utf-8")
    assert '"uploadEvents"' in operations
    assert '"uploadRaw"' not in operations


def test_a_listed_warning_that_no_longer_occurs_fails_generation(tmp_path: Path) -> None:
    with pytest.raises(SdkgenError, match=r"no longer occurs: remove it from config\.yaml") as caught:
        build_ours(warned([NDJSON], with_warnings=False), tmp_path)
    assert repr(NDJSON) in str(caught.value)


def test_the_same_warning_reads_the_same_on_every_run(tmp_path: Path) -> None:
    messages = []
    for run in ("one", "two"):
        with pytest.raises(SdkgenError) as caught:
            build_ours(warned([]), tmp_path / run)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


def test_an_error_fails_generation_even_when_its_text_is_listed(tmp_path: Path) -> None:
    # OpenAPI 3.2 passes the validator, but openapi-python-client 0.29.1 cannot read it: no client comes of it.
    spec = {**extend("retell", {}), "openapi": "3.2.0"}
    accepted = ({"match": "Failed to parse OpenAPI document", "reason": "no reason makes an error acceptable"},)
    with pytest.raises(SdkgenError, match="openapi-python-client failed: Failed to parse OpenAPI document") as caught:
        build_ours(GrowthSpec("unreadable-retell", "retell", spec, accepted), tmp_path)
    assert str(caught.value).startswith("specs/retell/openapi.yaml: ")


def test_one_entry_may_accept_several_warnings_and_is_used_by_any() -> None:
    warnings = [f"h Unsupported content type {kind}" for kind in ("a/b", "c/d")]
    check_warnings(warnings, [AcceptedWarning(match="Unsupported content type", reason="r")], "specs/x/openapi.yaml")
