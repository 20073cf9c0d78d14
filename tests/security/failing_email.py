"""Test-only email backends: a mail server that is down, and one that recovers."""

from smtplib import SMTPException

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class DownEmailBackend(BaseEmailBackend):
    """Every send fails, as when the SMTP server refuses connections."""

    def send_messages(self, email_messages):
        raise SMTPException("421 mail server unavailable")


class FlakyEmailBackend(BaseEmailBackend):
    """The first `failures_left` sends fail; later ones land in django.core.mail.outbox."""

    failures_left = 2

    def send_messages(self, email_messages):
        if FlakyEmailBackend.failures_left > 0:
            FlakyEmailBackend.failures_left -= 1
            raise SMTPException("451 try again later")
        mail.outbox.extend(email_messages)
        return len(email_messages)
