"""sdkgen runs only the openapi-python-client release the root pyproject.toml pins: another release, or one whose
internals sdkgen uses are missing, is refused before anything is generated, with both versions named and without a
traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support.repository import tree_digest

from sdkgen import generator
from sdkgen.errors import SdkgenError
from sdkgen.generate import build_project
from sdkgen.pins import pinned
from sdkgen.vendors import ROOT, discover

PINNED = pinned("openapi-python-client")
OTHER = "0.30.0"


def _sdkgen(root: Path, prelude: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sdkgen ARGS`` on the copy of sdkgen in ``root``, after ``prelude`` ran in its interpreter."""
    script = f"{prelude}\nimport sys\nfrom sdkgen.__main__ import main\nsys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", script, *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, check=False)


def test_the_pin_is_read_from_pyproject_and_is_what_is_installed_here() -> None:
    assert f'"openapi-python-client=={PINNED}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert generator.installed_version() == PINNED
    generator.require()


def test_another_generator_release_is_refused_naming_both_versions(
    monkeypatch: pytest.MonkeyPatch, scratch_repository: Path, tmp_path: Path
) -> None:
    monkeypatch.setattr(generator, "installed_version", lambda: OTHER)
    with pytest.raises(SdkgenError) as caught:
        build_project(discover(scratch_repository)["retell"], tmp_path / "out", scratch_repository)
    message = str(caught.value)
    assert f"openapi-python-client {PINNED} is pinned (pyproject.toml) but {OTHER} is installed" in message
    assert "pip install -e ." in message
    assert not (tmp_path / "out").exists(), "refused before anything is generated"


@pytest.mark.slow
def test_python_m_sdkgen_generate_refuses_another_release_and_leaves_generated_untouched(tooling_copy: Path) -> None:
    before = tree_digest(tooling_copy / "generated")
    result = _sdkgen(tooling_copy, f"import sdkgen.generator as g; g.installed_version = lambda: {OTHER!r}", "generate")
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(f"error: openapi-python-client {PINNED} is pinned (pyproject.toml) but {OTHER}")
    assert "Traceback" not in result.stderr
    assert tree_digest(tooling_copy / "generated") == before


# What a release that moved or removed a module sdkgen imports looks like: that import fails.
MOVED = "import sys; sys.modules['openapi_python_client.strings'] = None"


@pytest.mark.slow
def test_missing_generator_internals_are_an_error_naming_both_versions_not_an_import_error(tooling_copy: Path) -> None:
    before = tree_digest(tooling_copy / "generated")
    result = _sdkgen(tooling_copy, MOVED, "generate")
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: openapi-python-client {PINNED} is installed but sdkgen is written against")
    assert f"the pinned {PINNED}" in first and "openapi_python_client.strings" in first
    assert tree_digest(tooling_copy / "generated") == before


def test_the_growth_suite_s_conftest_imports_without_the_generator_s_internals() -> None:
    tests = ROOT / "tests"
    script = (
        f"{MOVED}\nimport sys\nsys.path[:0] = [{str(tests)!r}, {str(tests / 'growth')!r}]\n"
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('growth_conftest', {str(tests / 'growth' / 'conftest.py')!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\nprint('imported')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["imported"]
