import pytest


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path):
    # Uploads go to a throwaway folder, static files need no collectstatic
    # manifest, and no test sees another's cached pages.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real logins in tests need no slow, strong hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
