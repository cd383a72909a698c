"""Sitemaps of everything public, and a Google News sitemap of the last 48 hours.

Addresses use SITE_URL rather than the Host header, like canonical links.
Only `Article.objects.published()` and what it reaches appear here.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView, TemplateView
from taggit.models import Tag, TaggedItem

from .models import Article, Author, Byline, Section

SITEMAP_PAGE_SIZE = 1000
NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1,000 URLs from one news sitemap.
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class StaticPagesSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return ["articles:home", "articles:archive"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)


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


class NewsSitemapView(ListView):
    """Articles of the last 48 hours in the Google News sitemap format."""

    template_name = "articles/news_sitemap.xml"
    content_type = "application/xml; charset=utf-8"
    context_object_name = "articles"

    def get_queryset(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[:NEWS_LIMIT]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            publication_language=settings.LANGUAGE_CODE.split("-")[0], **kwargs
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
