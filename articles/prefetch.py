"""One article's authors, tags and takeaways for its page.

The same three queries prefetch_related would make, without its machinery,
which cost about as much again as the queries themselves on every article
page. The results are left where prefetch_related leaves them, so
`article.authors.all()` and the others need no further query anywhere.
"""


def _store(instance, name, queryset):
    # Evaluating caches the rows on the queryset; the related managers return
    # a queryset found under their name in this dict (Django's and taggit's).
    len(queryset)
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def load_page_relations(article):
    from taggit.models import Tag

    from .models import Author, KeyTakeaway

    _store(
        article,
        "authors",
        Author.objects.filter(byline__article=article).order_by("byline__position"),
    )
    # As taggit orders an article's tags: in the order they were added.
    _store(
        article,
        "tags",
        Tag.objects.filter(
            articles_taggedarticle_items__content_object=article
        ).order_by("articles_taggedarticle_items__pk"),
    )
    _store(article, "takeaways", KeyTakeaway.objects.filter(article=article))
    return article
