from django.test import Client

BROWSER = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0",
    "HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8",
    "HTTP_ACCEPT_LANGUAGE": "en,ar;q=0.8",
}


def browser(**headers) -> Client:
    """A person's browser with no cookies yet: the headers every browser sends."""
    return Client(**{**BROWSER, **headers})


def browse(url, **headers):
    """A first-time visitor's browser opens ``url``."""
    return browser(**headers).get(url)
