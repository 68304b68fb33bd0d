"""A client library for accessing Vogent - OpenAPI 3.0"""

from ._config import ConfiguredClient
from ._files import FileInput, OpenedFiles, ProgressCallback, open_files
from ._patch import *  # noqa: F403
from ._patch import __all__ as _patch_all
from .client import AuthenticatedClient, Client
from .errors import *  # noqa: F403
from .errors import __all__ as _errors_all

__all__ = [
    "AuthenticatedClient",
    "Client",
    "ConfiguredClient",
    "FileInput",
    "OpenedFiles",
    "ProgressCallback",
    "open_files",
    *_errors_all,
    *_patch_all,
]
