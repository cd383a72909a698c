"""Fill the reference site with articles shaped like bench/generate.py's:
the same headlines, body, sections, one to three authors, two to five tags,
three to five takeaways and five shared pictures, through Wagtail's own page
tree (add_child), as an import into Wagtail would."""

import io
import random
import sys
from datetime import timedelta
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from news.models import ArticlePage, ArticleTakeaway, Author, HomePage, SectionPage

# bench/generate.py's vocabulary, so both sites carry the same text.
sys.path.insert(0, str(Path(__file__).resolve().parents[5]))
from bench.generate import BODY, PLACES, SECTIONS, WORDS, headline  # noqa: E402


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, articles, seed, **options):
        rng = random.Random(seed)
        with transaction.atomic():
            home = self.make_home()
            sections = [
                home.add_child(
                    instance=SectionPage(
                        title=name, slug=slugify(name), show_in_menus=True
                    )
                )
                for name in SECTIONS
            ]
            authors = Author.objects.bulk_create(
                Author(name=f"Reporter {n}", bio="Covers it.") for n in range(20)
            )
            tags = sorted({f"{place} {word}" for place in PLACES for word in WORDS})
            tags = tags[: min(500, max(10, articles // 20))]
            pictures = [self.make_picture(n) for n in range(5)]
            paragraphs = [
                ("paragraph", RichText(f"<p>{text}</p>"))
                for text in BODY.removeprefix("<p>")
                .removesuffix("</p>")
                .split("</p><p>")
            ]
            now = timezone.now()
            for n in range(articles):
                title = headline(rng)
                published_at = now - timedelta(minutes=5 * (articles - n))
                page = ArticlePage(
                    title=title,
                    slug=f"{slugify(title)[:150]}-{n}",
                    dek=f"{title}. What changed this week and what comes next.",
                    hero_image=rng.choice(pictures),
                    body=paragraphs,
                    first_published_at=published_at,
                    last_published_at=published_at,
                    takeaways=[
                        ArticleTakeaway(text=f"Point {position + 1} about {title}.")
                        for position in range(rng.randint(3, 5))
                    ],
                    authors=rng.sample(authors, rng.randint(1, 3)),
                )
                page.tags.add(*rng.sample(tags, rng.randint(2, 5)))
                rng.choice(sections).add_child(instance=page)
                if (n + 1) % 200 == 0:
                    self.stderr.write(f"{n + 1:,}/{articles:,} articles")
        newest = ArticlePage.objects.live().order_by("-first_published_at").first()
        # Each picture's renditions are made on its first showing: show every
        # picture once, so that timed runs only read them.
        for picture in pictures:
            shown = ArticlePage.objects.filter(hero_image=picture).first()
            if shown:
                response = Client(HTTP_HOST="127.0.0.1").get(shown.url)
                assert response.status_code == 200, response.status_code
        self.stdout.write(newest.url)

    def make_home(self):
        """The site's home instead of the welcome page Wagtail starts with."""
        root = Page.get_first_root_node()
        for page in root.get_children():
            page.delete()
        home = root.add_child(instance=HomePage(title="Reference", slug="home"))
        Site.objects.all().delete()
        Site.objects.create(hostname="127.0.0.1", root_page=home, is_default_site=True)
        return home

    def make_picture(self, n):
        buffer = io.BytesIO()
        colour = (40 + 40 * n, 90, 160 - 20 * n)
        Picture.new("RGB", (1200, 675), colour).save(buffer, "JPEG", quality=70)
        return Image.objects.create(
            title=f"Bench picture {n}",
            file=ImageFile(buffer, name=f"bench-{n}.jpg"),
            description="A coloured placeholder picture",
        )
