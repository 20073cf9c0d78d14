import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("established_members")]


def test_form_errors_are_announced_and_linked_to_their_fields(client, customer):
    client.force_login(customer)
    html = client.post(
        "/en/questions/ask/", {"title": "short", "body": "", "language": "en"}
    ).content.decode()
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in title_input
    described = re.search(r'aria-describedby="([^"]+)"', title_input).group(1).split()
    assert "id_title_error" in described
    assert re.search(r'<div class="field__error" id="id_title_error" role="alert">', html)


def test_profile_form_links_help_and_errors(client, customer):
    client.force_login(customer)
    html = client.post(
        "/en/account/profile/", {"display_name": " ", "bio": "", "preferred_language": ""}
    ).content.decode()
    field = re.search(r'<input[^>]*name="display_name"[^>]*>', html).group(0)
    assert 'aria-describedby="id_display_name_error"' in field
    assert 'role="alert"' in html
