"""A typed client for the vendor's voice-clone API, generated from its OpenAPI document: start with the front door
(``Retell``/``AsyncRetell`` or ``Vogent``/``AsyncVogent``); the README shows every option.

Models and enums are importable from here, and are loaded when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _models
from ._client import APIClient, AsyncAPIClient, RequestOptions, SyncAPIClient
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    FileUploadError,
    InternalServerError,
    InvalidInputError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    StreamNotRewindableError,
    UnprocessableEntityError,
)
from ._files import FileInput, OpenedFiles, ProgressCallback, open_files
from ._patch import *  # noqa: F403
from ._patch import __all__ as _front_door
from ._response import APIResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __title__, __version__
from .client import AuthenticatedClient, Client
from .types import UNSET, File, Unset

if TYPE_CHECKING:
    from ._models import *  # noqa: F403


def __getattr__(name: str) -> Any:
    module = _models.MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "NOT_GIVEN",
    "UNSET",
    "APIClient",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIClient",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "File",
    "FileInput",
    "FileUploadError",
    "InternalServerError",
    "InvalidInputError",
    "NotFoundError",
    "NotGiven",
    "OpenedFiles",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "ProgressCallback",
    "RateLimitError",
    "RequestOptions",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "StreamNotRewindableError",
    "SyncAPIClient",
    "UnprocessableEntityError",
    "Unset",
    "__title__",
    "__version__",
    "open_files",
]
__all__ += _front_door  # noqa: PLE0605 - the front door's names, kept in its module
__all__ += _models.__all__
