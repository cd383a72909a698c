"""Articles in the interchange format, valid unless a test overrides a key."""

import io

from images.validation import validate_image_upload


def cleaned(content):
    """The bytes the library stores for an image file: the validator's."""
    return validate_image_upload(io.BytesIO(content)).content


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
