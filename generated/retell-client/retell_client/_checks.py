"""Checking a parsed answer against the types its models declare.

The generated ``from_dict`` copies scalars as it finds them, so ``{"voice_id": 5}`` would give a model whose
``voice_id: str`` holds an int. The front doors run this check on every parsed answer and turn a mismatch into
``ResponseValidationError``, so a returned model always matches its annotations.
"""

from __future__ import annotations

import functools
import importlib
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ._models import MODULES

_PACKAGE = __name__.rpartition(".")[0]
_MAX_DEPTH = 64


class _ModelNames(Mapping[str, Any]):
    """The generated models by name, imported on lookup: annotations name models their module imports only for
    type checkers."""

    def __getitem__(self, name: str) -> Any:
        if name not in MODULES:
            raise KeyError(name)
        return getattr(importlib.import_module(MODULES[name], _PACKAGE), name)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def resolve(annotation: object, module: str) -> Any:
    """``annotation`` (a string under ``from __future__ import annotations``) evaluated in ``module``, with every
    generated model in scope; ``Any`` when it cannot be resolved, so what we cannot read is not checked."""
    if not isinstance(annotation, str):
        return annotation
    try:
        namespace = dict(vars(importlib.import_module(module)))
        return eval(annotation, namespace, _ModelNames())  # noqa: S307 - the generated code's own annotation
    except Exception:
        return Any


@functools.cache
def _annotations(model: Any) -> tuple[tuple[str, Any], ...]:
    return tuple((field.name, resolve(field.type, model.__module__)) for field in attrs.fields(model))


def check_parsed(value: object, annotation: Any = Any, where: str = "response") -> None:
    """Raise ``TypeError`` naming the first part of ``value`` (a scalar, a model, lists and dicts of them) that does
    not have the type ``annotation`` and the models' own annotations declare."""
    _require(annotation, value, where, 0)


Check = Callable[[object, str, int], bool]
"""Whether a value has a type; raises ``TypeError`` for a mismatch deeper inside it."""


def _require(annotation: Any, value: object, where: str, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise TypeError(f"{where}: nested more than {_MAX_DEPTH} levels deep")
    if not _checker(annotation)(value, where, depth):
        raise TypeError(f"{where}: expected {_describe(annotation)}, got {type(value).__name__}")


def _check_model(model: object, where: str, depth: int) -> None:
    model_type: Any = type(model)
    for name, annotation in _annotations(model_type):
        _require(annotation, getattr(model, name), f"{where}.{name}", depth + 1)


@functools.cache
def _checker(annotation: Any) -> Check:  # noqa: PLR0911 - a case a kind of annotation
    """The check for ``annotation``, built once: parsing checks every answer, so it must be cheap."""
    origin = typing.get_origin(annotation)
    if annotation is Any or annotation is object:
        return _anything
    if annotation is None or annotation is type(None):
        return lambda value, where, depth: value is None
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        members = tuple(_checker(member) for member in typing.get_args(annotation))
        return lambda value, where, depth: any(_quietly(member, value, where, depth) for member in members)
    if origin is typing.Literal:
        allowed = typing.get_args(annotation)
        return lambda value, where, depth: value in allowed
    if origin in (list, tuple):
        (item,) = typing.get_args(annotation)[:1] or (Any,)
        return functools.partial(_items, item)
    if origin is dict:
        _, item = typing.get_args(annotation) or (str, Any)
        return functools.partial(_values, item)
    if annotation in (typing.BinaryIO, typing.IO) or origin is typing.IO:
        # File.payload: typing's IO classes are not the bases of io's, so a BytesIO is not an instance of BinaryIO.
        return lambda value, where, depth: callable(getattr(value, "read", None))
    if not isinstance(annotation, type):
        return _anything
    if annotation is float:
        return lambda value, where, depth: isinstance(value, int | float) and not isinstance(value, bool)
    if annotation is int:
        return lambda value, where, depth: isinstance(value, int) and not isinstance(value, bool)
    if attrs.has(annotation):
        return functools.partial(_model, annotation)
    return lambda value, where, depth: isinstance(value, annotation)


def _anything(value: object, where: str, depth: int) -> bool:
    if attrs.has(type(value)):
        _check_model(value, where, depth)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _require(Any, item, f"{where}[{index}]", depth + 1)
    return True


def _items(item: Any, value: object, where: str, depth: int) -> bool:
    if not isinstance(value, list | tuple):
        return False
    for index, element in enumerate(value):
        _require(item, element, f"{where}[{index}]", depth + 1)
    return True


def _values(item: Any, value: object, where: str, depth: int) -> bool:
    if not isinstance(value, dict):
        return False
    for key, element in value.items():
        _require(item, element, f"{where}[{key!r}]", depth + 1)
    return True


def _model(model: type, value: object, where: str, depth: int) -> bool:
    if not isinstance(value, model):
        return False
    _check_model(value, where, depth)
    return True


def _quietly(check: Check, value: object, where: str, depth: int) -> bool:
    try:
        return check(value, where, depth)
    except TypeError:
        return False


def _describe(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")
