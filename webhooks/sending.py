"""One HTTP POST to a checked target, connecting to the address that was checked.

The standard library's ``http.client`` follows no redirects and lets the connection be opened
to a given address while the request (Host header, TLS name and certificate check) names the
host, so a DNS answer that changes between the check and the connection cannot redirect a
delivery into the private network.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass

from .safety import Target

MAX_RESPONSE_BYTES = 64 * 1024


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


def post(target: Target, body: bytes, headers: dict[str, str], *, timeout: float) -> Answer:
    """POST ``body`` to ``target``; the answer's body is read up to ``MAX_RESPONSE_BYTES``.
    Raises ``OSError`` (timeouts included) or ``http.client.HTTPException`` when no answer
    came; tries the target's checked addresses in turn until one connects."""
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
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, response.read(MAX_RESPONSE_BYTES))
        finally:
            connection.close()
    raise last_error or OSError("no address to connect to")
