"""Uploads staff make in the Wagtail admin (article images and documents).

Dalil has no avatars or other customer uploads; only support staff upload files.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PillowImage.new(mode, (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def staff_client(client, second_support_staff):
    client.force_login(second_support_staff)
    return client


def upload_image(client, name: str, content: bytes, content_type: str):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.django_db
def test_an_ordinary_png_is_accepted(staff_client):
    response = upload_image(staff_client, "router.png", png(40, 30), "image/png")
    assert response.status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.django_db
def test_an_svg_image_is_refused_with_a_message(staff_client):
    response = upload_image(staff_client, "logo.svg", SVG, "image/svg+xml")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


@pytest.mark.django_db
def test_a_decompression_bomb_with_huge_dimensions_is_refused(staff_client):
    bomb = png(12_000, 12_000, mode="1")
    assert len(bomb) < 100_000  # tiny on disk, 144 megapixels in memory
    response = upload_image(staff_client, "bomb.png", bomb, "image/png")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


@pytest.mark.django_db
def test_an_image_over_the_size_limit_is_refused(staff_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = upload_image(
        staff_client, "big.png", png(400, 400, mode="RGB") + b"\0" * 2000, "image/png"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Image.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page.html", "logo.svg", "script.js"])
def test_documents_that_browsers_would_run_are_refused(staff_client, name):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, SVG, content_type="text/html")},
    )
    assert response.status_code == 200
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_documents_are_served_as_downloads_not_pages(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Tariffs",
            "file": SimpleUploadedFile("tariffs.csv", b"plan,price\nfibre,10\n", "text/csv"),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    served = staff_client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
