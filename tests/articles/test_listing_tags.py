"""The card every listing shows (articles/templatetags/listing.py)."""

import pytest

from articles.models import Article
from articles.templatetags.listing import article_card
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def card(article, **options):
    return article_card(Article.objects.for_listing().get(pk=article.pk), **options)


def test_headline_section_byline_and_date():
    first, second = AuthorFactory(name="Ada Field"), AuthorFactory(name="Bo Lind")
    article = ArticleFactory(authors=[second, first], headline="Talks resume")

    html = card(article)

    assert f'<h2 class="card-headline"><a href="{article.get_absolute_url()}">' in html
    assert f'href="{article.section.get_absolute_url()}">{article.section.name}' in html
    assert html.index("Bo Lind") < html.index("Ada Field")
    assert f'href="{first.get_absolute_url()}" rel="author"' in html
    assert '<time datetime="' in html
    assert "card-with-image" not in html and "<picture>" not in html


def test_heading_level_and_hidden_section():
    article = ArticleFactory()

    html = card(article, heading_level=3, hide_section=True)

    assert '<h3 class="card-headline">' in html and "</h3>" in html
    assert "card-section" not in html


def test_picture_is_lazy_and_decorative():
    html = card(ArticleFactory(with_hero=True))

    assert 'class="card card-with-image"' in html
    assert 'tabindex="-1" aria-hidden="true"><picture>' in html
    assert 'alt="" loading="lazy"' in html


def test_text_is_escaped():
    article = ArticleFactory(headline="<script>x</script>", dek='Say "no" & go')

    html = card(article)

    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Say &quot;no&quot; &amp; go" in html
