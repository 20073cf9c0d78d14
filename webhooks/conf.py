"""Webhook settings, read from Django settings with the defaults below (docs/webhooks.md)."""

from moderation.conf import AppSettings

DEFAULTS = {
    # Deliver to hosts that resolve to private, loopback or link-local addresses (a helpdesk on
    # the same private network). Off: a target inside the network is refused at save and send.
    "DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS": False,
    # Seconds to connect, and to wait for each read of the receiver's answer.
    "DALIL_WEBHOOKS_TIMEOUT_SECONDS": 5.0,
    # Minutes after each failed attempt before the next; the attempt after the last gives up.
    "DALIL_WEBHOOKS_BACKOFF_MINUTES": [1, 5, 30, 120, 720],
}

setting = AppSettings(DEFAULTS)
