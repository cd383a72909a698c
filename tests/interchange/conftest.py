import json

import pytest

from tests.factories import jpeg_bytes


@pytest.fixture
def interchange_dir(tmp_path):
    """Write an interchange directory: articles plus image files by name."""

    def write(articles, images=None, *, raw=None):
        folder = tmp_path / "in"
        folder.mkdir(exist_ok=True)
        text = (
            raw
            if raw is not None
            else json.dumps({"version": 1, "articles": articles}, indent=2)
        )
        (folder / "articles.json").write_text(text, encoding="utf-8")
        for name, content in (images or {}).items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return folder

    return write


@pytest.fixture
def flag_jpeg():
    return jpeg_bytes(width=40, height=30, colour=(200, 200, 200))
