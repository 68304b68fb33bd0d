"""Everything sdkgen takes from openapi-python-client, in one module: the in-process run, the generator's parse of
the spec (where it put each endpoint and model), stock output, its stock templates and its version.

Most of it is the generator's internals (its parser's data, its identifier rules, its configuration classes), which
a release may change without notice. They are imported here only, and used only with the release the root
``pyproject.toml`` pins: another one is refused with both versions named, and internals that are missing are
reported the same way instead of as an ``ImportError``. Importing this module never fails, so that code which only
needs its types (tests, the ledger) loads with any generator installed.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

from sdkgen.errors import SdkgenError
from sdkgen.pins import pinned, require_pinned

DISTRIBUTION = "openapi-python-client"

_MISSING: ImportError | None = None
try:
    from openapi_python_client import Project
    from openapi_python_client import generate as _generate_stock
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.errors import ErrorLevel, GeneratorError
    from openapi_python_client.parser.openapi import Endpoint, GeneratorData
    from openapi_python_client.parser.properties import EnumProperty, ModelProperty, Property
    from openapi_python_client.strings import PythonIdentifier
except ImportError as exc:  # reported by require(), which every function that uses them calls first
    _MISSING = exc


@dataclass(frozen=True)
class ClassRef:
    """A generated class: its module below the package (``.models.voice_response``) and its name."""

    module: str
    name: str


@dataclass(frozen=True)
class GeneratedEndpoint:
    """One endpoint the generator wrote a module for."""

    tag: str
    method: str
    """Lower case, as the spec's path item keys it."""
    path: str
    """As the spec writes it (the generator rewrites path parameters into snake case)."""
    python_name: str
    body: ClassRef | None
    """The request body's class, when the endpoint has one body and it is a model or an enum."""
    result: ClassRef | None
    """The class every documented 2xx answer parses into, when there is exactly one."""
    body_enums: tuple[EnumField, ...] = ()
    """The body model's fields whose type is an enum (alone or in a union), with the enum's values."""


@dataclass(frozen=True)
class EnumField:
    """A body field of an enum type: its Python name, the enum's class and the values the spec lists."""

    name: str
    enum: ClassRef
    values: tuple[str | int, ...]


@dataclass(frozen=True)
class Layout:
    """Where the generator put what: its endpoints and its models and enums."""

    endpoints: tuple[GeneratedEndpoint, ...]
    classes: tuple[ClassRef, ...]


def installed_version() -> str:
    """The installed openapi-python-client's version, or ``"none"``."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "none"


def require() -> None:
    """Fail, naming the installed and the pinned version, unless the pinned generator is installed and has the
    internals sdkgen uses."""
    if _MISSING is not None:
        raise SdkgenError(
            f"{DISTRIBUTION} {installed_version()} is installed but sdkgen is written against the pinned "
            f"{pinned(DISTRIBUTION)}, and the installed one lacks what sdkgen uses ({type(_MISSING).__name__}: "
            f"{_MISSING}): reinstall with `pip install -e .`, or port sdkgen/generator.py to it"
        )
    require_pinned(DISTRIBUTION, installed_version())


def run(
    spec: dict[str, Any],
    spec_path: Path,
    *,
    settings: Mapping[str, Any],
    templates: Path,
    package: Path,
    source: str,
    config_source: str,
) -> tuple[Layout, list[str]]:
    """Run openapi-python-client in this process on ``spec`` with ``settings`` (its configuration file's keys) and
    the template overrides in ``templates``, writing the bare package to ``package``.

    Returns where it put what, and its warnings, each described the same way on every run. An error of the generator,
    or a crash, is an :class:`SdkgenError` naming the spec (``source``); a setting it does not know or refuses, one
    naming the configuration (``config_source``).
    """
    require()
    unknown = sorted(set(settings) - set(ConfigFile.model_fields))
    if unknown:
        raise SdkgenError(f"{config_source}: {DISTRIBUTION} has no setting generator.{unknown[0]}")
    try:
        config = Config.from_sources(
            ConfigFile(**{**settings, "post_hooks": []}),
            MetaType.NONE,
            spec_path,
            "utf-8",
            overwrite=False,
            output_path=package,
        )
    except ValueError as exc:  # pydantic's ValidationError
        raise SdkgenError(f"{config_source}: {DISTRIBUTION} refuses the generator settings: {exc}") from exc
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            openapi = GeneratorData.from_dict(spec, config=config)
            if isinstance(openapi, GeneratorError):
                raise SdkgenError(f"{source}: {DISTRIBUTION} failed: {_describe(openapi)}")
            problems = Project(openapi=openapi, config=config, custom_template_path=templates).build()
        layout = _layout(openapi, config.field_prefix)
    except SdkgenError:
        raise
    except Exception as exc:  # the generator's own bug, on a document the validator accepted
        raise SdkgenError(f"{source}: {DISTRIBUTION} crashed: {type(exc).__name__}: {exc}") from exc
    errors = [problem for problem in problems if problem.level is not ErrorLevel.WARNING]
    if errors:
        raise SdkgenError(f"{source}: {DISTRIBUTION} failed: {_describe(errors[0])}")
    return layout, [_describe(problem) for problem in problems]


def generate_stock(spec_path: Path, package_name: str, package: Path) -> list[str]:
    """Stock output: the generator as its own command runs it, without templates of ours or post hooks, writing
    the package ``package_name`` to ``package``; its problems, described."""
    require()
    config = Config.from_sources(
        ConfigFile(package_name_override=package_name, post_hooks=[]),
        MetaType.NONE,
        spec_path,
        "utf-8",
        overwrite=False,
        output_path=package,
    )
    with contextlib.redirect_stdout(io.StringIO()):
        problems = _generate_stock(config=config)
    return [_describe(problem) for problem in problems]


def stock_template(name: str) -> bytes:
    """The bytes of the installed generator's stock template ``name`` (a path below its ``templates/``)."""
    try:
        resource = files("openapi_python_client").joinpath("templates", *name.split("/"))
    except ModuleNotFoundError as exc:
        raise SdkgenError(f"{DISTRIBUTION} is not installed: reinstall with `pip install -e .`") from exc
    if not resource.is_file():
        raise SdkgenError(f"{DISTRIBUTION} {installed_version()} has no template {name}")
    return resource.read_bytes()


_UNPRINTED = re.compile(r"<openapi_python_client\.schema\.untrusted_string\.UntrustedString object at 0x[0-9a-fA-F]+>")
"""How openapi-python-client 0.29.1 prints a spec string it will not print (the status code of a response it cannot
parse): an object repr with a memory address, different on every run."""


def _describe(problem: GeneratorError) -> str:
    """The problem's header and detail, the same on every run, so an ``accepted_warnings`` entry can match it."""
    text = " ".join(part.strip() for part in (problem.header, problem.detail or "") if part and part.strip())
    return _UNPRINTED.sub("<code>", text)


def _layout(openapi: GeneratorData, field_prefix: str) -> Layout:
    endpoints = [
        GeneratedEndpoint(
            tag=str(tag),
            method=endpoint.method.lower(),
            path=_spec_path(endpoint),
            python_name=str(PythonIdentifier(endpoint.name, field_prefix)),
            body=_body_class(endpoint),
            result=_result_class(endpoint),
            body_enums=_body_enums(endpoint),
        )
        for tag, collection in openapi.endpoint_collections_by_tag.items()
        for endpoint in collection.endpoints
    ]
    classes = {
        str(prop.class_info.name): ClassRef(f".models.{prop.class_info.module_name}", str(prop.class_info.name))
        for prop in [*openapi.models, *openapi.enums]
    }
    return Layout(tuple(endpoints), tuple(classes[name] for name in sorted(classes)))


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _spec_path(endpoint: Endpoint) -> str:
    """The endpoint's path as the spec writes it. The generator rewrites each path parameter into its Python name
    (``/files/{fileID}`` into ``/files/{file_id}``) after sorting the parameters into the path's order, so the
    placeholders are put back by position."""
    names = iter([parameter.name.get_untrusted_value() for parameter in endpoint.path_parameters])
    return _PLACEHOLDER.sub(lambda _: "{" + next(names, "") + "}", endpoint.path.get_untrusted_value())


def _body_class(endpoint: Endpoint) -> ClassRef | None:
    if len(endpoint.bodies) != 1:
        return None
    return _class_of(endpoint.bodies[0].prop)


def _body_enums(endpoint: Endpoint) -> tuple[EnumField, ...]:
    if len(endpoint.bodies) != 1 or not isinstance(endpoint.bodies[0].prop, ModelProperty):
        return ()
    model = endpoint.bodies[0].prop
    found = []
    for prop in [*(model.required_properties or []), *(model.optional_properties or [])]:
        members = getattr(prop, "inner_properties", None) or [prop]
        enum = next((member for member in members if isinstance(member, EnumProperty)), None)
        if enum is not None:
            ref = ClassRef(f".models.{enum.class_info.module_name}", str(enum.class_info.name))
            found.append(EnumField(str(prop.python_name), ref, tuple(enum.values.values())))
    return tuple(found)


def _result_class(endpoint: Endpoint) -> ClassRef | None:
    success = [
        response.prop
        for response in endpoint.responses.patterns
        if response.status_code.range is not None and 200 <= response.status_code.range[0] <= 299
    ]
    classes = {_class_of(prop) for prop in success}
    return classes.pop() if len(classes) == 1 else None


def _class_of(prop: Property) -> ClassRef | None:
    if isinstance(prop, ModelProperty | EnumProperty):
        return ClassRef(f".models.{prop.class_info.module_name}", str(prop.class_info.name))
    return None
