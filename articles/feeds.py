"""RSS 2.0 and Atom feeds for the whole site, a section, a topic or an author.

Every item carries the full summary (dek and key takeaways) and the hero
picture: an RSS <enclosure> plus a Media RSS <media:content> with its size,
alt text and credit, which feed readers use for thumbnails.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from .models import Article, Author, Byline, KeyTakeaway, Section, TaggedArticle
from .views import site_wide

FEED_LENGTH = 30
MEDIA_NS = "http://search.yahoo.com/mrss/"


def absolute(url):
    """Uploaded files may already live on another host (a CDN)."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


class MediaMixin:
    """Adds the Media RSS namespace and one <media:content> per item."""

    def root_attributes(self):
        attrs = super().root_attributes()
        attrs["xmlns:media"] = MEDIA_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        hero = item.get("hero")
        if not hero:
            return
        attrs = {"url": absolute(hero.url), "medium": "image"}
        content_type = mimetypes.guess_type(hero.url)[0]
        if content_type:
            attrs["type"] = content_type
        if hero.width and hero.height:
            attrs["width"] = str(hero.width)
            attrs["height"] = str(hero.height)
        handler.startElement("media:content", attrs)
        if hero.alt:
            handler.addQuickElement("media:description", hero.alt, {"type": "plain"})
        if hero.credit:
            handler.addQuickElement("media:credit", hero.credit)
        handler.endElement("media:content")


class MediaRssFeed(MediaMixin, Rss201rev2Feed):
    pass


class MediaAtomFeed(MediaMixin, Atom1Feed):
    pass


class ArticleFeed(Feed):
    """The site-wide feed; subclasses narrow `items()` to one object."""

    feed_type = MediaRssFeed
    url_name = "articles:feed-rss"
    # Headlines, deks, takeaways and pictures of many articles: "site".
    page_cache_dependencies = staticmethod(site_wide)

    def title(self, obj=None):
        return settings.SITE_NAME

    def description(self, obj=None):
        return _("The latest analysis from %(site)s.") % {"site": settings.SITE_NAME}

    subtitle = description

    def link(self, obj=None):
        return settings.SITE_URL + reverse("articles:home")

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return settings.SITE_URL + reverse(self.url_name, kwargs=kwargs)

    def filter_articles(self, articles, obj):
        # Each feed applies published() to its own selection: the topic and
        # author feeds per article, in linked_newest().
        return articles.published()

    def items(self, obj=None):
        articles = Article.objects.select_related(
            "section", "hero_image"
        ).prefetch_related(
            Prefetch("authors", queryset=Author.objects.order_by("byline")),
            Prefetch(
                "takeaways",
                queryset=KeyTakeaway.objects.order_by("position", "pk"),
            ),
            "tags",
        )
        return self.filter_articles(articles, obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return render_to_string("articles/feed_item.html", {"article": item})

    def item_link(self, item):
        return item.get_canonical_url()

    def item_guid(self, item):
        return item.get_canonical_url()

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_author_link(self, item):
        authors = item.authors.all()
        if len(authors) == 1:
            return settings.SITE_URL + authors[0].get_absolute_url()
        return None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        hero = item.hero
        if not hero:
            return []
        # RSS wants a byte length; reading it would open the file, and
        # readers accept 0 for "unknown".
        return [
            Enclosure(
                absolute(hero.url),
                "0",
                mimetypes.guess_type(hero.url)[0] or "image/jpeg",
            )
        ]

    def item_extra_kwargs(self, item):
        return {"hero": item.hero}


class AtomMixin:
    # Atom writes the enclosure as <link rel="enclosure">.
    feed_type = MediaAtomFeed


class SiteAtomFeed(AtomMixin, ArticleFeed):
    url_name = "articles:feed-atom"


class SectionFeed(ArticleFeed):
    url_name = "articles:section-rss"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return obj.description or _("The latest %(section)s analysis.") % {
            "section": obj.name
        }

    subtitle = description

    def link(self, obj):
        return settings.SITE_URL + obj.get_absolute_url()

    def filter_articles(self, articles, obj):
        return articles.published().filter(section=obj)


class SectionAtomFeed(AtomMixin, SectionFeed):
    url_name = "articles:section-atom"


class TagFeed(ArticleFeed):
    url_name = "articles:tag-rss"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return _("Topic: %(name)s") % {"name": obj.name} + f" · {settings.SITE_NAME}"

    def description(self, obj):
        return _("The latest analysis on %(name)s.") % {"name": obj.name}

    subtitle = description

    def link(self, obj):
        return settings.SITE_URL + reverse("articles:tag", kwargs={"slug": obj.slug})

    def filter_articles(self, articles, obj):
        return articles.linked_newest(
            TaggedArticle.objects.filter(tag=obj), stop=FEED_LENGTH
        )


class TagAtomFeed(AtomMixin, TagFeed):
    url_name = "articles:tag-atom"


class AuthorFeed(ArticleFeed):
    url_name = "articles:author-rss"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return obj.bio or _("The latest analysis by %(name)s.") % {"name": obj.name}

    subtitle = description

    def link(self, obj):
        return settings.SITE_URL + obj.get_absolute_url()

    def filter_articles(self, articles, obj):
        return articles.linked_newest(
            Byline.objects.filter(author=obj), stop=FEED_LENGTH
        )


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    url_name = "articles:author-atom"
