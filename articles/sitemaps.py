"""Sitemaps of everything public (the Google News one is a view).

Page addresses use SITE_URL rather than the Host header, like canonical
links; Django's sitemap index names the sitemaps with the host it was asked
on. Only `Article.objects.published()` and what it reaches appear here.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from taggit.models import Tag

from .models import Article, Author, Byline, Section, TaggedArticle

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


class KeyRangePaginator(Paginator):
    """Pages of `per_page` consecutive primary keys rather than of `per_page`
    rows: a page is a range of the primary key index, never an OFFSET past
    every earlier article, and the number of pages comes from the two ends
    of that index instead of a count of every article. A page holds at most
    `per_page` items, fewer where drafts or deleted articles leave gaps."""

    @cached_property
    def _first_key(self):
        keys = self.object_list.model.objects.order_by("pk").values("pk")
        return keys.first()["pk"] if keys.exists() else None

    @cached_property
    def count(self):
        if self._first_key is None:
            return 0
        keys = self.object_list.model.objects.order_by("-pk").values("pk")
        return keys.first()["pk"] - self._first_key + 1

    def page(self, number):
        number = self.validate_number(number)
        start = (self._first_key or 0) + (number - 1) * self.per_page
        items = self.object_list.filter(pk__gte=start, pk__lt=start + self.per_page)
        return self._get_page(items, number, self)


class ArticleSitemap(SiteSitemap):
    def items(self):
        # In key order: each page is then one range of the primary key.
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("pk")
        )

    @property
    def paginator(self):
        return KeyRangePaginator(self.items(), self.limit)

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every article for the index.
        # The newest edit and the newest publication, each the first entry
        # of an index, in one query: an aggregate would read every article.
        published = Article.objects.published()

        def newest(field):
            return Subquery(published.order_by(f"-{field}").values(field)[:1])

        row = (
            Article.objects.order_by()
            .annotate(edit=newest("updated_at"), publication=newest("published_at"))
            .values_list("edit", "publication")[:1]
        )
        return max(filter(None, row[0] if row else ()), default=None)


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


class OnePagePaginator(Paginator):
    """Counts the items only when they could fill more than one page. The
    sitemap index asks every sitemap for its number of pages; when the table
    has no more rows than a page holds, that is one, and counting which of
    them have a published article (a probe per topic or author) is skipped.
    A page's slice stops at the last item either way."""

    @cached_property
    def count(self):
        rows = self.object_list.model.objects.count()
        return rows if rows <= self.per_page else super().count


class LinkedSitemap(SiteSitemap):
    """Topics or authors with a published article, by the state their links
    carry (ArticleLink): one index probe each, the test their pages count
    with."""

    @property
    def paginator(self):
        return OnePagePaginator(self.items(), self.limit)


class TagSitemap(LinkedSitemap):
    def items(self):
        public_tagged = TaggedArticle.objects.published().filter(tag=OuterRef("pk"))
        return Tag.objects.filter(Exists(public_tagged)).order_by("name")

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(LinkedSitemap):
    def items(self):
        return Author.objects.filter(
            Exists(Byline.objects.published().filter(author=OuterRef("pk")))
        ).order_by("name")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "topics": TagSitemap,
    "authors": AuthorSitemap,
}
