import json

import pytest

from tests.factories import jpeg_bytes


def entry(**overrides):
    """One valid article in the interchange format."""
    data = {
        "slug": "ceasefire-holds",
        "headline": "Ceasefire holds for a third day",
        "dek": "Both sides report no shelling overnight.",
        "body_html": "<p>Monitors counted no violations.</p>",
        "section": "World",
        "tags": ["ceasefire", "diplomacy"],
        "authors": ["Ana Ruiz", "Bo Chen"],
        "status": "published",
        "published_at": "2026-03-01T09:30:00+00:00",
        "hero_image": None,
        "takeaways": ["The truce is holding.", "Talks resume on Monday."],
        "analysis": None,
        "related": [],
    }
    data.update(overrides)
    return data


def hero(file="images/flag.jpg", **overrides):
    return {
        "file": file,
        "alt": "A white flag over a checkpoint",
        "caption": "The checkpoint at dawn.",
        "credit": "Photo: Desk",
        **overrides,
    }


def analysis(**overrides):
    return {
        "kicker": "Editor's Desk",
        "heading": "Strategic Analysis",
        "body_html": "<p>The truce buys time, not peace.</p>",
        "attribution": "Foreign Desk Editorial",
        "label": "Strategic Insight",
        "status": "submitted",
        **overrides,
    }


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
