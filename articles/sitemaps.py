"""Sitemaps of everything public (the Google News one is a view).

Page addresses use SITE_URL rather than the Host header, like canonical
links; Django's sitemap index names the sitemaps with the host it was asked
on. Only `Article.objects.published()` and what it reaches appear here.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from .models import Article, Author, Byline, Section

SITEMAP_PAGE_SIZE = 1000


class SiteSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class StaticPagesSitemap(SiteSitemap):
    """The front page, the archive and every month page of the archive."""

    def items(self):
        months = [
            ("articles:archive-month", {"year": f"{day:%Y}", "month": f"{day:%m}"})
            for day in Article.objects.published().archive_months()
        ]
        return [("articles:home", {}), ("articles:archive", {}), *months]

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)

    def changefreq(self, item):
        return "monthly" if item[1] else "hourly"


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every article for the index:
        # one aggregate instead of reading 100,000 rows.
        return self.items().aggregate(
            latest=Max(Greatest("updated_at", "published_at"))
        )["latest"]


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        newest = (
            Article.objects.published()
            .filter(section=OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return (
            Section.objects.annotate(latest=Subquery(newest))
            .filter(latest__isnull=False)
            .order_by("position", "name")
        )

    def lastmod(self, section):
        return section.latest


class TagSitemap(SiteSitemap):
    def items(self):
        public_tagged = TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label="articles",
            content_type__model="article",
            object_id__in=Article.objects.published().values("pk"),
        )
        return Tag.objects.filter(Exists(public_tagged)).order_by("name")

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(SiteSitemap):
    def items(self):
        return Author.objects.filter(
            Exists(
                Byline.objects.filter(
                    author=OuterRef("pk"),
                    article__in=Article.objects.published(),
                )
            )
        ).order_by("name")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "topics": TagSitemap,
    "authors": AuthorSitemap,
}
