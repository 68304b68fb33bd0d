"""Test servers the client suites talk to over real loopback sockets.

``SpecServer`` validates requests against a vendored spec and answers as the spec says unless scripted
otherwise (``Respond``, ``RespondAfterCreate``, ``Stall``); ``RawSocketServer`` breaks connections below HTTP.
"""

from .actions import Action, Respond, RespondAfterCreate, Stall
from .raw_socket import RawSocketServer
from .recording import Part, RecordedRequest
from .spec_server import SpecServer
from .voices import Accepted, UploadedFile

__all__ = [
    "Accepted",
    "Action",
    "Part",
    "RawSocketServer",
    "RecordedRequest",
    "Respond",
    "RespondAfterCreate",
    "SpecServer",
    "Stall",
    "UploadedFile",
]
