"""Page-cache hits answered by the WSGI wrapper (newsroom.wsgi.application)
before Django's handler runs: the same page, headers and rules as the
middleware, and everything it must not answer goes to Django."""

import io

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory

from newsroom import wsgi
from pagecache.wsgi import CachedPagesApplication
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Response:
    def __init__(self, status, headers, body):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body


@pytest.fixture
def call():
    """Call the WSGI application; `.django` counts requests Django handled."""

    def run(path, method="GET", **environ):
        request_environ = RequestFactory().generic(method, path).environ
        request_environ.update(
            {"HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(b""), **environ}
        )
        started = []
        # Built per call: Django's middleware reads settings once, at start.
        application = CachedPagesApplication(get_wsgi_application())
        result = application(
            request_environ, lambda status, headers: started.append((status, headers))
        )
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
        return Response(*started[0], body)

    handled = []

    def count(**kwargs):
        handled.append(1)

    request_started.connect(count)
    # As Django's test client does: the test's transaction must survive the
    # handler's end-of-request connection check.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    run.django = handled
    yield run
    request_started.disconnect(count)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
