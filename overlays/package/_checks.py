"""Checking a parsed answer against the types its models declare.

The generated ``from_dict`` copies scalars as it finds them, so ``{"voice_id": 5}`` would give a model whose
``voice_id: str`` holds an int. The front doors run this check on every parsed answer and turn a mismatch into
``ResponseValidationError``, so a returned model always matches its annotations.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import types
import typing
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

import attrs

from ._models import MODULES
from .types import File, Unset

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
    _check_value(value, annotation, where, 0)


def _check_model(model: object, where: str, depth: int) -> None:
    model_type: Any = type(model)
    for name, annotation in _annotations(model_type):
        _check_value(getattr(model, name), annotation, f"{where}.{name}", depth + 1)


def _check_value(value: object, annotation: Any, where: str, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise TypeError(f"{where}: nested more than {_MAX_DEPTH} levels deep")
    if not _matches(value, annotation, where, depth):
        raise TypeError(f"{where}: expected {_describe(annotation)}, got {type(value).__name__}")


def _matches(value: object, annotation: Any, where: str, depth: int) -> bool:  # noqa: PLR0911, PLR0912 - a case a kind
    origin = typing.get_origin(annotation)
    if annotation is Any or annotation is object:
        if attrs.has(type(value)):
            _check_model(value, where, depth)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                _check_value(item, Any, f"{where}[{index}]", depth + 1)
        return True
    if annotation is None or annotation is type(None):
        return value is None
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        return any(_matches_quietly(value, member, where, depth) for member in typing.get_args(annotation))
    if origin is typing.Literal:
        return value in typing.get_args(annotation)
    if origin in (list, tuple):
        (item_type, *_) = typing.get_args(annotation) or (Any,)
        if not isinstance(value, list | tuple):
            return False
        for index, item in enumerate(value):
            _check_value(item, item_type, f"{where}[{index}]", depth + 1)
        return True
    if origin is dict:
        _, item_type = typing.get_args(annotation) or (str, Any)
        if not isinstance(value, dict):
            return False
        for key, item in value.items():
            _check_value(item, item_type, f"{where}[{key!r}]", depth + 1)
        return True
    if not isinstance(annotation, type):
        return True
    return _matches_type(value, annotation, where, depth)


def _matches_type(value: object, annotation: type, where: str, depth: int) -> bool:
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation in (str, bool, Unset, File, datetime.date, datetime.datetime) or issubclass(annotation, Enum):
        return isinstance(value, annotation)
    if attrs.has(annotation):
        if not isinstance(value, annotation):
            return False
        _check_model(value, where, depth)
        return True
    return isinstance(value, annotation)


def _matches_quietly(value: object, annotation: Any, where: str, depth: int) -> bool:
    try:
        return _matches(value, annotation, where, depth)
    except TypeError:
        return False


def _describe(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")
