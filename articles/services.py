"""Side effects of content changes, run after the transaction commits."""

from django.utils import timezone

import pagecache

from .models import Article


def refresh_pages_for(article, *, was_public=False):
    """Make every page that shows `article` fresh on its next request.

    A published (or scheduled) article appears in listings, feeds, sitemaps
    and other articles' related lists, so the site-wide version moves too; a
    draft is on no public page, and editing it costs the cache nothing.
    """
    if article.status == Article.Status.PUBLISHED or was_public:
        pagecache.bump_on_commit(
            pagecache.SITE, pagecache.article_dependency(article.slug)
        )


def refresh_article_page(article):
    """Only the article's own page shows this part (takeaways, pinned links,
    the analysis box)."""
    if article.status == Article.Status.PUBLISHED:
        pagecache.bump_on_commit(pagecache.article_dependency(article.slug))


def refresh_site():
    """Sections, authors, tags: shown in navigation and on many pages."""
    pagecache.bump_on_commit(pagecache.SITE)


def next_publication():
    """When the next scheduled article goes live: pages must not outlive it."""
    return (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
