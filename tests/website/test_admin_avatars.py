"""Avatars in the Wagtail admin are images this site serves (Wagtail's default avatar), never a
Gravatar link the admin's Content-Security-Policy blocks."""

import re

import pytest
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

# In <img src> and in the sidebar's JSON props (the account menu's avatar).
AVATAR = re.compile(r'[^"\s\\]*avatar[^"\s\\]*\.(?:png|jpe?g|gif|webp|svg)[^"\s\\]*')


def test_a_staff_members_avatar_is_wagtails_default_image_served_here(client):
    moderator = ModeratorFactory()
    url = avatar_url(moderator, 50)
    assert url.startswith("/static/") and url.split("?")[0].endswith("default-user-avatar.png")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize("page", ["wagtailadmin_home", "moderation_admin:queue"])
def test_every_avatar_on_admin_pages_loads_from_this_site(client, page):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    html = client.get(reverse(page)).content.decode()
    assert "gravatar" not in html
    sources = {src.replace("&amp;", "&") for src in AVATAR.findall(html)}
    assert sources
    for src in sources:
        assert src.startswith("/static/"), src
        assert client.get(src).status_code == 200, src
