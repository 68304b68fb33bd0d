"""Defaults of the front-door clients, each overridable per client (and most per call)."""

from __future__ import annotations

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
"""5 s to connect, 60 s for each read, each write and the wait for a pooled connection."""

DEFAULT_MAX_RETRIES = 2
"""Retries of a failed call when retrying is safe (see ``RetryPolicy``)."""

DEFAULT_DEADLINE_S = 120.0
DEADLINE_SECONDS_PER_MIB = 1.0
"""With no ``deadline`` given, a call may take ``DEFAULT_DEADLINE_S`` plus one second per MiB of request body, all
attempts and waits between them included: 2 minutes for a small clone, 19 minutes for a 1 GiB upload (which needs
an uplink of about 1 MiB/s, 8 Mbit/s). A fixed default small enough to catch a stalled small call would break
legitimate large uploads, and one large enough for them would let a drip-feeding server hold small calls for long."""

MAX_RETRY_WAIT_S = 20.0
"""The longest wait between attempts a call sits through. A server asking for more (``Retry-After: 3600``) ends the
call at once with its error, whose ``retry_after`` says when to come back: a program should decide itself whether
to wait an hour, not find a call blocked. So is a wait that would run past the call's deadline."""

DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""The largest decoded response body read: the APIs answer with JSON of a few KiB, so 16 MiB is generous, and it
bounds what a broken server or a decompression bomb can make the client hold."""

ERROR_BODY_BYTES = 64 * 1024
"""How much of an error answer is read and kept in ``APIStatusError.body``: enough for any message, and a marker
says when the rest was cut."""

KEEPALIVE_EXPIRY_S = 1.5
"""Idle pooled connections are dropped after this long: below the shortest common server idle timeouts
(gunicorn's 2 s, uvicorn's and Node's 5 s), so a connection is rarely reused just as the server closes it."""

MAX_CONNECTIONS = 100
MAX_KEEPALIVE_CONNECTIONS = 20
MAX_REDIRECTS = 20
"""Redirects followed in one call (with ``follow_redirects=True``), as httpx's default."""

ACCEPT_ENCODING = "gzip, deflate"
"""The encodings the bounded decoder reads; asking for no others keeps every answer decodable within bounds."""

REDACTED = "[redacted]"
"""What stands in for the API key wherever it would otherwise be shown."""
DEFAULT_ACCEPT = "application/json"
"""The ``Accept`` a request carries unless its operation documents other answers, or the caller sets one."""
