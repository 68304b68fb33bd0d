"""``python -m sdkgen add-vendor``: a new vendor's ``specs/<vendor>/`` and ``overlays/<vendor>/`` from its spec (or
its documentation page), then its package generated.

What it writes:

- ``specs/<vendor>/openapi.yaml``, the spec as given (and ``page.md`` when a page was given);
- ``specs/<vendor>/config.yaml``, with ``base_url`` when given, and ``accepted_warnings`` when asked to accept them;
- ``specs/<vendor>/CHANGELOG.md`` and, when given, ``upstream.url``;
- ``overlays/<vendor>/package/_patch.py``: the front door ``<Name>`` / ``Async<Name>``, which reads the key from
  ``<VENDOR>_API_KEY`` and the base URL from ``<VENDOR>_BASE_URL``, and adds no method: every generated function
  takes it as its ``client``;
- ``overlays/<vendor>/project/vendor.md.jinja``: the README's vendor part, whose example calls an operation of the
  spec that needs no argument.

Everything the command can check is checked before anything is written: the name, the spec (parsed and validated,
sdkgen's tolerance included), its base URL and its security schemes. When generation then fails, what the command
wrote is removed again: a warning not accepted is listed with the way to accept it.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sdkgen import auth
from sdkgen.config import parse_config
from sdkgen.errors import SdkgenError, UnacceptedWarnings
from sdkgen.generate import generate
from sdkgen.pages import spec_from_text
from sdkgen.specs import as_mapping, base_url, each_operation, parse_spec, read_text, validate_spec
from sdkgen.vendors import CONFIG_FILE, ROOT, Vendor

NAME = re.compile(r"[a-z][a-z0-9]*")
_KEY_LIKE = re.compile(r"key|token|auth", re.IGNORECASE)
FIRST_VERSION = "0.1.0"
_REASONS = (
    ("sdkgen spec-", "the generator reads past it (sdkgen.tolerance says how); accepted when the vendor was added"),
    ("openapi-python-client:", "the generator skips this; accepted when the vendor was added: review it"),
)


@dataclass(frozen=True)
class Added:
    """What ``add-vendor`` made: the vendor, the files it wrote, and the warnings it accepted."""

    vendor: Vendor
    written: tuple[Path, ...]
    accepted: tuple[str, ...]
    key_parameters: tuple[str, ...] = ()
    """When the spec declares no security scheme: the header parameters its operations take that look like the key
    (``xi-api-key``), one of which ``--auth-header`` may name."""

    @property
    def front_door(self) -> str:
        """The sync front door's class name."""
        return class_name(self.vendor.name)


def add_vendor(
    name: str,
    spec_file: Path,
    *,
    base_url_option: str | None = None,
    auth_option: auth.Placement | None = None,
    upstream: str | None = None,
    accept_warnings: bool = False,
    root: Path = ROOT,
) -> Added:
    """Scaffold vendor ``name`` from ``spec_file`` under ``root`` and generate its package (see the module)."""
    vendor = _new_vendor(name, root)
    source = str(spec_file)
    page = read_text(spec_file, source)
    spec_text = spec_from_text(page, source)
    spec = parse_spec(spec_text, source)
    validate_spec(spec, source)
    base_url(spec, base_url_option, source, remedy="pass --base-url with the API's URL")
    auth.Security(spec, source, auth_option).placements()
    files = _files(vendor, spec_text, page if page != spec_text else None, base_url_option, auth_option, upstream)
    accepted: list[str] = []
    try:
        written = _write(files, root)
        try:
            generate([vendor], root)
        except UnacceptedWarnings as exc:
            if not accept_warnings:
                raise SdkgenError(
                    f"{exc}\nNothing was kept. Run add-vendor again with --accept-warnings to accept each with a "
                    "generic reason in config.yaml (then review them), or fix the spec."
                ) from None
            accepted = list(exc.warnings)
            _accept(vendor.config_path(root), accepted)
            generate([vendor], root)
    except BaseException:
        for directory in (vendor.spec_dir(root), vendor.overlay_dir(root)):
            shutil.rmtree(directory, ignore_errors=True)
        raise
    return Added(vendor, tuple(written), tuple(accepted), _unsecured(spec) if auth_option is None else ())


def class_name(name: str) -> str:
    """The front door's class name for vendor ``name`` (``acme`` -> ``Acme``)."""
    return name[:1].upper() + name[1:]


def _new_vendor(name: str, root: Path) -> Vendor:
    if not NAME.fullmatch(name):
        raise SdkgenError(f"vendor name {name!r} must be lower-case letters and digits, starting with a letter")
    vendor = Vendor(name=name, project=f"{name}-client", package=f"{name}_client")
    for taken in (vendor.spec_dir(root), vendor.overlay_dir(root), vendor.output_dir(root)):
        if taken.exists():
            raise SdkgenError(f"{taken.relative_to(root).as_posix()} exists already: vendor {name!r} has been added")
    return vendor


def _files(  # noqa: PLR0917 - what the files are written from
    vendor: Vendor,
    spec_text: str,
    page: str | None,
    base_url_option: str | None,
    auth_option: auth.Placement | None,
    upstream: str | None,
) -> dict[Path, str]:
    name = vendor.name
    specs, overlay = Path("specs") / name, Path("overlays") / name
    files = {
        specs / "openapi.yaml": spec_text,
        specs / CONFIG_FILE: _config(vendor, base_url_option, auth_option, upstream),
        specs / "CHANGELOG.md": _changelog(vendor),
        overlay / "package" / "_patch.py": _filled(_FRONT_DOOR, name),
        overlay / "project" / "vendor.md.jinja": _filled(_README_PART, name),
    }
    if page is not None:
        files[specs / "page.md"] = page
    if upstream is not None:
        files[specs / "upstream.url"] = upstream + "\n"
    return files


def _unsecured(spec: dict[str, Any]) -> tuple[str, ...]:
    if as_mapping(as_mapping(spec.get("components")).get("securitySchemes")):
        return ()
    names = Counter(
        str(parameter.get("name"))
        for operation in each_operation(spec)
        for parameter in operation.get("parameters") or []
        if isinstance(parameter, dict) and parameter.get("in") == "header"
        and _KEY_LIKE.search(str(parameter.get("name", "")))
    )  # fmt: skip
    return tuple(name for name, _ in names.most_common()) or ("(none)",)


def _filled(template: str, name: str) -> str:
    return template.replace("__Name__", class_name(name)).replace("__ENV__", name.upper())


def _write(files: dict[Path, str], root: Path) -> list[Path]:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)


def _config(
    vendor: Vendor, base_url_option: str | None, auth_option: auth.Placement | None, upstream: str | None
) -> str:
    title = class_name(vendor.name)
    package = {
        "distribution": vendor.project,
        "import_name": vendor.package,
        "version": FIRST_VERSION,
        "vendor": title,
        "summary": f"Typed Python client for {title}'s API, generated from its OpenAPI document",
        **({"urls": {"API reference": upstream}} if upstream else {}),
        "keywords": [vendor.name, "openapi", "api client"],
    }
    document = {
        "package": package,
        **({"base_url": base_url_option} if base_url_option else {}),
        **({"auth": dict(zip(("in", "name", "prefix"), auth_option, strict=True))} if auth_option else {}),
        "front_door": {"operations": []},
        "accepted_warnings": [],
        "generator": {},
    }
    parse_config(document, f"specs/{vendor.name}/{CONFIG_FILE}")
    header = (
        f"# sdkgen's configuration of the {title} client (see sdkgen/config.py), written by `python -m sdkgen "
        "add-vendor`.\n# List under front_door.operations the operationIds that methods of the front door call.\n"
    )
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)


def _accept(config_path: Path, warnings: list[str]) -> None:
    document = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    document["accepted_warnings"] = [{"match": text, "reason": _reason(text)} for text in warnings]
    header = "".join(line + "\n" for line in config_path.read_text(encoding="utf-8").splitlines() if line[:1] == "#")
    config_path.write_text(header + yaml.safe_dump(document, sort_keys=False, width=120), encoding="utf-8")


def _reason(warning: str) -> str:
    return next(reason for prefix, reason in _REASONS if warning.startswith(prefix))


def _changelog(vendor: Vendor) -> str:
    title = class_name(vendor.name)
    return (
        "# Changelog\n"
        f"All notable changes to `{vendor.project}` are recorded here, in [Keep a Changelog]"
        "(https://keepachangelog.com/en/1.1.0/) form.\n"
        "The version follows the vendor's spec: a breaking change to the API is a major release, a compatible "
        "addition a\nminor one, and a change to the client alone (same spec) a patch.\n\n"
        f"## [{FIRST_VERSION}] - {datetime.date.today().isoformat()}\n"
        "### Added\n"
        f"- The first release: the `{title}` and `Async{title}` front doors, and a generated function for every "
        "operation of\n  the vendor's OpenAPI document.\n"
    )


_FRONT_DOOR = '''"""The front door: ``__Name__`` and ``Async__Name__``, written by ``python -m sdkgen add-vendor``.

The front door *is* the generated client: every generated function (``api.<tag>.<operation>``) takes it as its
``client`` and gets the key (from ``api_key=`` or ``__ENV___API_KEY``), the base URL (``base_url=``,
``__ENV___BASE_URL``, else the spec's), timeouts, retries, the deadline, bounded answers and typed errors. Methods of
your own go in these classes, the way ``overlays/retell/package/_patch.py`` adds ``clone_voice``; list the
operationIds they call under ``front_door.operations`` in ``specs/<vendor>/config.yaml``.
"""

from __future__ import annotations

from typing import ClassVar

from ._client import AsyncAPIClient, SyncAPIClient


class ___Name__:
    api_key_env: ClassVar[str] = "__ENV___API_KEY"
    base_url_env: ClassVar[str] = "__ENV___BASE_URL"


class __Name__(___Name__, SyncAPIClient):
    """Synchronous __Name__ client: pass it as ``client=`` to the generated ``sync`` / ``sync_detailed`` functions.

    ``__Name__()`` reads ``__ENV___API_KEY`` (and ``__ENV___BASE_URL`` when set); explicit arguments win. See
    :class:`SyncAPIClient` for every option. Use it as a context manager, or call ``close()``.
    """


class Async__Name__(___Name__, AsyncAPIClient):
    """Asynchronous __Name__ client, for the generated ``asyncio`` / ``asyncio_detailed`` functions.

    Use it with ``async with``, or call ``await aclose()``, to release its connections.
    """


__all__ = ["Async__Name__", "__Name__"]
'''

_README_PART = """{#- What the shared README (overlays/project/README.md.jinja) says for this vendor, written by
    add-vendor. Setting `args`, `first_args`, `id_field` and `result` once the front door has a method turns on the
    README's sections about front-door methods (see overlays/retell/project/vendor.md.jinja). -#}
{% set client = "__Name__" %}
{% set async_client = "Async__Name__" %}
{% set env = "__ENV__" %}
{% set generated %}
from {{ config.import_name }} import __Name__
{% if example %}
from {{ config.import_name }}{{ example.endpoint_module.rpartition(".")[0] }} import {{ example.python_name }}

with __Name__() as client:  # reads __ENV___API_KEY (and __ENV___BASE_URL when set)
    response = {{ example.python_name }}.sync_detailed(client=client{{ ", ..." if example.needs_arguments }})
print(response.status_code, response.parsed)
{% endif %}
{% endset %}
{% set rules %}
The front door adds no method of its own: each operation is the generated function of its `api.<tag>` module.
{% endset %}
"""
