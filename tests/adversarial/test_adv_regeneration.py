"""Regeneration faults on a scratch copy of the repository: a broken spec or a killed generator leaves
``generated/`` byte-identical to before.

Unlike tests/pipeline/test_atomicity.py's cases (Vogent's spec broken while both are regenerated in the usual
order; a kill during the first build), each row here also edits the other vendor's spec so that its output would
change, and has that vendor built first: a generator that swapped in a finished vendor before the broken one failed
would change ``generated/``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.attacks.regeneration import BROKEN_SPECS, EDITS, OTHER, BrokenSpec
from support.repository import copy_repository, tree_digest

from sdkgen.errors import SdkgenError
from sdkgen.generate import generate
from sdkgen.vendors import VENDORS


@pytest.fixture
def edited_copy(tmp_path: Path) -> Path:
    """The inputs and the committed output of generation, copied to a scratch root, each spec edited validly."""
    copy_repository(tmp_path)
    for vendor, (old, new) in EDITS.items():
        spec = VENDORS[vendor].spec_path(tmp_path)
        text = spec.read_text(encoding="utf-8")
        assert old in text
        spec.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def _param(row: BrokenSpec) -> object:
    return pytest.param(row, id=f"{row.vendor}-{row.id}")


@pytest.mark.slow
@pytest.mark.parametrize("row", [_param(row) for row in BROKEN_SPECS])
def test_a_broken_spec_leaves_generated_byte_identical(row, edited_copy):
    before = tree_digest(edited_copy / "generated")
    VENDORS[row.vendor].spec_path(edited_copy).write_bytes(row.content)
    with pytest.raises(Exception) as caught:
        generate([VENDORS[OTHER[row.vendor]], VENDORS[row.vendor]], root=edited_copy)
    assert tree_digest(edited_copy / "generated") == before
    assert isinstance(caught.value, SdkgenError), repr(caught.value)
    assert f"specs/{row.vendor}/openapi.yaml" in str(caught.value)
    assert row.reason in str(caught.value)


@pytest.mark.slow
def test_the_edits_do_change_the_output(edited_copy):
    """Without this, the rows above could not tell a swapped-in vendor from an untouched one."""
    before = tree_digest(edited_copy / "generated")
    generate(list(VENDORS.values()), root=edited_copy)
    after = tree_digest(edited_copy / "generated")
    changed = {path.split("/")[0] for path in before if after.get(path) != before[path]}
    assert changed == {"retell-client", "vogent-client"}


@pytest.mark.slow
def test_a_generator_killed_after_the_first_vendor_was_built_leaves_generated_byte_identical(edited_copy):
    before = tree_digest(edited_copy / "generated")
    script = (
        "import sys; from pathlib import Path; from sdkgen.generate import generate; "
        "from sdkgen.vendors import VENDORS; "
        "generate(list(VENDORS.values()), root=Path(sys.argv[1]))"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(edited_copy)], start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        # Retell is fully built once the second vendor's scratch directory appears.
        while not list((edited_copy / "generated").glob(".sdkgen-*/vogent")):
            assert process.poll() is None, "generation ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    after = tree_digest(edited_copy / "generated")
    assert {path: digest for path, digest in after.items() if not path.startswith(".")} == before
    assert all(path.startswith(".sdkgen-") for path in after if path not in before)
