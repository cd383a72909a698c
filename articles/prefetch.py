"""One article's authors, tags and takeaways for its page; the authors of
the articles of a listing.

The same three queries prefetch_related would make, without its machinery,
which cost about as much again as the queries themselves on every article
page; each is compiled once per process (articles.compiled). On PostgreSQL
an article page reads them as three columns of the article's own row
instead (page_relation_columns). The results are left where
prefetch_related leaves them, so `article.authors.all()` and the others need
no further query anywhere.
"""

from functools import cache, lru_cache

from django.apps import apps

from .compiled import CompiledQuery, fetch_together, instance_builder

# From each related model back to the article: what the queries below select
# by, and what a stored queryset filtered further keeps to (_store).
AUTHORS_OF = "byline__article"
TAGS_OF = "articles_taggedarticle_items__content_object"
TAKEAWAYS_OF = "article"


def _authors(using, article_pk):
    from .models import Author

    return (
        Author.objects.using(using)
        .filter(**{AUTHORS_OF: article_pk})
        .order_by("byline__position")
    )


def _tags(using, article_pk):
    from taggit.models import Tag

    # As taggit orders an article's tags: in the order they were added.
    return (
        Tag.objects.using(using)
        .filter(**{TAGS_OF: article_pk})
        .order_by("articles_taggedarticle_items__pk")
    )


def _takeaways(using, article_pk):
    from .models import KeyTakeaway

    return KeyTakeaway.objects.using(using).filter(**{TAKEAWAYS_OF: article_pk})


def _bylines(using, article_pks):
    from django.db.models import F

    from .models import Author

    # A byline shows a name and links to the author's page: nothing else of
    # the author is read, for the forty and more of a listing.
    return (
        Author.objects.using(using)
        .filter(**{f"{AUTHORS_OF}__in": article_pks})
        .annotate(byline_article_id=F(AUTHORS_OF))
        .order_by("byline__position", "byline__pk")
        .only("name", "slug")
    )


_AUTHORS = CompiledQuery(_authors)
_BYLINES = CompiledQuery(_bylines)
_TAGS = CompiledQuery(_tags)
_TAKEAWAYS = CompiledQuery(_takeaways)


@lru_cache(maxsize=64)
def _empty_queryset(model, using):
    queryset = model._default_manager.db_manager(using).all()
    queryset.__class__ = _shared_query_class(type(queryset))
    return queryset


@cache
def _shared_query_class(queryset_class):
    """`queryset_class` whose instances made by _store() share one Query
    until something reads `query`, which then gets a copy of its own: a
    listing stores two querysets per card, nearly all of them only ever
    iterated, and copying the Query for each cost the home page 6 % of
    its instructions. Every use of a queryset's Query in Django goes
    through the `query` property, but for __init__ and the in-place filter
    that the property itself applies."""

    class SharedQuery(queryset_class):
        _shares_query = False  # what clones and deep copies start with

        @property
        def query(self):
            if self._shares_query:
                self._query = self._query.chain()
                self._shares_query = False
            return queryset_class.query.fget(self)

        @query.setter
        def query(self, value):
            self._shares_query = False
            queryset_class.query.fset(self, value)

        def __reduce_ex__(self, protocol):
            # A class made here cannot be pickled by name: pickle the queryset
            # as `queryset_class`, as Django caches and pickles querysets.
            query = self.query  # a copy of its own, its filter applied
            plain = queryset_class.__new__(queryset_class)
            plain.__dict__.update(self.__dict__)
            plain.__dict__.pop("_shares_query", None)
            plain._query = query
            return _unpickle_queryset, (queryset_class, plain.__getstate__())

    # repr() shows the class name: <TagQuerySet [...]>, as without sharing.
    SharedQuery.__name__ = SharedQuery.__qualname__ = queryset_class.__name__
    return SharedQuery


def _unpickle_queryset(queryset_class, state):
    queryset = queryset_class.__new__(queryset_class)
    queryset.__setstate__(state)
    return queryset


def _store(instance, name, model, objects, lookup):
    """Leave `objects` where the related managers (Django's and taggit's)
    find what prefetch_related loaded: their all() returns this queryset.

    It is a copy of one made once, sharing its Query until it is read
    (_shared_query_class): a listing stores one per card, and building each
    through the manager cost more than reading its rows. `lookup` leads from
    `model` back to `instance`. A queryset filtered further keeps to the
    instance's own rows by it, as a related manager's queryset does
    (`article.authors.filter(user=…)` asks about this article's authors, not
    everyone's): the filter waits where filter() leaves it under
    `_defer_next_filter`, and is added to this copy's own query only then."""
    empty = _empty_queryset(model, instance._state.db)
    queryset = object.__new__(type(empty))
    queryset.__dict__.update(empty.__dict__)
    queryset._shares_query = True
    queryset._deferred_filter = (False, (), {lookup: instance.pk})
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def loaded(instance, name):
    """The objects _store() (or prefetch_related) left for relation `name`,
    without building its related manager, which costs more than reading the
    list on every card of a listing; None when nothing was loaded."""
    queryset = instance.__dict__.get("_prefetched_objects_cache", {}).get(name)
    return None if queryset is None else queryset._result_cache


# The IN list's lengths, then powers of two. psycopg parses a statement's
# placeholders again on every call once it has more than 50 parameters (the
# limit of its cache): padded to 64 keys, the home page's 33 cards spent
# about 6 % of the page's processor time in the worker there.
BYLINE_KEY_COUNTS = (8, 16, 32, 48)


def _padded_key_count(count):
    for padded in BYLINE_KEY_COUNTS:
        if count <= padded:
            return padded
    return 1 << (count - 1).bit_length()


def load_bylines(articles):
    """Each article's authors, for all of `articles` in one query."""
    if not articles:
        return
    from .models import Author

    authors = {article.pk: [] for article in articles}
    keys = list(authors)
    # Padded by repeating a key: the query is compiled once per length of its
    # IN list, so a few lengths serve every listing.
    keys += keys[-1:] * (_padded_key_count(len(keys)) - len(keys))
    for author in _BYLINES.fetch(articles[0]._state.db, tuple(keys)):
        authors[author.byline_article_id].append(author)
    for article in articles:
        _store(article, "authors", Author, authors[article.pk], AUTHORS_OF)


# The page's relations as columns of the article's row, in
# store_page_relations()'s order.
_PAGE_RELATIONS = {
    "page_authors": ("articles.Author", _authors),
    "page_tags": ("taggit.Tag", _tags),
    "page_takeaways": ("articles.KeyTakeaway", _takeaways),
}


def page_relation_columns(using):
    """The article's authors, tags and takeaways as annotations of its own
    query (PostgreSQL): each an array of its rows, a row a JSON array of the
    model's fields, built from the same queries as above, so in the same
    order. One statement instead of four: each statement costs the worker
    and the server a tenth of a millisecond or so, whatever it reads.
    store_relation_columns() turns them into instances."""
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models import OuterRef
    from django.db.models.functions import JSONArray

    columns = {}
    for name, (label, relation) in _PAGE_RELATIONS.items():
        rows = relation(using, OuterRef("pk"))
        fields = _json_fields(label)
        columns[name] = ArraySubquery(
            rows.values(row=JSONArray(*(field.attname for field in fields)))
        )
    return columns


def store_relation_columns(article):
    """Store what page_relation_columns() read as the article's relations."""
    using = article._state.db
    relations = []
    for name, (label, _) in _PAGE_RELATIONS.items():
        read = _json_reader(label)
        relations.append([read(using, row) for row in article.__dict__.pop(name)])
    return store_page_relations(article, *relations)


# Fields whose values JSON gives back as the database driver would, and
# those it gives as text that the field's to_python() reads.
_SAME_IN_JSON = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
    "FloatField",
    "BooleanField",
    "CharField",
    "SlugField",
    "TextField",
    "FileField",
    "ImageField",
}
_TEXT_IN_JSON = {"DateTimeField", "DateField", "TimeField", "UUIDField"}


def _internal_type(field):
    return (field.target_field if field.is_relation else field).get_internal_type()


@cache
def _json_fields(label):
    """The model's fields, refused where JSON would not give their values
    back exactly (a decimal would come back as a float)."""
    model = apps.get_model(label)
    fields = model._meta.concrete_fields
    for field in fields:
        if hasattr(field, "from_db_value") or _internal_type(field) not in (
            _SAME_IN_JSON | _TEXT_IN_JSON
        ):
            raise ValueError(
                f"{model.__name__}.{field.name}: its values are not read from JSON."
            )
    return fields


@cache
def _json_reader(label):
    """A function (using, row) -> instance for rows of the model's fields."""
    model = apps.get_model(label)
    fields = _json_fields(label)
    attnames = [field.attname for field in fields]
    conversions = [
        field.to_python if _internal_type(field) in _TEXT_IN_JSON else None
        for field in fields
    ]
    build = instance_builder(model, attnames)
    if not any(conversions):
        return lambda using, row: build(using, attnames, row)

    def read(using, row):
        values = [
            value if convert is None or value is None else convert(value)
            for convert, value in zip(conversions, row, strict=True)
        ]
        return build(using, attnames, values)

    return read


def store_page_relations(article, authors, tags, takeaways):
    from taggit.models import Tag

    from .models import Author, KeyTakeaway

    _store(article, "authors", Author, authors, AUTHORS_OF)
    _store(article, "tags", Tag, tags, TAGS_OF)
    _store(article, "takeaways", KeyTakeaway, takeaways, TAKEAWAYS_OF)
    return article


def load_page_relations(article):
    return store_page_relations(
        article,
        *fetch_together(
            article._state.db,
            (_AUTHORS, (article.pk,)),
            (_TAGS, (article.pk,)),
            (_TAKEAWAYS, (article.pk,)),
        ),
    )
