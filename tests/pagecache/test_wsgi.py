"""Page-cache hits answered by the WSGI wrapper (newsroom.wsgi.application)
before Django's handler runs: the same page, headers and rules as the
middleware, and everything it must not answer goes to Django."""

import pytest

from newsroom import wsgi
from pagecache.wsgi import CachedPagesApplication
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(headline="Talks resume in Geneva")


def test_the_served_application_answers_hits_first():
    assert isinstance(wsgi.application, CachedPagesApplication)


def test_a_hit_is_the_stored_page_without_running_django(call, article):
    url = article.get_absolute_url()
    miss = call(url)
    assert miss.headers["X-Page-Cache"] == "miss"
    assert len(call.django) == 1

    hit = call(url)

    assert len(call.django) == 1
    assert hit.status_code == 200
    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit.body == miss.body
    assert b"Talks resume in Geneva" in hit.body
    for name, value in miss.headers.items():
        if name not in {"X-Page-Cache"}:
            assert hit.headers[name] == value, name


def test_a_change_is_seen_on_the_next_request(call, article, commit):
    url = article.get_absolute_url()
    call(url)
    article.headline = "Talks collapse"
    commit(article.save)

    assert b"Talks collapse" in call(url).body
    assert call(url).headers["X-Page-Cache"] == "hit"


def test_conditional_requests_get_304(call, article):
    url = article.get_absolute_url()
    page = call(url)
    call(url)
    django_before = len(call.django)

    by_etag = call(url, HTTP_IF_NONE_MATCH=page.headers["ETag"])
    by_date = call(url, HTTP_IF_MODIFIED_SINCE=page.headers["Last-Modified"])
    other_etag = call(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert (by_etag.status_code, by_etag.body) == (304, b"")
    assert by_etag.headers["ETag"] == page.headers["ETag"]
    assert by_date.status_code == 304
    assert other_etag.status_code == 200
    assert len(call.django) == django_before


def test_head_gets_the_headers_only(call, article):
    url = article.get_absolute_url()
    page = call(url)
    head = call(url, method="HEAD")
    assert head.headers["X-Page-Cache"] == "hit"
    assert head.body == b""
    assert head.headers["Content-Length"] == page.headers["Content-Length"]


@pytest.mark.parametrize(
    "environ",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"QUERY_STRING": "utm_source=mail"},
    ],
    ids=["signed-in", "unknown-query"],
)
def test_requests_the_cache_must_not_answer_go_to_django(call, article, environ):
    url = article.get_absolute_url()
    call(url)
    response = call(url, **environ)
    assert response.headers.get("X-Page-Cache") != "hit"
    assert len(call.django) == 2


def test_a_host_not_allowed_is_refused_by_django(call, article):
    url = article.get_absolute_url()
    call(url)
    assert call(url, HTTP_HOST="evil.example").status_code == 400


def test_plain_http_is_redirected_when_https_is_required(call, article, settings):
    url = article.get_absolute_url()
    call(url, **{"wsgi.url_scheme": "https"})
    settings.SECURE_SSL_REDIRECT = True

    assert call(url).status_code == 301
    assert call(url, **{"wsgi.url_scheme": "https"}).headers["X-Page-Cache"] == "hit"


def test_pages_of_a_listing_are_answered_too(call):
    ArticleFactory.create_batch(3)
    call("/", QUERY_STRING="page=1")
    assert call("/", QUERY_STRING="page=1").headers["X-Page-Cache"] == "hit"


def test_with_nginx_in_front_the_middleware_answers(call, article, settings, tmp_path):
    settings.PAGE_CACHE_FRONT_DIR = str(tmp_path)
    url = article.get_absolute_url()
    call(url)
    hit = call(url)
    assert hit.headers["X-Page-Cache"] == "hit"
    assert "X-Accel-Expires" in hit.headers
    assert len(call.django) == 2
