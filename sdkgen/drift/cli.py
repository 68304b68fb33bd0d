"""``python -m sdkgen drift``: the options, and the glue between them, the checks and the output."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from sdkgen.drift.report import FORMATS, error_json, warnings_text
from sdkgen.errors import SdkgenError
from sdkgen.vendors import ROOT, select

HELP = "check generated/ against the vendored specs, or a vendored spec against upstream"
DESCRIPTION = """\
Without --upstream, --check-upstream or --update: check that generated/ is exactly what the vendored specs and
overlays/ produce, listing each differing file. With one of them: compare one vendor's vendored spec with upstream
and judge each change breaking or not for code that uses the generated client. Every run validates the vendored
specs and prints their hygiene warnings.
"""
EPILOG = """\
exit status:
  generated/ check: 0 up to date, 1 stale (run `python -m sdkgen generate`), 3 error
  upstream check:   0 no drift, 1 only non-breaking drift, 2 breaking drift, 3 error
  with --update the status is still the verdict; the update succeeded unless it is 3

examples:
  python -m sdkgen drift
  python -m sdkgen drift --vendor retell --check-upstream --format markdown
  python -m sdkgen drift --vendor vogent --upstream new-page.md --base old-spec.yaml --format json
  python -m sdkgen drift --vendor retell --update
"""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``drift`` options to ``parser`` and make :func:`run` its handler."""
    from sdkgen.vendors import VENDORS

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument(
        "--vendor", action="append", dest="vendors", metavar="NAME",
        help=f"one of {', '.join(VENDORS)}; repeat for several (default: all, for the generated/ check)",
    )  # fmt: skip
    upstream = parser.add_mutually_exclusive_group()
    upstream.add_argument(
        "--upstream", metavar="URL_OR_PATH", help="a documentation page or an OpenAPI YAML/JSON file, local or a URL"
    )
    upstream.add_argument(
        "--check-upstream", action="store_true", help="compare with the URL recorded in specs/<vendor>/upstream.url"
    )
    parser.add_argument("--base", metavar="PAGE_OR_SPEC", help="compare from this instead of the vendored spec")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="upstream report format")
    parser.add_argument(
        "--update", action="store_true",
        help="write the upstream page and spec into specs/<vendor>/, bump the version (breaking drift major, "
        "non-breaking minor), write the changelog entry and regenerate (implies --check-upstream)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path = ROOT) -> int:
    """Run the check ``args`` ask for and print its report; errors are raised as :class:`SdkgenError`."""
    if args.upstream is None and not args.check_upstream and not args.update:
        for option, given in (("--base", args.base is not None), ("--format", args.format != "text")):
            if given:
                raise SdkgenError(f"{option} applies to the upstream comparison: add --upstream or --check-upstream")
        return _generated(args.vendors, root)
    names: list[str] = args.vendors or []
    try:
        return _upstream(args, names, root)
    except SdkgenError as exc:
        if args.format == "json":
            print(error_json(names[0] if len(names) == 1 else None, str(exc)))
        raise


def _generated(names: list[str] | None, root: Path) -> int:
    from sdkgen.drift import generated
    from sdkgen.drift.check import vendored_warnings

    vendors = select(names)
    warnings = [warning for vendor in vendors for warning in vendored_warnings(vendor, root)]
    stale = generated.stale_files(vendors, root)
    print("\n".join([generated.as_text(stale), *warnings_text(warnings)]))
    return 1 if any(stale.values()) else 0


def _upstream(args: argparse.Namespace, names: list[str], root: Path) -> int:
    from sdkgen.drift.check import upstream_check, vendored_warnings

    if len(names) != 1:
        raise SdkgenError("the upstream comparison is one vendor at a time: name it with --vendor")
    if args.update and args.base is not None:
        raise SdkgenError("--update compares with the vendored spec it replaces: drop --base")
    (vendor,) = select(names)
    report, upstream = upstream_check(vendor, args.upstream, args.base, root)
    if args.update:
        from sdkgen.drift.update import apply_update

        update = apply_update(vendor, upstream, report, root)
        if not update.written:
            print("specs/ already match upstream: nothing written", file=sys.stderr)
        else:
            print(f"updated {', '.join(update.written)}", file=sys.stderr)
            # The report's spec warnings are about the spec just replaced: say those of the one now vendored.
            report = dataclasses.replace(report, warnings=tuple(vendored_warnings(vendor, root)))
        if update.version:
            change = update.version
            print(
                f"version {change.old} -> {change.new} ({change.bump.value}), CHANGELOG.md entry written",
                file=sys.stderr,
            )
    print(FORMATS[args.format](report))
    return report.verdict.exit_code
