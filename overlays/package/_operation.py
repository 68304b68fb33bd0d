"""One operation of the API, as sdkgen describes it in ``_operations.py``: its generated endpoint module (loaded
only when first used), its body model, and what a front door makes of the generated function's answer.

Front doors call the generated ``sync_detailed`` / ``asyncio_detailed`` with themselves as the client, so the
request goes through the front door's transport like any generated function's would; this module adds only what
the generated parse does not do: a type check of the parsed answer, an answer whose schema the generator dropped
parsed by its content type, and raw responses.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import typing
from collections.abc import Callable
from enum import Enum
from types import ModuleType, UnionType
from typing import Any, Generic, TypeVar

import attrs
import httpx

from ._auth import Placement, redacted
from ._checks import check_parsed, resolve
from ._decoding import decoded_response, is_json
from ._exceptions import APIError, InvalidInputError, ResponseValidationError, unparsable
from ._files import SENDING, Sending
from ._response import LAST_RESPONSE, RAW_BODY, RAW_RESPONSE, RETRIES_TAKEN, APIResponse
from ._secrets import redact_exception
from ._spec import AUTH

B = TypeVar("B")
R = TypeVar("R")

_PACKAGE = __name__.rpartition(".")[0]


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
        accept: str,
        auth: Placement | None,
    ) -> None:
        self.operation_id = operation_id
        self.method = method
        self.path = path
        self._endpoint = endpoint
        self._body = body
        self.success = success
        self.default = default
        self.accept = accept
        """The ``Accept`` header its requests carry: the media types its 2xx answers document."""
        self.auth = auth
        """Where its requests carry the key (header or query, name, prefix); ``None`` when they go without."""

    def __repr__(self) -> str:
        return f"<Operation {self.operation_id}: {self.method} {self.path}>"

    @functools.cached_property
    def endpoint(self) -> ModuleType:
        """The generated endpoint module."""
        return importlib.import_module(self._endpoint, _PACKAGE)

    @functools.cached_property
    def body_type(self) -> type[B]:
        """The generated model of the request body."""
        if self._body is None:
            raise TypeError(f"{self.operation_id} has no single body model")
        module, name = self._body
        body_type: type[B] = getattr(importlib.import_module(module, _PACKAGE), name)
        return body_type

    @property
    def body_annotation(self) -> Any:
        """The type of the generated function's ``body`` parameter (``None`` when it takes none)."""
        sync: Any = self.endpoint.sync_detailed
        annotation = sync.__annotations__.get("body")
        return None if annotation is None else resolve(annotation, sync.__module__)

    def coerce(self, field: str, value: object) -> object:
        """``value`` for the body's ``field``: for a field of an enum type, its member (a member as given, or a
        listed value; anything else is an :class:`InvalidInputError`); for any other field, ``value`` itself."""
        body_type: Any = self.body_type
        enum_type = _enum_field(body_type, field)
        return value if enum_type is None else coerce_enum(enum_type, value, field)

    def body(self, **values: object) -> B:
        """The body model from field values, each :meth:`coerce`-d."""
        construct: Any = self.body_type
        built: B = construct(**{name: self.coerce(name, value) for name, value in values.items()})
        return built

    def documents(self, status: int) -> bool:
        """Whether the spec documents ``status`` as a success of this operation (or has a ``default`` answer)."""
        return self.default or any(low <= status <= high for low, high in self.success)

    @functools.cached_property
    def result_annotation(self) -> Any:
        """The type the generated ``sync`` declares it returns (``None`` for an operation that answers no body,
        for which the generator writes no ``sync``)."""
        sync: Any = getattr(self.endpoint, "sync", None)
        if sync is None:
            return None
        return resolve(sync.__annotations__.get("return", Any), sync.__module__)

    def call(self, client: Any, sending: Sending, **arguments: Any) -> R:
        """The generated ``sync_detailed`` with ``client``, sending ``sending``'s files; its answer checked (or an
        :class:`APIResponse`)."""
        token = LAST_RESPONSE.set(None)
        files = SENDING.set(sending)
        try:
            detailed = self.endpoint.sync_detailed(client=client, **arguments)
        except Exception as exc:
            failed: R = self._failed(exc, LAST_RESPONSE.get(), client.api_key)
            return failed
        else:
            result: R = self._finish(detailed.parsed, LAST_RESPONSE.get(), client.api_key)
            return result
        finally:
            LAST_RESPONSE.reset(token)
            SENDING.reset(files)

    async def acall(self, client: Any, sending: Sending, **arguments: Any) -> R:
        """The generated ``asyncio_detailed`` with ``client``; see :meth:`call`."""
        token = LAST_RESPONSE.set(None)
        files = SENDING.set(sending)
        try:
            detailed = await self.endpoint.asyncio_detailed(client=client, **arguments)
        except Exception as exc:
            failed: R = self._failed(exc, LAST_RESPONSE.get(), client.api_key)
            return failed
        else:
            result: R = self._finish(detailed.parsed, LAST_RESPONSE.get(), client.api_key)
            return result
        finally:
            LAST_RESPONSE.reset(token)
            SENDING.reset(files)

    def _failed(self, error: Exception, response: httpx.Response | None, api_key: str) -> Any:
        if isinstance(error, APIError) or response is None:
            raise error
        # The answer arrived and the generated parse raised on it: the server acted; keep what it said.
        reason = f"does not match the API's schema ({type(error).__name__}: {error})"
        problem = unparsable_error(response, reason, api_key)
        if RAW_RESPONSE.get():
            return _raw(response, lambda: _raise(problem))
        raise problem from error

    def _finish(self, parsed: Any, response: httpx.Response | None, api_key: str) -> Any:
        if response is None:  # pragma: no cover - the transport always records the answer it returns
            return parsed

        def checked() -> Any:
            result = parsed
            if result is None and response.content:
                result = _by_content_type(response, api_key)
            try:
                check_parsed(result, self.result_annotation)
            except TypeError as exc:
                raise unparsable_error(response, f"does not match the API's schema ({exc})", api_key) from None
            return result

        if RAW_RESPONSE.get():
            return _raw(response, checked)
        return checked()


def _raise(error: Exception) -> Any:
    raise error


def _by_content_type(response: httpx.Response, api_key: str) -> Any:
    # A documented success whose schema the generator had to drop: JSON parsed, anything else as bytes.
    if is_json(response.headers.get("content-type")) or response.headers.get("content-type") is None:
        try:
            return json.loads(response.content)
        except (ValueError, RecursionError) as exc:
            raise unparsable_error(response, f"is not JSON ({exc})", api_key) from None
    return response.content


def unparsable_error(response: httpx.Response, reason: str, api_key: str) -> ResponseValidationError:
    """The error for an answer the transport handed over that does not parse, the key redacted from it."""
    kept = decoded_response(response.status_code, response.headers, response.content, redacted(response.request))
    error = unparsable(kept, response.extensions.get(RAW_BODY, response.content), reason)
    redact_exception(error, (api_key,))
    return error


def _raw(response: httpx.Response, parse: Callable[[], Any]) -> APIResponse[Any]:
    return APIResponse(http_response=response, retries_taken=response.extensions.get(RETRIES_TAKEN, 0), parse=parse)


_PARAMETER = re.compile(r"\\\{[^}]*\\\}")
"""A path parameter in an escaped path template."""


def _literal_first(operation: Operation[Any, Any]) -> list[bool]:
    return [part.startswith("{") for part in operation.path.split("/")]


@functools.cache
def _matchers(base_path: str) -> dict[str, tuple[re.Pattern[str], list[Operation[Any, Any]]]]:
    """Per method, one pattern whose alternatives are its operations' paths, the most literal first (so
    ``/voices/count`` is not taken for ``/voices/{voice_id}``), and the operations in that order."""
    from ._operations import BY_OPERATION_ID  # noqa: PLC0415 - the registry imports this module

    by_method: dict[str, list[Operation[Any, Any]]] = {}
    for operation in BY_OPERATION_ID.values():
        by_method.setdefault(operation.method, []).append(operation)
    found = {}
    for method, operations in by_method.items():
        operations.sort(key=_literal_first)
        paths = (_PARAMETER.sub("[^/]+", re.escape(operation.path)) for operation in operations)
        alternatives = "|".join(f"(?P<o{index}>{path})" for index, path in enumerate(paths))
        found[method] = (re.compile(f"{re.escape(base_path)}(?:{alternatives})"), operations)
    return found


def _raw_path(url: httpx.URL) -> str:
    # As sent: a path parameter holding "/" is "%2F" there, one segment, where the decoded path would have two.
    return url.raw_path.partition(b"?")[0].decode("ascii")


def operation_for(request: httpx.Request, base_url: httpx.URL) -> Operation[Any, Any] | None:
    """The operation of the spec ``request`` calls, or ``None`` for a request that is none of them."""
    matcher = _matchers(_raw_path(base_url).rstrip("/")).get(request.method)
    if matcher is None:
        return None
    pattern, operations = matcher
    matched = pattern.fullmatch(_raw_path(request.url))
    if matched is None or matched.lastgroup is None:
        return None
    return operations[int(matched.lastgroup[1:])]


def auth_placement(request: httpx.Request, base_url: httpx.URL) -> Placement | None:
    """Where ``request`` carries the key: as its operation says, else as the API's security says."""
    operation = operation_for(request, base_url)
    return AUTH if operation is None else operation.auth


@functools.cache
def _enum_field(model: Any, field: str) -> type[Enum] | None:
    return _enum_in(_field_types(model).get(field))


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


@functools.cache
def _listed(enum_type: type[Enum]) -> tuple[object, ...]:
    return tuple(member.value for member in enum_type)


def coerce_enum(enum_type: type[Enum], value: object, argument: str) -> Enum:
    """A member of ``enum_type`` for ``value``.

    A member (one constructed explicitly, listed or not, included) is taken as is, so a value the server accepts
    before the spec lists it can be sent; a plain value must be a listed one.
    """
    if isinstance(value, enum_type):
        return value
    listed = _listed(enum_type)
    if isinstance(value, str | int) and not isinstance(value, bool) and value in listed:
        return enum_type(value)
    raise InvalidInputError(
        f"{argument}={value!r} is not one of {', '.join(map(str, listed))}; to send an unlisted value on purpose, "
        f"pass {enum_type.__name__}({value!r})"
    )
