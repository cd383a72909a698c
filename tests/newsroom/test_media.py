import pytest

from images.renditions import get_renditions
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def put(settings, name, data):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"{settings.MEDIA_URL}{name}"


class TestServeMedia:
    def test_original_served_as_its_image_type(self, client):
        image = ImageFactory()
        response = client.get(image.file.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["Cache-Control"] == "public, max-age=86400"

    def test_renditions_cached_for_a_year(self, client):
        image = ImageFactory(pixels=(600, 300))
        rendition = get_renditions(image, widths=[480])["WEBP"][0]
        response = client.get(rendition.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["X-Content-Type-Options"] == "nosniff"

    @pytest.mark.parametrize(
        "name", ["old/page.html", "old/logo.svg", "old/x.js", "old/noextension"]
    )
    def test_anything_else_is_a_download_never_a_page(self, client, settings, name):
        url = put(settings, name, b"<script>alert(1)</script>")
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"] == "attachment"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_served_with_debug_off(self, client, settings):
        settings.DEBUG = False
        image = ImageFactory()
        assert client.get(image.file.url).status_code == 200

    @pytest.mark.parametrize("path", ["../settings.py", "%2e%2e/%2e%2e/etc/passwd"])
    def test_no_escape_from_media_root(self, client, path):
        assert client.get(f"/media/{path}").status_code in (400, 404)
