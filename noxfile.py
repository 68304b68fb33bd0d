"""Sessions for maintainers and CI; the logic lives in the ``sdkgen`` package and the tests.

``nox -s tests`` runs the suite on every supported interpreter this machine has (3.11 to 3.14; a missing one is
skipped, but at least one must be there): linting first on the default interpreter, and the whole suite with branch
coverage on the newest, the package tests on the others.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nox
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests"]
nox.options.error_on_missing_interpreters = True
nox.options.download_python = "never"

ROOT = Path(__file__).parent
PACKAGES = ("./generated/retell-client", "./generated/vogent-client")
SUPPORTED = ("3.11", "3.12", "3.13", "3.14")
"""The interpreters the packages declare (``requires-python >= 3.11``) that are released."""
LINTED = ("sdkgen", "overlays", "tests", "noxfile.py")
"""What ruff checks: all the hand-written code (the overlay through its own files)."""
TYPED = (
    "sdkgen",
    "tests",
    "noxfile.py",
    "generated/retell-client/retell_client",
    "generated/vogent-client/vogent_client",
)
"""What mypy checks: the overlay through the generated packages, where it runs with the code it extends."""
PACKAGE_TESTS = (
    "tests/wire",
    "tests/errors",
    "tests/files",
    "tests/retries",
    "tests/configuration",
    "tests/secrets",
    "tests/surface",
    "tests/adversarial",
)
"""The tests of the packages' behaviour; ``deps`` runs them without the tooling tests among them (marked ``slow``)."""
IMPORTS_GENERATOR = "tests/adversarial/test_adv_regeneration.py"
"""Of those, the one module that imports the generator: ``deps`` does not install it, as it pins httpx."""


def _works(python: str, version: str) -> bool:
    """Whether ``python`` runs and is ``version`` (a pyenv shim for a version not selected fails to run)."""
    try:
        found = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and found.stdout.strip() == version


def _pyenv_python(version: str) -> Path | None:
    """The newest ``pythonX.Y`` pyenv has installed, whether or not pyenv selects it."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = sorted(root.glob(f"versions/{version}.*/bin/python{version}"))
    return candidates[-1] if candidates else None


def _interpreters() -> list[str]:
    """The supported versions this machine can run. ``pythonX.Y`` on PATH is used when it works; else a pyenv
    installation, linked into ``.nox/interpreters`` and put first on PATH so that nox finds it by name."""
    links = ROOT / ".nox" / "interpreters"
    found = []
    for version in SUPPORTED:
        name = f"python{version}"
        on_path = shutil.which(name)
        if on_path and _works(on_path, version):
            found.append(version)
        elif (installed := _pyenv_python(version)) is not None and _works(str(installed), version):
            links.mkdir(parents=True, exist_ok=True)
            link = links / name
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(installed)
            found.append(version)
    if links.is_dir():
        os.environ["PATH"] = f"{links}{os.pathsep}{os.environ.get('PATH', '')}"
    return found


AVAILABLE = _interpreters()
RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
DEFAULT = RUNNING if RUNNING in AVAILABLE or not AVAILABLE else AVAILABLE[0]
"""The default interpreter, which lints: the one nox runs on (the README's ``python3``), or else the oldest supported
one present."""
MEASURED = AVAILABLE[-1] if AVAILABLE else DEFAULT
"""The interpreter whose run measures coverage: the newest present. Tracing makes a run half as long again; measured
there, it leaves the default interpreter's run, the one a developer repeats, at full speed."""
WORKERS = str((os.cpu_count() or 1) + 1)
"""pytest-xdist workers: one more than the cores, since a sixth of the suite's time is spent waiting (deadlines,
timeouts, backoff) while another test could use the core."""


def _requirements(project: str, extra: str | None = None) -> list[str]:
    """The dependencies the ``project`` directory's pyproject.toml declares, or those of its ``extra``."""
    declared = tomllib.loads((ROOT / project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(declared["optional-dependencies"][extra] if extra else declared["dependencies"])


def _lowest(requirement: str) -> str:
    """``requirement`` pinned to the lowest version its range allows: its inclusive lower bound."""
    pinned = Requirement(requirement)
    bounds = [spec.version for spec in pinned.specifier if spec.operator in {">=", "~=", "=="}]
    if len(bounds) != 1:
        raise ValueError(f"{requirement}: no single inclusive lower bound to pin")
    pinned.specifier = SpecifierSet(f"=={bounds[0]}")
    return str(pinned)


def _install(session: nox.Session) -> None:
    session.install("-e", ".[test]", *PACKAGES)


def _lint(session: nox.Session) -> None:
    """ruff check, ruff format --check and mypy (strict; relaxed for tests as pyproject.toml says)."""
    session.run("ruff", "check", "--no-cache", *LINTED)
    session.run("ruff", "format", "--check", "--no-cache", *LINTED)
    session.run("mypy", *TYPED)


@nox.session(python=AVAILABLE or list(SUPPORTED))
def tests(session: nox.Session) -> None:
    """Run the test suite against the generated packages, installed as a user installs them.

    Lint first on the default interpreter. The newest runs every test, measuring branch coverage against its floor;
    the others leave out the tooling tests marked ``slow`` (generation, drift, releases, type checkers), whose
    results do not depend on the interpreter the packages run on. After --, pytest arguments (no lint, no coverage).
    """
    missing = [version for version in SUPPORTED if version not in AVAILABLE]
    if missing:
        session.log(f"interpreters not on this machine, skipped: {', '.join(missing)}")
    _install(session)
    pytest = ("pytest", "-n", WORKERS, "-p", "no:cacheprovider")
    if session.posargs:
        session.run(*pytest, *session.posargs)
        return
    if session.python == DEFAULT:
        _lint(session)
    if session.python != MEASURED:
        session.run(*pytest, "-m", "not slow")
        return
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", *pytest)
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report")


@nox.session(python=AVAILABLE or list(SUPPORTED))
@nox.parametrize("end", ["lowest", "newest"], ids=["lowest", "newest"])
def deps(session: nox.Session, end: str) -> None:
    """Run the package tests on the lowest or the newest dependencies their ranges allow.

    The ranges are read from the generated pyproject.toml files: ``lowest`` pins each to its lower bound, ``newest``
    lets pip pick. The test support comes from the ``package-tests`` extra; sdkgen, which it imports, is installed
    without its dependencies (the generator's pins would narrow the ranges), and the tooling tests are left out.
    After --, pytest arguments instead of the directories.
    """
    ranges = sorted({requirement for package in PACKAGES for requirement in _requirements(package)})
    session.install(*PACKAGES, *(map(_lowest, ranges) if end == "lowest" else ()), *_requirements(".", "package-tests"))
    session.install("--no-deps", "-e", ".")
    show = "import sys, importlib.metadata as m; print(*(f'{n}=={m.version(n)}' for n in sys.argv[1:]))"
    session.run("python", "-c", show, *(Requirement(requirement).name for requirement in ranges))
    pytest = ("pytest", "-n", WORKERS, "-p", "no:cacheprovider", "-m", "not slow", f"--ignore={IMPORTS_GENERATOR}")
    session.run(*pytest, *(session.posargs or PACKAGE_TESTS))


@nox.session(python=DEFAULT)
def lint(session: nox.Session) -> None:
    """Lint and type-check the hand-written code.

    ruff and mypy on sdkgen, the overlay (through the generated packages), the tests and this file.
    """
    _install(session)
    _lint(session)


@nox.session(python=DEFAULT)
def mutants(session: nox.Session) -> None:
    """Check that the tests catch each key behaviour broken on purpose.

    A few minutes; not in tests or CI.
    """
    _install(session)
    session.run("python", "tests/mutation/mutants.py", *session.posargs)


def _sdkgen(session: nox.Session, command: str, project: str = ".") -> None:
    session.install("-e", project)
    session.run("python", "-m", "sdkgen", command, *session.posargs)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from the vendored specs and the overlay.

    After --, the vendors to regenerate (all by default).
    """
    _sdkgen(session, "generate")


@nox.session
def drift(session: nox.Session) -> None:
    """Fail if generated/ is stale.

    After --, any `python -m sdkgen drift` options (--vendor V --check-upstream...).
    """
    _sdkgen(session, "drift")


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdists and wheels into dist/ reproducibly, twine check --strict them, try each wheel."""
    _sdkgen(session, "build", ".[release]")


@nox.session(name="publish-rehearsal")
def publish_rehearsal(session: nox.Session) -> None:
    """Rehearse publishing on a local pypiserver, publishing nothing: upload, install, clone a voice.

    twine uploads to a pypiserver on 127.0.0.1, pip installs from it, the package clones a voice; the index stops.
    """
    _sdkgen(session, "index-round-trip", ".[release]")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark against retell-sdk and bare httpx and write BENCHMARKS.md.

    A few minutes; not in tests or CI.
    """
    # sdkgen (-e .) generates the growth corpus' packages, ours and stock, for the import-cost measure.
    session.install(
        "-e", ".", "./generated/retell-client", "retell-sdk==6.2.13", "nox==2026.10.20", "matplotlib", "pyinstrument"
    )
    session.run("python", "-m", "benchmarks", *session.posargs)
