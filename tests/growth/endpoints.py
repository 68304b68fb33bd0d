"""Finding a generated package's endpoint modules by operationId, through the package's own ``_operations.py``."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType
from typing import Any

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})


def operation_ids(spec: Mapping[str, Any]) -> list[str]:
    """Every operationId of ``spec``, in document order."""
    return [
        operation["operationId"]
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def endpoint(package: str, operation_id: str) -> ModuleType:
    """The endpoint module of ``operation_id`` in ours' ``package``, as its ``_operations.BY_OPERATION_ID`` says."""
    operations = importlib.import_module(f"{package}._operations")
    target = operations.BY_OPERATION_ID[operation_id].endpoint
    if isinstance(target, ModuleType):
        return target
    return importlib.import_module(target, package)


def stock_endpoint(package: str, stock_package: str, operation_id: str) -> ModuleType:
    """The same operation's module in stock output: the generator lays both out alike."""
    return importlib.import_module(stock_package + endpoint(package, operation_id).__name__.removeprefix(package))
