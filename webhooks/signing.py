"""The signature scheme of Dalil's webhooks, for sending and for callbacks received.

``X-Dalil-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`` with the endpoint's
secret, and ``X-Dalil-Timestamp`` in unix seconds: signing the timestamp with the body lets a
receiver refuse a captured request replayed later (``tolerance``).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

SIGNATURE_HEADER = "X-Dalil-Signature"
TIMESTAMP_HEADER = "X-Dalil-Timestamp"
PREFIX = "sha256="


class InvalidSignature(Exception):
    """A callback whose signature or timestamp does not check out; the message says which."""


def signature(secret: str, timestamp: int | str, body: bytes) -> str:
    message = str(timestamp).encode("ascii") + b"." + body
    return PREFIX + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(request: HttpRequest, *, secret: str, tolerance: int = 300) -> bytes:
    """The body of ``request`` if it carries a valid signature made within ``tolerance`` seconds
    of now with ``secret``; raises ``InvalidSignature`` otherwise."""
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    given = request.headers.get(SIGNATURE_HEADER, "")
    if not timestamp or not given:
        raise InvalidSignature("The request is not signed (no timestamp or signature header).")
    if not timestamp.isascii() or not timestamp.isdigit():
        raise InvalidSignature("The timestamp header is not a unix time in seconds.")
    if abs(time.time() - int(timestamp)) > tolerance:
        raise InvalidSignature("The timestamp is outside the accepted window.")
    body = request.body
    if not hmac.compare_digest(given.encode("utf-8"), signature(secret, timestamp, body).encode()):
        raise InvalidSignature("The signature does not match the body.")
    return body
