"""One HTTP POST to a checked target, connecting to the address that was checked.

The standard library's ``http.client`` follows no redirects and lets the connection be opened
to a given address while the request (Host header, TLS name and certificate check) names the
host, so a DNS answer that changes between the check and the connection cannot redirect a
delivery into the private network.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
from dataclasses import dataclass

from .safety import Target

MAX_RESPONSE_BYTES = 64 * 1024
# A whole attempt (connect, send, answer) ends after this many timeouts, however slowly the
# receiver trickles bytes: each read's timeout alone would let it hold a worker for hours.
ATTEMPT_TIMEOUTS = 3


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def _cut(connection: http.client.HTTPConnection, cut: threading.Event) -> None:
    cut.set()
    if connection.sock is not None:
        with contextlib.suppress(OSError):
            connection.sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked read


def post(target: Target, body: bytes, headers: dict[str, str], *, timeout: float) -> Answer:
    """POST ``body`` to ``target``; the answer's body is read up to ``MAX_RESPONSE_BYTES``.
    Raises ``OSError`` (timeouts included) or ``http.client.HTTPException`` when no answer
    came; tries the target's checked addresses in turn until one connects. The exchange after
    connecting is cut at ``ATTEMPT_TIMEOUTS`` × ``timeout``."""
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    last_error: OSError | None = None
    for address in target.addresses:
        connection = connection_class(target.host, target.port, address=address, timeout=timeout)
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            last_error = error
            continue
        cut = threading.Event()
        timer = threading.Timer(ATTEMPT_TIMEOUTS * timeout, _cut, args=(connection, cut))
        timer.start()
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.read(MAX_RESPONSE_BYTES))
        except (OSError, http.client.HTTPException):
            if cut.is_set():
                raise TimeoutError(f"no complete answer within {ATTEMPT_TIMEOUTS * timeout:g} s")
            raise
        finally:
            timer.cancel()
            connection.close()
        if cut.is_set():
            raise TimeoutError(f"no complete answer within {ATTEMPT_TIMEOUTS * timeout:g} s")
        return answer
    raise last_error or OSError("no address to connect to")
