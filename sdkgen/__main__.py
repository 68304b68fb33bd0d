"""``python -m sdkgen``: the same operations as the nox sessions, for maintainers and CI."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from sdkgen.drift import cli as drift_cli
from sdkgen.errors import SdkgenError
from sdkgen.generate import generate
from sdkgen.pages import extract_openapi
from sdkgen.vendors import VENDORS, select


def _generate(args: argparse.Namespace) -> int:
    vendors = select(args.vendors)
    generate(vendors)
    for vendor in vendors:
        print(f"generated generated/{vendor.project}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    for vendor in select(args.vendors):
        page = vendor.page_path()
        spec = extract_openapi(page.read_text(encoding="utf-8"), f"specs/{vendor.name}/{page.name}")
        vendor.spec_path().write_text(spec, encoding="utf-8")
        print(f"extracted specs/{vendor.name}/{vendor.spec_path().name}")
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with status 3 like every other error: ``drift`` gives 1 and 2 meanings of their own."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(3, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser; each subcommand sets ``handler``."""
    parser = _Parser(prog="python -m sdkgen", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, text in (
        ("generate", _generate, "regenerate client packages into generated/ (all vendors when none is named)"),
        ("extract", _extract, "re-extract specs/<vendor>/openapi.yaml from the vendored page"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("vendors", nargs="*", metavar="vendor", help=f"one of {', '.join(VENDORS)}")
        command.set_defaults(handler=handler)
    drift_cli.configure(commands.add_parser("drift", help=drift_cli.HELP, description=drift_cli.DESCRIPTION))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a :class:`SdkgenError` is printed to stderr with exit status 3."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except SdkgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
