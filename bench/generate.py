#!/usr/bin/env python
"""Bulk-create N realistic articles for benchmarks (default 100,000).

    .venv/bin/python bench/generate.py --articles 100000

Each article gets a section, one to three authors, two to five topics, three
to five key takeaways, up to three pinned related links, a hero image (a
handful of files reused) and, for a third of them, an approved analysis box.
A few are drafts or scheduled, as on a real site. Rows are written with
bulk_create in batches, so 100,000 articles take a few minutes; signals do
not fire, so the page cache is invalidated once at the end.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

WORDS = [
    "ministers",
    "envoys",
    "talks",
    "sanctions",
    "grid",
    "tariffs",
    "election",
    "ceasefire",
    "budget",
    "border",
    "summit",
    "drought",
    "harvest",
    "chips",
    "refinery",
    "pipeline",
    "court",
    "treaty",
    "coalition",
    "inflation",
    "rates",
    "shipping",
    "strait",
    "satellite",
    "vaccine",
    "reactor",
    "protest",
    "reform",
]
PLACES = [
    "Geneva",
    "Nairobi",
    "Jakarta",
    "Lima",
    "Warsaw",
    "Ankara",
    "Hanoi",
    "Accra",
    "Quito",
    "Oslo",
    "Dhaka",
    "Tunis",
    "Seoul",
    "Bogota",
    "Riga",
    "Manila",
    "Doha",
    "Lagos",
    "Kyiv",
    "Santiago",
]
VERBS = [
    "resume",
    "stall",
    "widen",
    "ease",
    "tighten",
    "collapse",
    "return",
    "shift",
    "hold",
    "split",
]
SECTIONS = [
    "World",
    "Economy",
    "Security",
    "Energy",
    "Technology",
    "Climate",
    "Health",
    "Politics",
]
BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in [
        "Officials met for six hours and agreed to meet again next month.",
        "Analysts said the outcome depends on the budget talks in parliament.",
        "The central bank kept its main rate unchanged for a third meeting.",
        "Shipping insurers raised premiums for vessels crossing the strait.",
    ]
    * 3
)


def progress(label, done, total, started):
    width = 30
    filled = int(width * done / total) if total else width
    rate = done / max(time.monotonic() - started, 1e-6)
    sys.stderr.write(
        f"\r{label} [{'#' * filled}{'.' * (width - filled)}] "
        f"{done:,}/{total:,} {rate:,.0f}/s"
    )
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def hero_images(count):
    """A few library pictures, shared by all articles: made once, through the
    same checks as an upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as Picture

    from images.models import Image
    from images.validation import validate_image_upload

    ids = []
    for n in range(count):
        title = f"Bench picture {n}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            buffer = io.BytesIO()
            colour = (40 + 40 * n, 90, 160 - 20 * n)
            Picture.new("RGB", (1200, 675), colour).save(buffer, "JPEG", quality=70)
            validated = validate_image_upload(
                SimpleUploadedFile(f"bench-{n}.jpg", buffer.getvalue())
            )
            image = Image.objects.create(
                file=validated.as_file(f"bench-{n}"),
                format=validated.format,
                width=validated.width,
                height=validated.height,
                file_size=len(validated.content),
                title=title,
                alt_text="A coloured placeholder picture",
                caption="Placeholder picture for benchmarks.",
                credit="Photo: Newsroom bench",
                copyright="Newsroom bench, CC0",
            )
        ids.append(image.pk)
    return ids


def headline(rng):
    return (
        f"{rng.choice(PLACES)} {rng.choice(WORDS)} {rng.choice(VERBS)} as "
        f"{rng.choice(WORDS)} {rng.choice(WORDS)} loom"
    ).capitalize()


def generate(total, batch_size, seed):
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from taggit.models import Tag

    import pagecache
    from articles.models import (
        Article,
        Author,
        Byline,
        KeyTakeaway,
        RelatedLink,
        Section,
        TaggedArticle,
    )
    from editorial.models import AnalysisBox

    rng = random.Random(seed)
    sections = [
        Section.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )[0]
        for position, name in enumerate(SECTIONS)
    ]
    # A small site has fewer reporters and topics: each still fills whole
    # listing pages, so pages at 1,000 and 100,000 articles compare like for
    # like (the scale target); from 10,000 articles on, 200 and 500.
    author_count = min(200, max(10, total // 50))
    topic_count = min(500, max(10, total // 20))
    Author.objects.bulk_create(
        [
            Author(name=f"Reporter {n}", slug=f"bench-reporter-{n}", bio="Covers it.")
            for n in range(author_count)
        ],
        ignore_conflicts=True,
    )
    authors = list(
        Author.objects.filter(slug__startswith="bench-reporter-").values_list(
            "pk", flat=True
        )
    )
    topic_names = sorted({f"{p} {w}" for p in PLACES for w in WORDS})[:topic_count]
    Tag.objects.bulk_create(
        [Tag(name=name, slug=slugify(name)) for name in topic_names],
        ignore_conflicts=True,
    )
    tags = list(Tag.objects.filter(name__in=topic_names).values_list("pk", flat=True))
    heroes = hero_images(5)
    box_template = AnalysisBox(
        body="<p>The deal buys time; it does not settle the dispute.</p>",
        attribution="Foreign Desk Editorial",
    )
    fingerprint = box_template.compute_fingerprint()
    now = timezone.now()
    first = Article.objects.count()
    recent = []
    started = time.monotonic()

    for start in range(0, total, batch_size):
        count = min(batch_size, total - start)
        rows = []
        for offset in range(count):
            n = first + start + offset
            title = headline(rng)
            roll = rng.random()
            # Newest first: article n was published n × 5 minutes ago.
            published_at = now - timedelta(minutes=5 * (total - start - offset))
            status = Article.Status.PUBLISHED
            if roll < 0.02:
                status, published_at = Article.Status.DRAFT, None
            elif roll < 0.025:
                published_at = now + timedelta(days=rng.randint(1, 30))
            rows.append(
                Article(
                    headline=title,
                    slug=f"{slugify(title)[:150]}-{n}",
                    dek=f"{title}. What changed this week and what comes next.",
                    body=BODY,
                    hero_image_id=rng.choice(heroes),
                    section=rng.choice(sections),
                    status=status,
                    published_at=published_at,
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(rows)
            bylines, tagged, takeaways, links, boxes = [], [], [], [], []
            for article in created:
                for position, author in enumerate(
                    rng.sample(authors, rng.randint(1, 3))
                ):
                    bylines.append(
                        Byline(article=article, author_id=author, position=position)
                    )
                for tag in rng.sample(tags, rng.randint(2, 5)):
                    tagged.append(TaggedArticle(tag_id=tag, content_object=article))
                for position in range(rng.randint(3, 5)):
                    takeaways.append(
                        KeyTakeaway(
                            article=article,
                            position=position,
                            text=f"Point {position + 1} about {article.headline}.",
                        )
                    )
                pool = rng.sample(recent, min(len(recent), rng.randint(0, 3)))
                for position, target in enumerate(pool):
                    links.append(
                        RelatedLink(
                            from_article=article,
                            to_article_id=target,
                            position=position,
                        )
                    )
                if rng.random() < 0.33:
                    boxes.append(
                        AnalysisBox(
                            article=article,
                            body=box_template.body,
                            attribution=box_template.attribution,
                            status=AnalysisBox.Status.APPROVED,
                            content_fingerprint=fingerprint,
                            approved_fingerprint=fingerprint,
                            approved_at=now,
                        )
                    )
            Byline.objects.bulk_create(bylines)
            # Both copy their article's status and publish time as they go in.
            TaggedArticle.objects.bulk_create(tagged)
            KeyTakeaway.objects.bulk_create(takeaways)
            RelatedLink.objects.bulk_create(links)
            AnalysisBox.objects.bulk_create(boxes)
        recent = [article.pk for article in created[-200:]]
        progress("articles", start + count, total, started)

    # Fresh planner statistics, as autovacuum would gather on PostgreSQL; on
    # SQLite they let related-article lookups use the primary key.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    pagecache.bump(pagecache.SITE)
    sample = Article.objects.published().order_by("-published_at").first()
    print(f"Created {total:,} articles in {time.monotonic() - started:.0f} s.")
    if sample:
        print(f"Newest: {sample.get_absolute_url()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.articles, args.batch_size, args.seed)


if __name__ == "__main__":
    main()
