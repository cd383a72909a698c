"""Reader search: PostgreSQL full-text search where available, a plain
substring search elsewhere (SQLite in development), one interface for both.

Only the newest SEARCH_CANDIDATES matches are ranked, so a word found in
every article costs what a rarer one does: the indexes (GIN on PostgreSQL,
FTS5 on SQLite, see fts.py) find the matches, the newest are kept, and only
those are ranked; PostgreSQL highlights only the page shown.

Highlighting is always built the same safe way: the matched stretches are
found first, then every piece of text is HTML-escaped and only our own
`<mark>` elements are added, so nothing an author typed becomes markup.
"""

import html
import re

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import fts
from .models import Article

MAX_QUERY_LENGTH = 1000
SEARCH_CONFIG = "english"
# Characters no article contains: PostgreSQL marks matches with them, and
# Python turns them into <mark> only after escaping everything else.
_START, _STOP = "\ue000", "\ue001"
SNIPPET_LENGTH = 240
# The SQLite fallback matches each word separately; more than this is noise.
MAX_FALLBACK_TERMS = 8
# How many of the newest matches are ranked and listed: at most this many
# results, whatever the size of the archive; narrower words reach older ones.
SEARCH_CANDIDATES = 200
# The trigram index finds substrings of at least this many characters;
# shorter words are matched with LIKE among what the longer ones found.
FTS_MIN_TERM = 3
# A search of only such short words ("EU") reads the newest this many
# articles instead of every one.
SHORT_WORDS_WINDOW = 5000


def uses_full_text_search():
    return connection.vendor == "postgresql"


def search_vector():
    """Headline above dek above body: what migration 0008 stores in the
    `search_document` column (and 0003 indexed), so keep them equal."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("dek", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def search_document():
    """The stored search_vector() (migration 0008): matching and ranking
    read it instead of parsing every candidate's body again. Unqualified, so
    it names the article table of whichever (sub)query it is in."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL("search_document", (), output_field=SearchVectorField())


def search_articles(text):
    """Published articles matching `text`, best first, with `hl_headline`,
    `hl_dek` and `hl_body` annotations ready for `highlight_result`."""
    if uses_full_text_search():
        return _full_text_search(text)
    return _substring_search(text)


def _newest(matches):
    """The newest SEARCH_CANDIDATES of `matches` (published articles), as a
    filter to rank: found by the indexes before anything is computed."""
    candidates = matches.order_by("-published_at", "-pk").values("pk")
    return Article.objects.filter(pk__in=candidates[:SEARCH_CANDIDATES])


def _full_text_search(text):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
    )

    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    vector = search_document()

    def headline(field, **options):
        return SearchHeadline(
            field,
            query,
            config=SEARCH_CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            highlight_all=not options,
            **options,
        )

    # PostgreSQL computes select-list expressions it does not sort by after
    # the LIMIT: the costly headlines are made for the page's rows only.
    return (
        _newest(
            Article.objects.published().annotate(search=vector).filter(search=query)
        )
        .annotate(
            rank=SearchRank(vector, query),
            hl_headline=headline("headline"),
            hl_dek=headline("dek"),
            hl_body=headline("body", max_words=35, min_words=15, max_fragments=2),
        )
        .for_listing()
        .order_by("-rank", "-published_at", "-pk")
    )


def fallback_terms(text):
    words = [word for word in re.split(r"\s+", text.strip()) if word]
    return list(dict.fromkeys(word.lower() for word in words))[:MAX_FALLBACK_TERMS]


def _contains(term):
    return (
        Q(headline__icontains=term) | Q(dek__icontains=term) | Q(body__icontains=term)
    )


def _newest_indexed(matches, terms):
    """The newest SEARCH_CANDIDATES of `matches` containing every one of
    `terms`, newest added first: the trigram index is read backwards from the
    newest row and stops once it has enough, so a word in every article costs
    what a rare one does. Each index hit is checked against `matches` (one
    primary-key look-up)."""
    visible = matches.filter(pk=RawSQL("found.rowid", ())).order_by().values("pk")
    visible_sql, visible_params = visible.query.get_compiler(
        connection=connection
    ).as_sql()
    return Article.objects.filter(
        pk__in=RawSQL(
            f"SELECT found.rowid FROM {fts.TABLE} AS found "
            f"WHERE found.{fts.TABLE} MATCH %s AND EXISTS ({visible_sql}) "
            "ORDER BY found.rowid DESC LIMIT %s",
            [fts.match_expression(terms), *visible_params, SEARCH_CANDIDATES],
        )
    )


def _substring_search(text):
    terms = fallback_terms(text)
    if not terms:
        return Article.objects.none()
    indexed = [term for term in terms if len(term) >= FTS_MIN_TERM]
    use_index = indexed and fts.available(connection)
    matches = Article.objects.published()
    if not indexed and fts.available(connection):
        # Only words too short for the index: look among the newest
        # SHORT_WORDS_WINDOW articles rather than every one.
        newest = matches.order_by("-published_at", "-pk").values("pk")
        matches = matches.filter(pk__in=newest[:SHORT_WORDS_WINDOW])
    for term in terms:
        if not (use_index and term in indexed):
            matches = matches.filter(_contains(term))
    candidates = _newest_indexed(matches, indexed) if use_index else _newest(matches)
    score = Value(0)
    for term in terms:
        # The same order as the full-text weights: headline, dek, body.
        score = score + Case(
            When(headline__icontains=term, then=Value(4)),
            When(dek__icontains=term, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return (
        candidates.annotate(rank=score)
        .for_listing()
        # The snippet is cut from the body here (PostgreSQL makes its own).
        .defer(None)
        .order_by("-rank", "-published_at", "-pk")
    )


def _marked_to_html(marked):
    """Escape text whose matches are wrapped in the sentinel characters."""
    out = escape(marked)
    return mark_safe(out.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _plain(text):
    """Body HTML as the words a reader sees."""
    return " ".join(html.unescape(strip_tags(text)).split())


def _mark_terms(text, terms):
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    return pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", text)


def _snippet(text, terms):
    """A window of the body around the first match, cut at word boundaries."""
    lowered = text.lower()
    hits = [lowered.find(term) for term in terms if term in lowered]
    first = min(hits) if hits else 0
    start = max(0, first - SNIPPET_LENGTH // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + SNIPPET_LENGTH
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    snippet = text[start:end].strip()
    return ("… " if start else "") + snippet + (" …" if end < len(text) else "")


def highlight_result(article, text):
    """Set `highlighted_headline`, `highlighted_dek` and `highlighted_snippet`
    (safe HTML with <mark>) on a result from `search_articles`."""
    if hasattr(article, "hl_headline"):
        article.highlighted_headline = _marked_to_html(article.hl_headline)
        article.highlighted_dek = _marked_to_html(article.hl_dek)
        article.highlighted_snippet = _marked_to_html(_plain(article.hl_body))
        return article
    terms = fallback_terms(text)
    article.highlighted_headline = _marked_to_html(_mark_terms(article.headline, terms))
    article.highlighted_dek = _marked_to_html(_mark_terms(article.dek, terms))
    article.highlighted_snippet = _marked_to_html(
        _mark_terms(_snippet(_plain(article.body), terms), terms)
    )
    return article
