"""Links a page builds from its own address stay on the site (issue 17, item 18).

`GET //evil.example/x/` is a 404 whose language links, canonical, hreflang alternates, Open
Graph URL and login `next` were built from `request.path`: `href="//evil.example/x/"` is a link
to another host, and `http://evil.example/x/` a canonical on it. Every URL the page carries must
resolve, as a browser reads it, to this site.
"""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.django_db

HOST = "testserver"
HOSTILE_PATHS = [
    "//evil.example/x/",
    "///evil.example/x/",
    "//evil.example/x/?page=2",
    "/\\evil.example/x/",
    "/\\/evil.example/x/",
    "//evil.example",
    "/en//evil.example/x/",
]


def browser_host(url: str, base: str) -> str:
    """The host a browser would go to: backslashes count as slashes and any run of slashes
    after the scheme (or at the start) introduces a host, as in the WHATWG URL standard."""
    url = url.strip().replace("\\", "/")
    if re.match(r"^/{2,}", url):
        return url.lstrip("/").split("/")[0].split("?")[0]
    match = re.match(r"^(https?):/*", url, re.IGNORECASE)
    if match:
        return url[match.end() :].split("/")[0].split("?")[0]
    return urlsplit(urljoin(base, url)).netloc


def page_urls(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    urls = [tag["href"] for tag in soup.find_all(["a", "link"], href=True)]
    urls += [tag["content"] for tag in soup.find_all("meta", property="og:url")]
    urls += [tag["action"] for tag in soup.find_all("form", action=True)]
    for url in list(urls):
        for values in parse_qs(urlsplit(url).query).values():
            urls += [value for value in values if value.startswith(("/", "\\", "http"))]
    return urls


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_every_link_on_a_page_for_a_hostile_path_stays_on_the_site(path):
    response = Client().get("/", PATH_INFO=path.split("?")[0], QUERY_STRING=path.partition("?")[2])
    assert response.status_code == 404
    urls = page_urls(response.content.decode())
    assert any("login" in url for url in urls)
    assert any(url.startswith("http://testserver/") for url in urls)  # the canonical
    offsite = [url for url in urls if browser_host(url, f"http://{HOST}{path}") != HOST]
    assert offsite == []


def test_the_404_page_links_to_the_same_path_in_each_language_without_extra_slashes():
    response = Client().get("/", PATH_INFO="//evil.example/x/")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    switcher = [a["href"] for a in soup.select(".language-switcher a")]
    assert switcher == ["/evil.example/x/", "/evil.example/x/"]
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/evil.example/x/"


def test_the_browser_host_helper_reads_urls_as_a_browser_does():
    base = "http://testserver/en/"
    assert browser_host("//evil.example/x/", base) == "evil.example"
    assert browser_host("///evil.example/x/", base) == "evil.example"
    assert browser_host("/\\evil.example/x/", base) == "evil.example"
    assert browser_host("http://evil.example/x/", base) == "evil.example"
    assert browser_host("/evil.example/x/", base) == HOST
    assert browser_host("/%5Cevil.example/x/", base) == HOST
    assert browser_host("?page=2", base) == HOST
