"""Production settings for the local load test, changed only where plain HTTP on 127.0.0.1 needs it.

The load driver speaks HTTP to gunicorn on the loopback interface, so the HTTPS redirect and the
Secure flag on cookies (which a client will not send back over HTTP) are off; everything else,
including DEBUG off, the database task queue, whitenoise and the security headers, is production.
"""

from website.settings.production import *  # noqa: F403
from website.settings.production import env

STATIC_ROOT = env("STATIC_ROOT")
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
