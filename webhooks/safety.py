"""Where webhooks may go: http(s) URLs whose host resolves only to public addresses.

A webhook target is a URL an administrator types, fetched by the server: without this rule it
could reach the database, the cloud's metadata service or an admin port on localhost (SSRF).
Every address the name resolves to is checked, at save time and again at send time because DNS
can change, and the sender connects to the address that was checked, never resolving again.
``DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS`` lifts the address rule (not the scheme rule).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .conf import setting

SCHEMES = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (``addresses``) and what to ask for."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def parse_url(url: str) -> tuple[str, str, int, str]:
    """``(scheme, host, port, path with query)``, or a ValidationError saying what is wrong."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValidationError(_("Enter a valid URL."), code="invalid_url")
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ValidationError(
            _("A webhook URL must start with https:// or http://."), code="scheme"
        )
    if not parts.hostname:
        raise ValidationError(_("The URL has no host name."), code="no_host")
    if parts.username or parts.password:
        raise ValidationError(
            _("Put credentials in the signature secret, not in the URL."), code="credentials"
        )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, parts.hostname, port or SCHEMES[scheme], path


def check_target(url: str) -> Target:
    """Resolve ``url``'s host and check every address; raises ValidationError when refused."""
    scheme, host, port, path = parse_url(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(
            _("The host %(host)s could not be found.") % {"host": host}, code="unresolved"
        )
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise ValidationError(
            _("The host %(host)s could not be found.") % {"host": host}, code="unresolved"
        )
    if not setting("DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS"):
        for address in addresses:
            if not is_public_address(address):
                raise ValidationError(
                    _(
                        "The host %(host)s resolves to %(address)s, a private or local address: "
                        "webhooks are only sent to public addresses."
                    )
                    % {"host": host, "address": address},
                    code="private_address",
                )
    return Target(scheme, host, port, path, addresses)
