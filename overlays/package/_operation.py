"""One operation of the API, as sdkgen describes it in ``_operations.py``: how to build its request and parse its
answer, with the generated endpoint module and models loaded only when first used."""

from __future__ import annotations

import functools
import importlib
import typing
from enum import Enum
from types import ModuleType, UnionType
from typing import Any, Generic, TypeVar, cast

import attrs
import httpx

from ._checks import resolve
from ._exceptions import InvalidInputError

B = TypeVar("B")
R = TypeVar("R")

_PACKAGE = __name__.rpartition(".")[0]


class _Parsing:
    """What the generated ``_parse_response`` reads of a client: only this flag."""

    raise_on_unexpected_status = True


class Operation(Generic[B, R]):
    """An operation: ``B`` is its body model (``Any`` when it has none or several), ``R`` its parsed result."""

    def __init__(
        self,
        *,
        operation_id: str,
        method: str,
        path: str,
        endpoint: str,
        body: tuple[str, str] | None,
        success: tuple[tuple[int, int], ...],
        default: bool,
    ) -> None:
        self.operation_id = operation_id
        self.method = method
        self.path = path
        self._endpoint = endpoint
        self._body = body
        self.success = success
        self.default = default

    def __repr__(self) -> str:
        return f"<Operation {self.operation_id}: {self.method} {self.path}>"

    @functools.cached_property
    def endpoint(self) -> ModuleType:
        """The generated endpoint module."""
        return importlib.import_module(self._endpoint, _PACKAGE)

    @property
    def body_type(self) -> type[B]:
        """The generated model of the request body."""
        if self._body is None:
            raise TypeError(f"{self.operation_id} has no single body model")
        module, name = self._body
        body_type: type[B] = getattr(importlib.import_module(module, _PACKAGE), name)
        return body_type

    def coerce(self, field: str, value: object) -> object:
        """``value`` for the body's ``field``: for a field of an enum type, its member (a member as given, or a
        listed value; anything else is an :class:`InvalidInputError`); for any other field, ``value`` itself."""
        body_type: Any = self.body_type
        enum_type = _enum_in(_field_types(body_type).get(field))
        return value if enum_type is None else coerce_enum(enum_type, value, field)

    def body(self, **values: object) -> B:
        """The body model from field values, each :meth:`coerce`-d."""
        construct: Any = self.body_type
        built: B = construct(**{name: self.coerce(name, value) for name, value in values.items()})
        return built

    def request_arguments(self, **arguments: Any) -> dict[str, Any]:
        """The generated endpoint's request arguments (method, URL, params, headers, body) for ``arguments``."""
        build: Any = self.endpoint._get_kwargs
        try:
            built: dict[str, Any] = build(**arguments)
        except TypeError as exc:
            raise InvalidInputError(f"{self.operation_id}: {exc}") from None
        return built

    def documents(self, status: int) -> bool:
        """Whether the spec documents ``status`` as a success of this operation (or has a ``default`` answer)."""
        return self.default or any(low <= status <= high for low, high in self.success)

    @functools.cached_property
    def result_annotation(self) -> Any:
        """The type the generated parse declares it returns."""
        parse: Any = self.endpoint._parse_response
        return resolve(parse.__annotations__.get("return", Any), parse.__module__)

    def parse(self, response: httpx.Response) -> R:
        """The generated parse of a documented success answer. A status whose schema the generator had to drop
        gives the decoded JSON (or ``None`` for no body)."""
        parse: Any = self.endpoint._parse_response
        try:
            result: R = parse(client=_Parsing(), response=response)
        except Exception as exc:
            if type(exc).__name__ != "UnexpectedStatus":
                raise
            dropped: Any = response.json() if response.content else None
            return cast(R, dropped)
        return result


@functools.cache
def _field_types(model: Any) -> dict[str, Any]:
    module = importlib.import_module(model.__module__)
    hints: dict[str, Any] = {}
    for field in attrs.fields(model):
        try:
            annotation = field.type
            if isinstance(annotation, str):
                annotation = eval(annotation, vars(module))  # noqa: S307 - the generated model's own annotation
            hints[field.alias or field.name] = annotation
        except NameError:
            continue
    return hints


def _enum_in(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    if isinstance(annotation, UnionType) or typing.get_origin(annotation) is typing.Union:
        for member in typing.get_args(annotation):
            if isinstance(member, type) and issubclass(member, Enum):
                return member
    return None


def coerce_enum(enum_type: type[Enum], value: object, argument: str) -> Enum:
    """A member of ``enum_type`` for ``value``.

    A member (one constructed explicitly, listed or not, included) is taken as is, so a value the server accepts
    before the spec lists it can be sent; a plain value must be a listed one.
    """
    if isinstance(value, enum_type):
        return value
    listed = [member.value for member in enum_type]
    if isinstance(value, str | int) and not isinstance(value, bool) and value in listed:
        return enum_type(value)
    raise InvalidInputError(
        f"{argument}={value!r} is not one of {', '.join(map(str, listed))}; to send an unlisted value on purpose, "
        f"pass {enum_type.__name__}({value!r})"
    )
