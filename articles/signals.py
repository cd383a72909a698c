from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from images.models import Image

from . import services
from .context_processors import NAV_SECTIONS_CACHE_KEY
from .models import (
    Article,
    Author,
    Byline,
    KeyTakeaway,
    RelatedLink,
    Section,
    TaggedArticle,
)


@receiver([post_save, post_delete], sender=Section)
def forget_navigation(**kwargs):
    cache.delete(NAV_SECTIONS_CACHE_KEY)
    # Again once committed: a page rendered meanwhile may have cached the rows
    # as they were before. Connected before refresh_everything, so this runs
    # before the pages are bumped.
    transaction.on_commit(lambda: cache.delete(NAV_SECTIONS_CACHE_KEY))


@receiver(pre_save, sender=Article)
def remember_public_state(sender, instance, raw=False, **kwargs):
    # An article leaving "published" (or changing its slug) must still purge
    # the pages that showed it. One query, only when the change could hide it.
    instance._was_public_as = None
    if raw or instance.pk is None:
        return
    old = Article.objects.filter(pk=instance.pk).values_list("status", "slug").first()
    if old and old[0] == Article.Status.PUBLISHED:
        instance._was_public_as = old[1]


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def refresh_article_pages(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old_slug = getattr(instance, "_was_public_as", None)
    services.refresh_pages_for(instance, was_public=old_slug is not None)
    if old_slug and old_slug != instance.slug:
        services.refresh_pages_for(Article(slug=old_slug), was_public=True)


@receiver([post_save, post_delete], sender=KeyTakeaway)
def refresh_takeaways(sender, instance, raw=False, **kwargs):
    # Takeaways are in the feeds' summaries too, not only on the article page.
    if not raw:
        services.refresh_pages_for(instance.article)


@receiver([post_save, post_delete], sender=RelatedLink)
def refresh_own_page(sender, instance, raw=False, **kwargs):
    if not raw:
        services.refresh_article_page(instance.from_article)


@receiver(post_save, sender=Image)
def refresh_pictured_articles(sender, instance, raw=False, **kwargs):
    # A library picture's text or crop shows on every article that uses it.
    if raw:
        return
    for article in instance.article_uses.filter(status=Article.Status.PUBLISHED):
        services.refresh_pages_for(article)


@receiver([post_save, post_delete], sender=Byline)
def refresh_byline(sender, instance, raw=False, **kwargs):
    if not raw:
        services.refresh_pages_for(instance.article)


@receiver(m2m_changed, sender=Article.authors.through)
def refresh_authors(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article):
        services.refresh_pages_for(instance)


@receiver([post_save, post_delete], sender=TaggedArticle)
def refresh_tagging(sender, instance, raw=False, **kwargs):
    # Tags appear on article pages, tag pages and cards: site-wide.
    if not raw:
        services.refresh_site()


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Tag)
def refresh_everything(sender, raw=False, **kwargs):
    if not raw:
        services.refresh_site()
