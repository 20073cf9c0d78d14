import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("ar-EG,ar;q=0.9", "/ar/"), ("fr-FR", "/ar/"), ("", "/ar/")],
)
def test_root_sends_visitor_to_their_browser_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_home_page_declares_language_and_direction(client, language, direction):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_arabic_home_page_shows_translated_frame(client):
    html = client.get("/ar/").content.decode()
    assert "تخطَّ إلى المحتوى الرئيسي" in html
    assert "تسجيل الدخول" in html
    assert "Skip to main content" not in html


def test_language_switcher_links_to_the_translated_home(client):
    html = client.get("/en/").content.decode()
    assert 'href="/ar/" lang="ar" hreflang="ar"' in html
    assert 'href="/en/" lang="en" hreflang="en" aria-current="true"' in html
