"""The generated functions, called with a front door as their client, for every operation of each growth spec (sync
``sync_detailed`` and async ``asyncio_detailed``): the front door's key and base URL, typed errors for every error
answer, retries of what is safe to retry, the response bound, and the key redacted from what comes back."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import io
import pickle
import types
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs
import pytest
from corpus import CONSTRUCTS, FRONT_DOORS, Builds
from endpoints import operation_ids
from support.audio import WAV
from support.canned import Canned, CannedServer

KEY = "growth-generated-KEY-7c1d"
KEY_HEADERS = {"Authorization": f"Bearer {KEY}", "xi-api-key": KEY}
"""Each header some scheme of the constructs spec carries the key in, with its value."""
PATH_VALUE = "v1"


def _value(annotation: Any, package: types.ModuleType, depth: int = 0) -> Any:
    """A valid value of ``annotation``: what a caller would pass for a required parameter or field."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        usable = [member for member in members if getattr(member, "__name__", "") != "Unset"]
        return _value(usable[0], package, depth)
    if origin is list:
        return []
    if origin is dict:
        return {}
    if annotation is str:
        return PATH_VALUE
    if annotation is bool:
        return True
    if annotation in (int, float):
        return annotation(1)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    if isinstance(annotation, type) and annotation.__name__ == "File":
        return annotation(payload=io.BytesIO(WAV), file_name="a.wav", mime_type="audio/wav")
    if attrs.has(annotation) and depth < 8:
        hints = typing.get_type_hints(annotation, _names(annotation.__module__, package))
        required = [field for field in attrs.fields(annotation) if field.default is attrs.NOTHING and field.init]
        return annotation(**{field.alias or field.name: _value(hints[field.name], package, depth + 1)
                             for field in required})  # fmt: skip
    raise LookupError(f"no value for {annotation!r}")


def _names(module: str, package: types.ModuleType) -> dict[str, Any]:
    """``module``'s names, with every model of ``package`` (annotations name some only for type checkers)."""
    models = {name: getattr(package, name) for name in package.__all__}
    return {**models, **vars(importlib.import_module(module))}


def arguments(function: Any, package: types.ModuleType) -> dict[str, Any]:
    """Keyword arguments for ``function``'s required parameters."""
    hints = typing.get_type_hints(function, _names(function.__module__, package))
    return {
        name: _value(hints[name], package)
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "client" and parameter.default is inspect.Parameter.empty
    }


def key_header(spec: dict[str, Any], operation_id: str) -> tuple[str, str] | None:
    """The header the spec says ``operation_id`` carries the key in, with its value; ``None`` for none."""
    operation = next(
        operation for item in spec["paths"].values() for operation in item.values()
        if isinstance(operation, dict) and operation.get("operationId") == operation_id
    )  # fmt: skip
    security: list[dict[str, Any]] = operation.get("security", spec.get("security")) or []
    if not any(security):
        return None
    schemes = spec["components"]["securitySchemes"]
    scheme = schemes[next(iter(security[0]))]
    name = "Authorization" if scheme["type"] == "http" else scheme["name"]
    return name, KEY_HEADERS[name]


class Operations:
    """A constructs spec's package: its front doors on the canned server and its operations."""

    def __init__(self, builds: Builds, name: str, server: CannedServer) -> None:
        growth = builds[name].growth
        self.package = importlib.import_module(growth.package)
        self.spec = growth.spec
        self.server = server
        self.sync_door, self.async_door = (getattr(self.package, name) for name in FRONT_DOORS[growth.vendor])
        self.operations = importlib.import_module(f"{growth.package}._operations").BY_OPERATION_ID

    def path(self, operation_id: str) -> tuple[str, str]:
        """The (METHOD, path) a call of ``operation_id`` requests, its path parameters filled in."""
        operation = self.operations[operation_id]
        return operation.method, "/".join(
            PATH_VALUE if part.startswith("{") else part for part in operation.path.split("/")
        )

    def call(self, operation_id: str, door: str, **options: Any) -> Any:
        """``sync_detailed`` (or ``asyncio_detailed``) of ``operation_id`` with a front door as its client."""
        endpoint = self.operations[operation_id].endpoint
        if door == "sync":
            with self.sync_door(api_key=KEY, base_url=self.server.base_url, **options) as client:
                return endpoint.sync_detailed(client=client, **arguments(endpoint.sync_detailed, self.package))

        async def run() -> Any:
            async with self.async_door(api_key=KEY, base_url=self.server.base_url, **options) as client:
                return await endpoint.asyncio_detailed(
                    client=client, **arguments(endpoint.asyncio_detailed, self.package)
                )

        return asyncio.run(run())


@pytest.fixture(params=CONSTRUCTS)
def growth_operations(request: pytest.FixtureRequest, builds: Builds, growth_server: CannedServer) -> Operations:
    return Operations(builds, request.param, growth_server)


def every_route(growth_operations: Operations) -> Iterator[tuple[str, str, str]]:
    """Each operation of the spec, with the method and path a call requests, the server reset before each."""
    for operation_id in operation_ids(growth_operations.spec):
        growth_operations.server.reset()
        yield operation_id, *growth_operations.path(operation_id)


@pytest.mark.parametrize("door", ["sync", "async"])
def test_every_generated_function_gets_the_key_typed_errors_and_safe_retries(
    growth_operations: Operations, door: str
) -> None:
    server, package = growth_operations.server, growth_operations.package
    for operation_id, method, path in every_route(growth_operations):
        server.answer(
            method, path, Canned.json(503, {"message": "busy"}, ("Retry-After", "0")),
            Canned.json(404, {"message": f"no {operation_id}"}),
        )  # fmt: skip
        with pytest.raises(package.NotFoundError, match=f"no {operation_id}") as caught:
            growth_operations.call(operation_id, door)
        assert len(server.requests) == 2, f"{operation_id}: the 503 was retried once, the 404 not"
        carrier = key_header(growth_operations.spec, operation_id)
        sent = [
            {name: value for name, value in request.headers.items() if name in KEY_HEADERS}
            for request in server.requests
        ]
        if carrier is None:
            assert sent == [{}, {}], f"{operation_id}: its security is empty, so no key is sent"
        else:
            name, value = carrier
            assert sent == [{name: value}] * 2, f"{operation_id}: the key goes where its security says"
            assert caught.value.request.headers[name] == "[redacted]"


@pytest.mark.parametrize("door", ["sync", "async"])
def test_every_generated_function_is_bounded_and_keeps_an_echoed_key_out_of_its_errors(
    growth_operations: Operations, door: str
) -> None:
    server, package = growth_operations.server, growth_operations.package
    for operation_id, method, path in every_route(growth_operations):
        server.answer(method, path, Canned(200, b"x" * 4096, (("Content-Type", "application/json"),)))
        with pytest.raises(package.ResponseTooLargeError):
            growth_operations.call(operation_id, door, max_response_bytes=1024)
        server.answer(method, path, Canned.json(401, {"message": f"bad key {KEY}"}, ("X-Echo", KEY)))
        with pytest.raises(package.AuthenticationError) as caught:
            growth_operations.call(operation_id, door)
        error = caught.value
        shown = [str(error), repr(error), error.body, str(error.headers), repr(error.raw_body)]
        assert not [text for text in shown if KEY in text], f"{operation_id}: the key shows"
        assert KEY.encode() not in pickle.dumps(error)


def test_a_non_idempotent_generated_call_is_not_resent_after_a_500_but_an_idempotent_one_with_the_opt_in_is(
    growth_operations: Operations,
) -> None:
    server = growth_operations.server
    for operation_id, method, path in every_route(growth_operations):
        broke = Canned.json(500, {"message": "broke"}, ("Retry-After", "0"))
        server.answer(method, path, broke, Canned.json(599, {"message": "again"}))
        with pytest.raises(growth_operations.package.InternalServerError, match="broke"):
            growth_operations.call(operation_id, "sync")
        assert len(server.requests) == 1, f"{operation_id}: a 500 is retried only with retry_non_idempotent"
        server.reset()
        server.answer(method, path, broke, Canned.json(599, {"message": "again"}))
        with pytest.raises(growth_operations.package.InternalServerError, match="again"):
            growth_operations.call(operation_id, "sync", retry_non_idempotent=True, max_retries=1)
        assert len(server.requests) == 2
