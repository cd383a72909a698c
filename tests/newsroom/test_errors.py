import pytest
from django.core.cache import cache
from django.urls import path

from articles.context_processors import NAV_SECTIONS_CACHE_KEY
from newsroom.urls import handler500 as project_handler500
from newsroom.urls import urlpatterns as project_urls
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("the database is on fire")


urlpatterns = [path("boom/", broken_view), *project_urls]
handler500 = project_handler500


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.urls("tests.newsroom.test_errors")
class TestServerError:
    def test_friendly_page_with_cached_navigation_and_no_queries(
        self, failing_client, django_assert_num_queries
    ):
        SectionFactory(name="Diplomacy", slug="diplomacy")
        SectionFactory(name="Economy", slug="economy")
        failing_client.get("/archive/")  # the menu is now cached

        with django_assert_num_queries(0):
            response = failing_client.get("/boom/")

        assert response.status_code == 500
        html = response.content.decode()
        assert "Something went wrong on our side" in html
        assert 'href="/sections/diplomacy/"' in html
        assert 'href="/sections/economy/"' in html
        assert 'href="/archive/"' in html
        assert 'role="search"' in html
        assert 'class="skip-link"' in html
        assert "the database is on fire" not in html

    def test_without_a_cached_menu_still_has_the_fixed_links(
        self, failing_client, django_assert_num_queries
    ):
        SectionFactory(name="Diplomacy", slug="diplomacy")
        cache.delete(NAV_SECTIONS_CACHE_KEY)
        with django_assert_num_queries(0):
            response = failing_client.get("/boom/")
        html = response.content.decode()
        assert response.status_code == 500
        assert "Diplomacy" not in html
        assert 'href="/"' in html and 'href="/archive/"' in html

    def test_a_broken_cache_does_not_break_the_error_page(
        self, failing_client, monkeypatch
    ):
        def unavailable(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(cache, "get", unavailable)
        response = failing_client.get("/boom/")
        assert response.status_code == 500
        assert "Something went wrong on our side" in response.content.decode()
