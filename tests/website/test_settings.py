import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "q8Jx3vN0-pLr7Wc2_ZyT5mKa9HdE4sBf6GuV1oXiQ3nR8tYw2eLc7AzP5kMj0hDs"


def _run(code: str, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "website.settings.production", **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "key", ["", "short", "dev-only-not-secret-dalil-3b1f9c2e7a" + "x" * 30, "a" * 64]
)
def test_production_settings_refuse_an_insecure_secret_key(key):
    result = _run("import django; django.setup()", SECRET_KEY=key, ALLOWED_HOSTS="help.example.com")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check_with_real_values():
    result = _run(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="help.example.com",
        DATABASE_URL="postgres://dalil@db.example.com:5432/dalil",
        REDIS_URL="redis://cache.example.com:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_use_secure_cookies_and_hsts():
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.DEBUG, s.DALIL_STAFF_REQUIRE_MFA, s.DALIL_DEMO_ALLOWED, s.CACHES['default']['BACKEND'])",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="help.example.com",
        REDIS_URL="redis://cache.example.com:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "False",
        "True",
        "False",
        "django.core.cache.backends.redis.RedisCache",
    ]


def _base_url(**env):
    return _run(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILADMIN_BASE_URL)",
        SECRET_KEY=GOOD_KEY,
        **env,
    )


def test_production_mail_links_default_to_https_on_the_first_allowed_host():
    result = _base_url(ALLOWED_HOSTS="help.example.com,www.example.com", WAGTAILADMIN_BASE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://help.example.com"


def test_production_mail_links_use_the_configured_base_url():
    result = _base_url(
        ALLOWED_HOSTS="help.example.com", WAGTAILADMIN_BASE_URL="https://help.example.com:8443/"
    )
    assert result.stdout.strip() == "https://help.example.com:8443"


def test_production_refuses_to_start_without_an_address_to_link_to():
    result = _base_url(ALLOWED_HOSTS=".example.com", WAGTAILADMIN_BASE_URL="")
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL" in result.stderr
