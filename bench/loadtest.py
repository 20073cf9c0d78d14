"""Load test: gunicorn + PostgreSQL under 50 simulated people for 60 seconds, then a count check.

    make loadtest            (or: .venv/bin/python bench/loadtest.py --users 50 --duration 60)

Steps: (re)create the PostgreSQL database `dalil_load`, migrate and seed the demo with the
development settings, create the load-test customers (four in five established members with
earlier answers, one in five new members) and their sessions, collect static files
into a temporary STATIC_ROOT, start gunicorn with production settings (bench/loadtest_settings.py:
DEBUG off, a generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1), then run the people. Each one reads
the question list and threads, searches, asks, answers, votes and flags. Every write the server
accepted (a redirect to the new post, a vote) is recorded and compared with the database at the
end. It prints the number of 5xx responses (target 0) and the 95th-percentile latency, and exits
non-zero when a 5xx occurred or a count differs. Only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BODY = (
    "Load test body: my fibre line drops every evening around eight and the router light "
    "turns red. What should I check first?"
)
SEARCHES = ["router", "fibre", "بطاقة", "password", "الإنترنت", "bill", "roaming", "<script>"]
QUESTION_LINK = re.compile(r'href="(/(?:ar|en)/questions/(\d+)/[^/"]+/)"')
FLAG_LINK = re.compile(r'href="(/(?:ar|en)/moderation/flag/\d+/\d+/)"')

# Every fifth load customer is a new member (screened, tightly rate-limited, no Flag buttons);
# the others joined 60 days ago and have 20 published answers each, so they are regulars
# (trust level 2) who flag and post freely. Those seeded answers are subtracted at the end.
SETUP_SCRIPT = """
import json, sys
from datetime import timedelta
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from forum.models import Answer, PostStatus, Question
User = get_user_model()
customers = Group.objects.get(name="Customers")
questions = list(Question.objects.published().order_by("pk")[:20])
sessions, seeded = {}, 0
for number in range(int(sys.argv[1])):
    email = f"load{number}@load.example"
    regular = number % 5 != 4
    user, _ = User.objects.get_or_create(
        username=f"load{number}", defaults={"email": email, "display_name": f"Load {number}"}
    )
    user.set_unusable_password()
    user.date_joined = timezone.now() - timedelta(days=60 if regular else 0)
    user.save()
    user.groups.add(customers)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if regular:
        for question in questions:
            Answer.objects.create(
                question=question, author=user, status=PostStatus.PUBLISHED,
                body=f"Earlier answer by load customer {number}: restart the router first.",
            )
            seeded += 1
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions[user.pk] = store.session_key
print(json.dumps({"sessions": sessions, "seeded_answers": seeded}))
"""


def run(command, env, **kwargs):
    print("$", " ".join(command)[:80], flush=True)
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def prepare(args, env):
    admin_url = args.database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{args.database}"')
    # The demo's staff have no second factor: the demo is seeded as in development, and the
    # server then runs with production's MFA rule.
    dev = {
        **env,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DALIL_STAFF_REQUIRE_MFA": "False",
    }
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], dev)
    run([PYTHON, "manage.py", "seed_demo"], dev, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    setup = [
        PYTHON,
        "manage.py",
        "shell",
        "-c",
        SETUP_SCRIPT.replace("sys.argv[1]", str(args.users)),
    ]
    output = run(setup, env, capture_output=True, text=True).stdout
    made = json.loads(output.strip().splitlines()[-1])
    args.seeded_answers = made["seeded_answers"]
    return {int(pk): key for pk, key in made["sessions"].items()}


class Recorder:
    """What the people did and what the server answered, shared between threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.statuses = Counter()
        self.server_errors = []
        self.connection_errors = []
        self.accepted = Counter()
        self.votes = set()

    def failed(self, action, path, error):
        """A request that got no answer (connection reset, timeout): reported, never retried."""
        with self.lock:
            self.statuses[(action, "no answer")] += 1
            self.connection_errors.append((action, path, type(error).__name__))

    def record(self, action, response, seconds):
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[(action, response.status_code)] += 1
            if response.status_code >= 500:
                self.server_errors.append((action, response.url, response.status_code))


class Person:
    def __init__(self, base, user_id, session_key, question_ids, recorder, rng):
        self.base, self.user_id, self.recorder, self.rng = base, user_id, recorder, rng
        self.question_ids = question_ids
        self.http = requests.Session()
        self.http.cookies.set("sessionid", session_key, domain="127.0.0.1")
        self.language = rng.choice(["ar", "en"])

    def request(self, action, method, path, **kwargs):
        started = time.perf_counter()
        try:
            response = self.http.request(
                method, self.base + path, allow_redirects=False, timeout=30, **kwargs
            )
        except requests.RequestException as error:
            self.recorder.failed(action, path, error)
            response = requests.Response()
            response.status_code, response.url = 0, self.base + path
            return response
        self.recorder.record(action, response, time.perf_counter() - started)
        return response

    def post(self, action, path, data):
        token = self.http.cookies.get("csrftoken", domain="127.0.0.1")
        headers = {"X-CSRFToken": token or "", "Referer": self.base + path}
        return self.request(action, "POST", path, data={**data}, headers=headers)

    def thread_path(self, question_id):
        return f"/{self.language}/questions/{question_id}/"

    def read_list(self):
        response = self.request("list", "GET", f"/{self.language}/questions/?language=all")
        for _path, question_id in QUESTION_LINK.findall(response.text):
            self.question_ids.add(int(question_id))

    def read_thread(self):
        question_id = self.rng.choice(sorted(self.question_ids))
        response = self.request("thread", "GET", self.thread_path(question_id))
        if response.status_code == 301:
            self.request("thread", "GET", response.headers["Location"])

    def search(self):
        self.request(
            "search", "GET", f"/{self.language}/search/", params={"q": self.rng.choice(SEARCHES)}
        )

    def ask(self):
        self.request("ask-form", "GET", f"/{self.language}/questions/ask/")
        title = f"Load test question {uuid.uuid4().hex[:12]}"
        data = {
            "title": title,
            "body": BODY,
            "language": self.language,
            "tags": "load-test",
            "submission_token": uuid.uuid4().hex,
        }
        response = self.post("ask", f"/{self.language}/questions/ask/", data)
        if response.status_code == 302 and "/questions/ask/" not in response.headers["Location"]:
            with self.recorder.lock:
                self.recorder.accepted["questions"] += 1

    def answer(self):
        question_id = self.rng.choice(sorted(self.question_ids))
        page = self.request("thread", "GET", self.thread_path(question_id))
        data = {"body": BODY + f" ({uuid.uuid4().hex[:6]})", "submission_token": uuid.uuid4().hex}
        response = self.post("answer", f"/{self.language}/questions/{question_id}/-/answer/", data)
        if page.status_code in (200, 301) and response.status_code == 302:
            with self.recorder.lock:
                self.recorder.accepted["answers"] += 1

    def vote(self):
        question_id = self.rng.choice(sorted(self.seeded))
        with self.recorder.lock:
            if (self.user_id, question_id) in self.recorder.votes:
                return
            self.recorder.votes.add((self.user_id, question_id))
        self.request("thread", "GET", self.thread_path(question_id))
        self.post(
            "vote", f"/{self.language}/questions/vote/question/{question_id}/", {"value": "1"}
        )

    def flag(self):
        question_id = self.rng.choice(sorted(self.seeded))
        page = self.request(
            "thread",
            "GET",
            self.thread_path(question_id),
        )
        if page.status_code == 301:
            page = self.request("thread", "GET", page.headers["Location"])
        links = FLAG_LINK.findall(page.text)
        if not links:
            with self.recorder.lock:
                self.recorder.accepted["flag links missing"] += 1
            return
        # Any flaggable post on the page (not always the question: a storm of flags on a few
        # questions would hide them and turn the rest of the run into 404s).
        response = self.post("flag", self.rng.choice(links), {"reason": "spam"})
        if response.status_code == 302:
            with self.recorder.lock:
                self.recorder.accepted["flags"] += 1

    ACTIONS = [
        ("read_list", 25),
        ("read_thread", 30),
        ("search", 15),
        ("ask", 6),
        ("answer", 8),
        ("vote", 11),
        ("flag", 5),
    ]

    def live(self, until):
        self.request("home", "GET", f"/{self.language}/")
        self.request("ask-form", "GET", f"/{self.language}/questions/ask/")  # the CSRF cookie
        names, weights = zip(*self.ACTIONS, strict=True)
        while time.monotonic() < until:
            getattr(self, self.rng.choices(names, weights)[0])()
            time.sleep(self.rng.uniform(0.05, 0.3))


def wait_for(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/robots.txt", timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not start")


def verify(args, recorder, user_ids):
    with psycopg.connect(args.database_url) as connection:

        def count(sql):
            return connection.execute(sql, (list(user_ids),)).fetchone()[0]

        found = {
            "questions": count("SELECT count(*) FROM forum_question WHERE author_id = ANY(%s)"),
            "answers": count("SELECT count(*) FROM forum_answer WHERE author_id = ANY(%s)")
            - args.seeded_answers,
            "votes": count("SELECT count(*) FROM forum_vote WHERE user_id = ANY(%s)"),
            "flags": count("SELECT count(*) FROM moderation_flag WHERE flagger_id = ANY(%s)"),
        }
        queued = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
        ).fetchone()[0]
    vote_posts = recorder.statuses[("vote", 302)]
    expected = {
        "questions": recorder.accepted["questions"],
        "answers": recorder.accepted["answers"],
        "votes": vote_posts,
        "flags": recorder.accepted["flags"],
    }
    return expected, found, queued


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--port", type=int, default=8031)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default="dalil_load")
    args = parser.parse_args()
    args.database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    static_root = tempfile.mkdtemp(prefix="dalil-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.loadtest_settings",
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "False",
        "STATIC_ROOT": static_root,
        "DALIL_STAFF_REQUIRE_MFA": "True",
    }
    sessions = prepare(args, env)
    base = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "website.wsgi",
            "-b",
            f"127.0.0.1:{args.port}",
            "-w",
            str(args.workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(base)
        recorder = Recorder()
        seed_ids = set()
        probe = requests.get(base + "/en/questions/?language=all", timeout=10)
        seed_ids.update(int(pk) for _p, pk in QUESTION_LINK.findall(probe.text))
        if not seed_ids:
            raise SystemExit("the seeded demo has no questions")
        until = time.monotonic() + args.duration
        people = []
        for number, (user_id, key) in enumerate(sessions.items()):
            person = Person(base, user_id, key, set(seed_ids), recorder, random.Random(number))
            person.seeded = seed_ids
            people.append(person)
        threads = [threading.Thread(target=p.live, args=(until,)) for p in people]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    report(args, recorder, sessions, elapsed)


def report(args, recorder, sessions, elapsed):
    latencies = sorted(recorder.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0
    p50 = latencies[len(latencies) // 2] if latencies else 0
    expected, found, queued = verify(args, recorder, sessions.keys())
    print(
        f"\n{len(latencies)} requests in {elapsed:.0f} s by {args.users} people "
        f"({len(latencies) / elapsed:.0f}/s); p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )
    by_action = Counter()
    for (action, status), number in sorted(recorder.statuses.items(), key=str):
        by_action[action] += number
        print(f"  {action:9} {status}: {number}")
    print(f"5xx responses: {len(recorder.server_errors)}")
    for error in recorder.server_errors[:10]:
        print("   ", error)
    print(f"requests without an answer (reset or timeout): {len(recorder.connection_errors)}")
    for error in recorder.connection_errors[:10]:
        print("   ", error)
    if recorder.accepted["flag links missing"]:
        print(
            f"flag links missing on {recorder.accepted['flag links missing']} thread pages "
            "(Flag buttons appear from trust level 1: the new members among the load customers, "
            "and posts of their own, have none)"
        )
    mismatches = []
    for kind in expected:
        status = "ok" if expected[kind] == found[kind] else "MISMATCH"
        print(f"{kind:9} accepted {expected[kind]:5}, in the database {found[kind]:5}  {status}")
        if status != "ok":
            mismatches.append(kind)
    print(f"background tasks queued for the worker: {queued}")
    if recorder.server_errors or recorder.connection_errors or mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
