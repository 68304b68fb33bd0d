"""``python -m sdkgen``: the same operations as the nox sessions, for maintainers and CI."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn

from sdkgen.drift import cli as drift_cli
from sdkgen.errors import SdkgenError
from sdkgen.vendors import ROOT, select
from sdkgen.version import Bump


def _generate(args: argparse.Namespace) -> int:
    from sdkgen.generate import generate

    vendors = select(args.vendors)
    generate(vendors)
    for vendor in vendors:
        print(f"generated generated/{vendor.project}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from sdkgen.pages import extract_openapi

    for vendor in select(args.vendors):
        page = vendor.page_path()
        spec = extract_openapi(page.read_text(encoding="utf-8"), f"specs/{vendor.name}/{page.name}")
        vendor.spec_path().write_text(spec, encoding="utf-8")
        print(f"extracted specs/{vendor.name}/{vendor.spec_path().name}")
    return 0


def _add_vendor(args: argparse.Namespace) -> int:
    from sdkgen.scaffold import add_vendor

    added = add_vendor(
        args.name,
        Path(args.spec),
        base_url_option=args.base_url,
        auth_option=("header", args.auth_header, "")
        if args.auth_header
        else ("query", args.auth_query, "")
        if args.auth_query
        else None,
        upstream=args.upstream,
        accept_warnings=args.accept_warnings,
    )
    vendor = added.vendor
    for path in added.written:
        print(f"wrote {path.as_posix()}")
    if added.accepted:
        print(f"accepted {len(added.accepted)} warning(s) in specs/{vendor.name}/config.yaml: review each reason")
    if added.key_parameters:
        print(
            "note: the spec declares no security scheme, so the key goes in 'Authorization: Bearer'; its operations "
            f"take these header parameters that look like a key: {', '.join(added.key_parameters)}. If the key goes "
            f"in one, set auth: {{in: header, name: NAME}} in specs/{vendor.name}/config.yaml and regenerate"
        )
    print(f"generated generated/{vendor.project}")
    print(
        f"next: pip install ./generated/{vendor.project}, set {vendor.name.upper()}_API_KEY, and call any "
        f"{vendor.package}.api function with client={vendor.package}.{added.front_door}(); see its README.md"
    )
    return 0


def _auth_option(args: argparse.Namespace) -> tuple[str, str, str] | None:
    if args.auth_header:
        return ("header", args.auth_header, "")
    if args.auth_query:
        return ("query", args.auth_query, "")
    return None


def _release(args: argparse.Namespace) -> int:
    from sdkgen import release

    (vendor,) = select([args.vendor])
    bump = Bump(args.bump) if args.bump else None
    change = release.release(vendor, bump, args.notes, dry_run=args.dry_run)
    if args.dry_run:
        print(f"would write specs/{vendor.name}/config.yaml and this CHANGELOG.md entry:\n\n{change.entry}")
    print(release.summary(change))
    return 0


def _build(args: argparse.Namespace) -> int:
    from sdkgen import build, install_check

    vendors = select(args.vendors)
    epoch = build.source_date_epoch()
    dists = build.build_dists(vendors, Path(args.out), epoch)
    for dist in dists:
        for path in dist.files:
            print(f"{build.sha256(path)}  {path.name}")
        print(f"  built {dist.vendor.project} in {dist.seconds:.2f} s (SOURCE_DATE_EPOCH={epoch})")
    print(build.twine_check([path for dist in dists for path in dist.files]).strip())
    if not args.no_install_check:
        for dist in dists:
            with tempfile.TemporaryDirectory(prefix="sdkgen-install-") as scratch:
                start = time.perf_counter()
                installed = install_check.install_and_probe([str(dist.wheel)], [dist.vendor], Path(scratch))
                seconds = time.perf_counter() - start
            probe = installed.probes[0]
            print(f"{dist.wheel.name}: installed into a fresh venv, imported {probe['version']}, cloned a voice over "
                  f"loopback ({seconds:.1f} s)")  # fmt: skip
    return 0


def _round_trip(args: argparse.Namespace) -> int:
    from sdkgen import build, index

    vendors = select(args.vendors)
    with tempfile.TemporaryDirectory(prefix="sdkgen-publish-") as scratch:
        dists = build.build_dists(vendors, Path(scratch) / "dist", build.source_date_epoch())
        trip = index.round_trip(dists, Path(scratch))
    for probe in trip.installed.probes:
        print(f"{probe['package']} {probe['version']}: uploaded, installed from the local index, cloned a voice")
    print("  " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in trip.seconds.items()))
    print("the index is stopped")
    return 0


def _ledger(args: argparse.Namespace) -> int:
    from sdkgen import ledger
    from sdkgen.generator import DISTRIBUTION, installed_version
    from sdkgen.pins import pinned

    if args.record:
        (ROOT / ledger.LEDGER).write_text(ledger.recorded_text(args.record), encoding="utf-8")
        print(f"recorded {', '.join(args.record)} in {ledger.LEDGER.as_posix()} against {DISTRIBUTION} "
              f"{installed_version()}")  # fmt: skip
        return 0
    installed, pin = installed_version(), pinned(DISTRIBUTION)
    print(f"{DISTRIBUTION} {installed} installed, {pin} pinned" + ("" if installed == pin else ": NOT the pinned one"))
    entries = ledger.read_ledger()
    stale = {entry.template: entry.reason for entry in ledger.stale_overrides()}
    for name in sorted({*ledger.overrides(), *entries}):
        merged = entries.get(name, {}).get("generator", "nothing")
        state = stale.get(name) or f"matches its stock template, {ledger.changed_lines(name)} lines changed against it"
        print(f"  {name}: merged from {merged}; {state}")
    if not stale:
        print(f"every override in {ledger.LEDGER.parent.as_posix()}/ matches the stock template it was merged from")
    return 1 if stale else 0


def _version(args: argparse.Namespace) -> int:
    if args.tag is not None:
        from sdkgen import release

        print(release.vendor_for_tag(args.tag).name)
        return 0
    for vendor in select(args.vendors):
        print(vendor.config().version if args.vendors else f"{vendor.project} {vendor.config().version}")
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with status 3 like every other error: ``drift`` gives 1 and 2 meanings of their own."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(3, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser; each subcommand sets ``handler``. Its help names the vendors, so it reads every
    ``config.yaml``: a broken one is an :class:`SdkgenError`."""
    from sdkgen.vendors import VENDORS

    known = ", ".join(VENDORS)
    parser = _Parser(prog="python -m sdkgen", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, text in (
        ("generate", _generate, "regenerate client packages into generated/ (all vendors when none is named)"),
        ("extract", _extract, "re-extract specs/<vendor>/openapi.yaml from the vendored page"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("vendors", nargs="*", metavar="vendor", help=f"one of {known}")
        command.set_defaults(handler=handler)
    text = "add a vendor: scaffold specs/NAME/ and overlays/NAME/ from its spec or documentation page, and generate it"
    command = commands.add_parser("add-vendor", help=text, description=f"{text}. {_ADD_VENDOR_DETAIL}")
    command.add_argument("name", help="the vendor's name: lower-case letters and digits (the package is NAME_client)")
    command.add_argument("--spec", required=True, help="the OpenAPI document (YAML or JSON), or a page that fences one")
    command.add_argument("--base-url", help="the API's base URL: needed when the spec has no servers, else overrides")
    where = command.add_mutually_exclusive_group()
    where.add_argument("--auth-header", metavar="NAME", help="the key goes in this header (a spec without schemes)")
    where.add_argument("--auth-query", metavar="NAME", help="the key goes in this query parameter")
    command.add_argument("--upstream", help="where the vendor publishes the spec or page, for the drift checks")
    command.add_argument(
        "--accept-warnings", action="store_true", help="accept every warning in config.yaml with a generic reason"
    )
    command.set_defaults(handler=_add_vendor)
    drift_cli.configure(commands.add_parser("drift", help=drift_cli.HELP, description=drift_cli.DESCRIPTION))
    text = "bump a package's version, write its changelog entry and regenerate it, for a release without spec drift"
    command = commands.add_parser("release", help=text, description=f"{text}. {_RELEASE_DETAIL}")
    command.add_argument("vendor", help=f"one of {known}")
    command.add_argument(
        "--bump", choices=[bump.value for bump in Bump], help="the part to bump (default: found from the changes)"
    )
    command.add_argument("--note", action="append", dest="notes", default=[], metavar="TEXT", help="a Changed bullet")
    command.add_argument("--dry-run", action="store_true", help="print the version and the entry, write nothing")
    command.set_defaults(handler=_release)
    text = "build reproducible sdists and wheels, twine check --strict them, install each wheel and clone a voice"
    command = commands.add_parser("build", help=text, description=f"{text}. SOURCE_DATE_EPOCH: the last commit's time.")
    command.add_argument("vendors", nargs="*", metavar="vendor", help=f"one of {known} (default: all)")
    command.add_argument("--out", default="dist", help="where the files go, emptied first (default: dist)")
    command.add_argument("--no-install-check", action="store_true", help="skip the fresh-venv install and clone")
    command.set_defaults(handler=_build)
    text = "rehearse publishing: upload to a pypiserver on 127.0.0.1, pip install from it, clone a voice, stop it"
    command = commands.add_parser("index-round-trip", help=text, description=text)
    command.add_argument("vendors", nargs="*", metavar="vendor", help=f"one of {known} (default: all)")
    command.set_defaults(handler=_round_trip)
    text = "check each template override against the stock template it was merged from (exit 1 when one changed)"
    command = commands.add_parser("ledger", help=text, description=text)
    command.add_argument(
        "--record",
        nargs="+",
        metavar="NAME",
        help="record these overrides (paths below overlays/templates/) against the installed generator's stock "
        "templates, once re-merged; the other entries stay as they are",
    )
    command.set_defaults(handler=_ledger)
    text = "print the packages' versions, or check a release tag against them"
    command = commands.add_parser("version", help=text, description=text)
    command.add_argument("vendors", nargs="*", metavar="vendor", help="print just this vendor's version")
    command.add_argument(
        "--tag", help="a tag <distribution>-vX.Y.Z: print its vendor if X.Y.Z is that package's version, else fail"
    )
    command.set_defaults(handler=_version)
    return parser


_ADD_VENDOR_DETAIL = (
    "The front door <Name>/Async<Name> reads <NAME>_API_KEY and <NAME>_BASE_URL and is the client of every generated "
    "function. Nothing is kept when generation fails; a warning not accepted is listed."
)
_RELEASE_DETAIL = (
    "Without --bump: against the last release (its tag, else the commit that last changed the version), a changed "
    "spec bumps by its drift verdict (breaking major, non-breaking minor), a changed overlay, template or generator "
    "pin patch. The entry takes the [Unreleased] section's bullets and --note texts."
)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a :class:`SdkgenError` is printed to stderr with exit status 3."""
    try:
        args = build_parser().parse_args(argv)  # the parser names the vendors: it reads every config.yaml
        return int(args.handler(args))
    except SdkgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more can be printed, and nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
