"""Sessions for maintainers and CI; the logic lives in the ``sdkgen`` package and the tests."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests"]
nox.options.error_on_missing_interpreters = True

PACKAGES = ("./generated/retell-client", "./generated/vogent-client")


def _sdkgen(session: nox.Session, command: str, project: str = ".") -> None:
    session.install("-e", project)
    session.run("python", "-m", "sdkgen", command, *session.posargs)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from the vendored specs and the overlay (name vendors after -- to pick some)."""
    _sdkgen(session, "generate")


@nox.session
def drift(session: nox.Session) -> None:
    """Fail if generated/ is stale; after --, any `python -m sdkgen drift` options (--vendor V --check-upstream...)."""
    _sdkgen(session, "drift")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite against the generated packages, installed as a user installs them."""
    session.install("-e", ".[test]", *PACKAGES)
    session.run("pytest", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Build sdists and wheels into dist/ reproducibly, twine check --strict them, install and try each wheel."""
    _sdkgen(session, "build", ".[release]")


@nox.session
def publish(session: nox.Session) -> None:
    """Rehearse publishing: twine upload to a local pypiserver, pip install from it, clone a voice; stop the index."""
    _sdkgen(session, "index-round-trip", ".[release]")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark against retell-sdk and bare httpx and write BENCHMARKS.md (a few minutes; not in tests or CI)."""
    # sdkgen (-e .) generates the growth corpus' packages, ours and stock, for the import-cost measure.
    session.install(
        "-e", ".", "./generated/retell-client", "retell-sdk==6.2.13", "nox==2026.10.20", "matplotlib", "pyinstrument"
    )
    session.run("python", "-m", "benchmarks", *session.posargs)
