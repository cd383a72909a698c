from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from articles.templatetags.share import share_links
from tests.factories import ArticleFactory

URL = "https://news.example.org/articles/a-digital-ceasefire/"
TITLE = 'A Digital Ceasefire? "Talks" & more #1'


def links_by_network():
    return {link["network"]: link for link in share_links(URL, TITLE)}


def query(href):
    return parse_qs(urlsplit(href).query)


def test_every_network_is_offered():
    assert set(links_by_network()) == {
        "x",
        "facebook",
        "linkedin",
        "whatsapp",
        "telegram",
        "email",
    }


@pytest.mark.parametrize(
    ("network", "host", "url_param", "text_param"),
    [
        ("x", "x.com", "url", "text"),
        ("facebook", "www.facebook.com", "u", None),
        ("linkedin", "www.linkedin.com", "url", None),
        ("telegram", "t.me", "url", "text"),
    ],
)
def test_url_and_headline_survive_encoding(network, host, url_param, text_param):
    href = links_by_network()[network]["href"]
    assert urlsplit(href).scheme == "https"
    assert urlsplit(href).hostname == host
    assert query(href)[url_param] == [URL]
    if text_param:
        assert query(href)[text_param] == [TITLE]


def test_whatsapp_carries_headline_and_url_in_one_text():
    href = links_by_network()["whatsapp"]["href"]
    assert query(href)["text"] == [f"{TITLE} {URL}"]


def test_special_characters_are_percent_encoded():
    for link in share_links(URL, TITLE):
        raw_query = urlsplit(link["href"]).query
        assert "#" not in raw_query and '"' not in raw_query
        assert "&amp;" not in raw_query


def test_email_link_has_subject_and_body():
    href = links_by_network()["email"]["href"]
    assert href.startswith("mailto:?")
    params = dict(part.split("=", 1) for part in href[len("mailto:?") :].split("&"))
    assert unquote(params["subject"]) == TITLE
    assert unquote(params["body"]) == f"{TITLE} {URL}"


@pytest.mark.django_db
def test_article_page_share_links_are_safe_and_named(client, settings):
    settings.SITE_URL = "https://news.example.org"
    article = ArticleFactory(slug="a-digital-ceasefire", headline="Talks & more")
    page = client.get(article.get_absolute_url()).content.decode()

    assert "Share Article" in page
    assert page.count('rel="noopener noreferrer" aria-label="Share on') == 5
    assert 'aria-label="Share by email"' in page
    # Encoded once for the URL, escaped once for HTML: "&" in the query is &amp;.
    assert (
        "https://x.com/intent/post?url=https%3A%2F%2Fnews.example.org%2Farticles"
        "%2Fa-digital-ceasefire%2F&amp;text=Talks+%26+more"
    ) in page
    assert 'class="share-copy"' in page and 'class="share-native"' in page
    assert 'src="/static/js/share.js"' in page


def test_kept_share_items_are_the_markup_written_afresh():
    from articles.templatetags.share import _share_list_items, share_list_items

    _share_list_items.cache_clear()
    written = share_list_items(URL, TITLE)
    kept = share_list_items(URL, TITLE)
    assert _share_list_items.cache_info().hits == 1
    _share_list_items.cache_clear()

    assert kept == written == share_list_items(URL, TITLE)


def test_a_new_headline_or_address_gets_its_own_share_items():
    from articles.templatetags.share import share_list_items

    before = share_list_items(URL, "Talks stall")
    after = share_list_items(URL, "Talks resume")
    moved = share_list_items(URL.replace("ceasefire", "truce"), "Talks resume")

    assert "Talks+stall" in before and "Talks+stall" not in after
    assert "Talks+resume" in after
    assert "a-digital-truce" in moved and "a-digital-truce" not in after


def test_share_items_are_kept_per_language(monkeypatch):
    from django.utils import translation

    from articles.templatetags import share

    # Only English ships: a stand-in catalogue shows which language labelled.
    monkeypatch.setattr(
        share, "_", lambda message: f"[{translation.get_language()}] {message}"
    )
    share._share_list_items.cache_clear()
    try:
        with translation.override("en"):
            english = share.share_list_items(URL, TITLE)
        with translation.override("fr"):
            french = share.share_list_items(URL, TITLE)
    finally:
        share._share_list_items.cache_clear()

    assert 'aria-label="[en] Share by email"' in english
    assert 'aria-label="[fr] Share by email"' in french
