import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from articles.links import slug_url


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize(
    "name", ["articles:article-detail", "articles:section", "articles:author"]
)
@pytest.mark.parametrize("slug", ["talks-resume", "g7_2026", "A1"])
def test_same_address_as_reverse(name, slug):
    assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_follows_the_script_prefix_of_the_request(script_prefix):
    slug_url("articles:section", "world")  # remembered under the first prefix
    script_prefix("/news/")

    assert slug_url("articles:section", "world") == "/news/sections/world/"


def test_a_slug_the_pattern_refuses_fails_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        slug_url("articles:section", "two words")
