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


@dataclass(frozen=True)
class _Names:
    article: str
    link: str
    tagged: str
    pk: str
    slug: str

    @property
    def outer_pk(self):
        return f"{self.article}.{self.pk}"


def _names(alias):
    quote = connections[alias].ops.quote_name
    article = apps.get_model("articles", "Article")._meta
    return _Names(
        article=quote(article.db_table),
        link=quote(apps.get_model("articles", "RelatedLink")._meta.db_table),
        tagged=quote(apps.get_model("articles", "TaggedArticle")._meta.db_table),
        pk=quote(article.pk.column),
        slug=quote(article.get_field("slug").column),
    )


def _related_sql(names, page_pk, section_id, window, page_tags):
    """The ranking both forms share, around how they find the article's key
    (`page_pk`), its section and its topics (`page_tags`, None for none),
    and `window`: the FROM clause of every topic's newest visible rows as
    (article_id, published_at), or None for an article without topics.
    `pin_position` and `shared_tags` are correlated with the outer query's
    article table."""
    # The editor's pinned links (their visibility is the outer query's test).
    candidates = (
        f"SELECT to_article_id FROM {names.link} WHERE from_article_id = {page_pk}"
    )
    if window:
        # Ranked here, so that the outer query reads a handful of articles
        # rather than every candidate. The window: each tag's newest visible
        # rows (TaggedArticle's copies of the article's state, in the order
        # of its tag_newest index), merged, the newest RELATED_CANDIDATES
        # rows of them. An article's rows in the window are all the tags it
        # shares: a tag whose row fell outside would alone fill the window
        # with newer rows (only the article cut by the window's edge may
        # count fewer). The best `limit` of them are all a page can show
        # after the pinned ones.
        candidates += (
            " UNION SELECT article_id FROM (SELECT article_id, COUNT(*) AS shared,"
            " MAX(published_at) AS published_at FROM (SELECT article_id, published_at"
            f" {window} ORDER BY published_at DESC, article_id DESC LIMIT %s)"
            " sharing_a_tag GROUP BY article_id"
            " ORDER BY shared DESC, published_at DESC, article_id DESC LIMIT %s)"
            " best_sharing"
        )
    # The newest of the section. The test here mirrors published() only so
    # that LIMIT counts visible articles; the outer query applies published().
    candidates += (
        " UNION SELECT id FROM ("
        f"SELECT id FROM {names.article} WHERE status = %s AND published_at <= %s"
        f" AND section_id = {section_id} AND id <> {page_pk}"
        " ORDER BY published_at DESC, id DESC LIMIT %s) same_section"
    )
    pin_position = (
        f"COALESCE((SELECT MIN(position) FROM {names.link} WHERE from_article_id ="
        f" {page_pk} AND to_article_id = {names.outer_pk}), {UNPINNED})"
    )
    shared_tags = "0"
    if page_tags:
        shared_tags = (
            f"(SELECT COUNT(*) FROM {names.tagged} WHERE content_object_id ="
            f" {names.outer_pk} AND tag_id IN ({page_tags}))"
        )
    return RelatedSQL(candidates, pin_position, shared_tags)


# One topic's newest visible rows but the article's own, by the topic links'
# tag_newest index; `{tag}` is the topic's key.
_TOPIC_NEWEST = (
    "SELECT content_object_id AS article_id, article_published_at AS published_at"
    " FROM {tagged} WHERE tag_id = {tag} AND article_status = %s"
    " AND article_published_at <= %s AND content_object_id <> {page_pk}"
    " ORDER BY article_published_at DESC, content_object_id DESC LIMIT %s"
)


@cache
def related_sql(alias, tag_count):
    """SQL fragments for the database `alias` and an article with `tag_count`
    tags, its key, section and tags given as parameters: one branch of the
    window per tag."""
    names = _names(alias)
    window = None
    if tag_count:
        newest = _TOPIC_NEWEST.format(tagged=names.tagged, tag="%s", page_pk="%s")
        per_tag = " UNION ALL ".join(
            f"SELECT article_id, published_at FROM ({newest}) tag_{n}"
            for n in range(tag_count)
        )
        window = f"FROM ({per_tag}) per_tag"
    page_tags = ", ".join(["%s"] * tag_count) or None
    return _related_sql(names, "%s", "%s", window, page_tags)


def related_params(alias, article_pk, section_id, tag_ids, now, limit, candidates):
    """Parameters for `related_sql(alias, len(tag_ids))`, in the same shape."""
    now = connections[alias].ops.adapt_datetimefield_value(now)
    published = apps.get_model("articles", "Article").Status.PUBLISHED
    sharing = []
    if tag_ids:
        for tag_id in tag_ids:
            sharing += [tag_id, published, now, article_pk, candidates]
        sharing += [candidates, limit]
    return RelatedSQL(
        candidates=(
            article_pk,
            *sharing,
            published,
            now,
            section_id,
            article_pk,
            limit,
        ),
        pin_position=(article_pk,),
        shared_tags=tuple(tag_ids),
    )


@cache
def related_sql_by_slug(alias):
    """related_sql()'s fragments for PostgreSQL, keyed by the article's slug
    alone: its key, section and tags are looked up inside the query, and
    each tag's window is a LATERAL join over the article's tags instead of
    one branch per tag. The article page's queries then need nothing from
    one another's answers and go to the database in one round trip
    (ArticleQuerySet.published_page). tests/articles/test_related.py runs
    every case against both forms."""
    names = _names(alias)
    by_slug = f"FROM {names.article} WHERE {names.slug} = %s"
    page_pk = f"(SELECT {names.pk} {by_slug})"
    newest = _TOPIC_NEWEST.format(
        tagged=names.tagged,
        tag="page_tag.tag_id",
        page_pk="page_tag.content_object_id",
    )
    window = (
        f"FROM {names.tagged} page_tag CROSS JOIN LATERAL ({newest}) newest"
        f" WHERE page_tag.content_object_id = {page_pk}"
    )
    page_tags = f"SELECT tag_id FROM {names.tagged} WHERE content_object_id = {page_pk}"
    return _related_sql(
        names, page_pk, f"(SELECT section_id {by_slug})", window, page_tags
    )


def related_params_by_slug(alias, slug, now, limit, candidates):
    """Parameters for `related_sql_by_slug(alias)`, in the same shape."""
    now = connections[alias].ops.adapt_datetimefield_value(now)
    published = apps.get_model("articles", "Article").Status.PUBLISHED
    return RelatedSQL(
        candidates=(
            slug,
            published,
            now,
            candidates,
            slug,
            candidates,
            limit,
            published,
            now,
            slug,
            slug,
            limit,
        ),
        pin_position=(slug,),
        shared_tags=(slug,),
    )
