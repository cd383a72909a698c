"""Static file addresses in production: the manifest's hashed names, worked
out once per process (newsroom/storage.py)."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from newsroom.storage import StaticFilesStorage

HASHED = "css/site.0123456789ab.css"


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"css/site.css": HASHED}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


@pytest.fixture
def lookups(monkeypatch):
    """Names the manifest storage itself was asked for."""
    asked = []
    original = CompressedManifestStaticFilesStorage.url

    def url(self, name, force=False):
        asked.append(name)
        return original(self, name, force)

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", url)
    return asked


def test_the_hashed_address_is_worked_out_once(storage, lookups):
    addresses = {storage.url("css/site.css") for _ in range(3)}

    assert addresses == {f"/static/{HASHED}"}
    assert lookups == ["css/site.css"]


def test_a_file_missing_from_the_manifest_fails_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_debug_serves_the_unhashed_names_unremembered(storage, settings, lookups):
    settings.DEBUG = True

    assert storage.url("css/site.css") == "/static/css/site.css"
    storage.url("css/site.css")
    assert lookups == ["css/site.css", "css/site.css"]


def test_collectstatic_forgets_the_addresses_it_may_change(storage):
    storage.url("css/site.css")

    list(storage.post_process({}, dry_run=True))
    storage.hashed_files["css/site.css"] = "css/site.fedcba987654.css"

    assert storage.url("css/site.css") == "/static/css/site.fedcba987654.css"
