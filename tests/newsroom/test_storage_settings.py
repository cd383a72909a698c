"""The storage switch, checked in a fresh interpreter: settings are read once
at start-up, and nothing here talks to any network."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
from django.urls import get_resolver
print(json.dumps({
    "backend": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "url": default_storage.url("images/2026/11/abc.jpg"),
    "serve_media": settings.SERVE_MEDIA,
    "bucket": getattr(default_storage, "bucket_name", None),
    "img_src": settings.SECURE_CSP["img-src"],
    "media_route": any("media" in str(p.pattern) for p in get_resolver().url_patterns),
}))
"""


def probe(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "SERVE_MEDIA", "DJANGO_SETTINGS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="probe",
        AWS_EC2_METADATA_DISABLED="true",
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_storage_by_default():
    result = probe()
    assert result["backend"].endswith("FileSystemStorage")
    assert result["url"] == "/media/images/2026/11/abc.jpg"
    assert result["serve_media"] is True
    assert result["media_route"] is True


def test_s3_compatible_storage_from_the_environment():
    result = probe(
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert result["backend"] == "storages.backends.s3.S3Storage"
    assert result["bucket"] == "newsroom-media"
    assert result["url"] == "https://media.example.org/images/2026/11/abc.jpg"
    # The bucket serves the files; the app no longer does.
    assert result["serve_media"] is False
    assert "https://media.example.org" in result["img_src"]
    assert result["media_route"] is False
