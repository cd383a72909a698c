"""The SQL behind `ArticleQuerySet.related_to`.

Written by hand because the ORM spent several times longer compiling the
equivalent UNION of correlated subqueries than the database spent running it,
on every article page. The text depends only on table names and the number of
the article's tags, so it is built once per process for each; a call only
supplies parameters.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import connections

# Sorts after every pinned position.
UNPINNED = 32767


@dataclass(frozen=True)
class RelatedSQL:
    candidates: str
    pin_position: str
    shared_tags: str


@cache
def related_sql(alias, tag_count):
    """SQL fragments for the database `alias` and an article with `tag_count`
    tags. `pin_position` and `shared_tags` are correlated with the outer
    query's article table."""
    quote = connections[alias].ops.quote_name
    article_model = apps.get_model("articles", "Article")
    article = quote(article_model._meta.db_table)
    link = quote(apps.get_model("articles", "RelatedLink")._meta.db_table)
    tagged = quote(apps.get_model("articles", "TaggedArticle")._meta.db_table)
    outer_pk = f"{article}.{quote(article_model._meta.pk.column)}"
    # The editor's pinned links (their visibility is the outer query's test).
    candidates = f"SELECT to_article_id FROM {link} WHERE from_article_id = %s"
    if tag_count:
        # The newest RELATED_CANDIDATES tag rows of the article's tags: each
        # tag's newest ones come in order from TaggedArticle's unique (tag,
        # article) index and the merge is small, where one sort over every
        # row of the tags would grow with the archive.
        per_tag = " UNION ALL ".join(
            f"SELECT article_id FROM (SELECT content_object_id AS article_id"
            f" FROM {tagged} WHERE tag_id = %s AND content_object_id <> %s"
            f" ORDER BY content_object_id DESC LIMIT %s) tag_{n}"
            for n in range(tag_count)
        )
        candidates += (
            f" UNION SELECT article_id FROM (SELECT article_id FROM ({per_tag})"
            " per_tag ORDER BY article_id DESC LIMIT %s) sharing_a_tag"
        )
    # The newest of the section. The test here mirrors published() only so
    # that LIMIT counts visible articles; the outer query applies published().
    candidates += (
        " UNION SELECT id FROM ("
        f"SELECT id FROM {article} WHERE status = %s AND published_at <= %s"
        " AND section_id = %s AND id <> %s"
        " ORDER BY published_at DESC, id DESC LIMIT %s) same_section"
    )
    pin_position = (
        f"COALESCE((SELECT MIN(position) FROM {link} WHERE from_article_id = %s"
        f" AND to_article_id = {outer_pk}), {UNPINNED})"
    )
    shared_tags = "0"
    if tag_count:
        placeholders = ", ".join(["%s"] * tag_count)
        shared_tags = (
            f"(SELECT COUNT(*) FROM {tagged} WHERE content_object_id = {outer_pk}"
            f" AND tag_id IN ({placeholders}))"
        )
    return RelatedSQL(candidates, pin_position, shared_tags)


def related_params(alias, article_pk, section_id, tag_ids, now, limit, candidates):
    """Parameters for `related_sql(alias, len(tag_ids))`, in the same shape."""
    now = connections[alias].ops.adapt_datetimefield_value(now)
    sharing = []
    if tag_ids:
        for tag_id in tag_ids:
            sharing += [tag_id, article_pk, candidates]
        sharing.append(candidates)
    return RelatedSQL(
        candidates=(
            article_pk,
            *sharing,
            apps.get_model("articles", "Article").Status.PUBLISHED,
            now,
            section_id,
            article_pk,
            limit,
        ),
        pin_position=(article_pk,),
        shared_tags=tuple(tag_ids),
    )
