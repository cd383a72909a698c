"""Writes articles in the interchange format.

The output is deterministic (articles by slug, keys in a fixed order, tags
sorted, times in UTC), so that exporting what an export imported gives the
same bytes.
"""

import json
from datetime import UTC
from pathlib import Path

from django.db.models import Prefetch

from articles.models import Byline, RelatedLink
from editorial.models import AnalysisBox

from .hero import hero_suffix, read_hero, read_hero_bytes
from .validation import FORMAT_VERSION

IMAGE_FOLDER = "images"


class ExportError(Exception):
    pass


def format_time(value):
    return value.astimezone(UTC).isoformat() if value else None


def export_queryset(queryset):
    return (
        queryset.select_related("section", "analysis_box", "hero_image")
        .prefetch_related(
            "tags",
            "takeaways",
            Prefetch(
                "byline_set",
                queryset=Byline.objects.select_related("author").order_by(
                    "position", "pk"
                ),
            ),
            Prefetch(
                "related_links",
                queryset=RelatedLink.objects.select_related("to_article").order_by(
                    "position", "pk"
                ),
            ),
        )
        .order_by("slug")
    )


def analysis_data(article):
    box = getattr(article, "analysis_box", None)
    if box is None:
        return None
    # The format knows three states: a box sent back to its writer is a draft
    # again, and an approval that no longer matches the text is awaiting one.
    if box.is_public:
        status = "approved"
    elif box.status in {AnalysisBox.Status.SUBMITTED, AnalysisBox.Status.APPROVED}:
        status = "submitted"
    else:
        status = "draft"
    return {
        "kicker": str(box.kicker),
        "heading": str(box.heading),
        "body_html": box.body,
        "attribution": box.attribution,
        "label": str(box.label),
        "status": status,
    }


def article_data(article, image_name, exported_slugs):
    hero = read_hero(article)
    related = [link.to_article.slug for link in article.related_links.all()]
    if exported_slugs is not None:
        related = [slug for slug in related if slug in exported_slugs]
    return {
        "slug": article.slug,
        "headline": article.headline,
        "dek": article.dek,
        "body_html": article.body,
        "section": article.section.name,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "authors": [byline.author.name for byline in article.byline_set.all()],
        "status": article.status,
        "published_at": format_time(article.published_at),
        "hero_image": None
        if hero is None
        else {
            "file": image_name,
            "alt": hero.alt,
            "caption": hero.caption,
            "credit": hero.credit,
            "copyright": hero.copyright,
        },
        "takeaways": [takeaway.text for takeaway in article.takeaways.all()],
        "analysis": analysis_data(article),
        "related": related,
    }


def dump(document):
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export_articles(directory, queryset, *, complete=True, progress=None):
    """Write `queryset` to `directory` (which must be empty or absent).

    When `complete` is false (a filtered export), related links to articles
    left out are dropped so that the file imports anywhere; returns
    (number of articles, number of links dropped)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    articles = list(export_queryset(queryset))
    exported_slugs = None if complete else {a.slug for a in articles}
    entries, dropped = [], 0
    for article in articles:
        hero = read_hero(article)
        image_name = None
        if hero is not None:
            image_name = f"{IMAGE_FOLDER}/{article.slug}{hero_suffix(hero)}"
            target = directory / image_name
            target.parent.mkdir(exist_ok=True)
            try:
                content = read_hero_bytes(article)
            except OSError as error:
                raise ExportError(
                    f'The hero image of "{article.slug}" cannot be read from '
                    f"storage ({error})."
                ) from error
            target.write_bytes(content)
        entry = article_data(article, image_name, exported_slugs)
        dropped += len(article.related_links.all()) - len(entry["related"])
        entries.append(entry)
        if progress:
            progress.advance()
    (directory / "articles.json").write_text(
        dump({"version": FORMAT_VERSION, "articles": entries}), encoding="utf-8"
    )
    return len(entries), dropped
