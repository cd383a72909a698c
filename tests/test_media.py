import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.factories import jpeg_bytes


@pytest.mark.django_db
def test_uploaded_media_is_served_without_sniffing(client):
    name = default_storage.save("heroes/test.jpg", ContentFile(jpeg_bytes()))
    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_missing_file_is_404(client):
    assert client.get("/media/missing.jpg").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/media/../manage.py", "/media/%2e%2e/manage.py"])
def test_paths_outside_media_are_refused(client, path):
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code in {400, 404}
    assert b"DJANGO_SETTINGS_MODULE" not in response.content


def test_favicon_request_finds_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
