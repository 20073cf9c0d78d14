import json
import threading
import time
import types
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

import webhooks
from tests.factories import UserFactory
from webhooks import services

webhooks.register_event("case.opened", "A support case was opened")
webhooks.register_event("case.reply", "Someone replied to a support case")


class Receiver:
    """A real HTTP server on 127.0.0.1: records each request and answers with the next of
    ``answers`` (status, seconds to wait first or ``"trickle"``), then 200."""

    def __init__(self):
        self.requests = []
        self.answers = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                status, delay = receiver.answers.pop(0) if receiver.answers else (200, 0)
                if delay == "trickle":
                    return self.trickle()
                if delay:
                    time.sleep(delay)
                answer = json.dumps({"received": status}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass

            def trickle(self):
                """A valid answer, one byte every 0.1 s: no single read ever times out."""
                answer = b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n" + b"x" * 40
                try:
                    for byte in answer:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/dalil"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def json(self, index=-1):
        return json.loads(self.requests[index]["body"])


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted in English (the site's default is Arabic); Arabic tests override."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _private_targets_allowed(settings):
    """The receiver listens on 127.0.0.1; tests of the address rule turn this off again."""
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True, display_name="Amal Admin")


@pytest.fixture
def endpoint_for(admin):
    def create(url, *, events=("case.opened",), trusted=False, name="Helpdesk"):
        return services.create_endpoint(
            actor=admin, name=name, url=url, events=list(events), trusted=trusted
        )

    return create


@pytest.fixture
def clock(monkeypatch):
    """webhooks' own clock, to move forward past a backoff without waiting."""
    now = [timezone.now()]
    monkeypatch.setattr(services, "timezone", types.SimpleNamespace(now=lambda: now[0]))

    def advance(**delta):
        now[0] += timedelta(**delta)
        return now[0]

    return advance
