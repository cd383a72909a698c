"""The card every listing shows (articles/templatetags/listing.py)."""

from datetime import UTC, datetime

import pytest
from django.template.defaultfilters import date
from django.utils import translation
from django.utils.timezone import template_localtime

from articles.models import Article
from articles.templatetags.listing import article_card, article_cards
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["alone", "among-cards"])
def card(request):
    """A card as article_card() writes it, and as article_cards() writes it
    among a listing's cards (what a listing shares looked up once)."""

    def one(article, **options):
        loaded = Article.objects.for_listing().get(pk=article.pk)
        if request.param == "alone":
            return article_card(loaded, **options)
        return article_cards([loaded], **options)

    return one


def test_cards_together_are_each_card_in_order():
    articles = [ArticleFactory(with_hero=True), ArticleFactory(), ArticleFactory()]
    loaded = list(Article.objects.for_listing().filter(pk__in=[a.pk for a in articles]))

    together = article_cards(loaded, heading_level=3, hide_section=True)

    assert together == "".join(
        article_card(article, heading_level=3, hide_section=True) for article in loaded
    )
    assert article_cards([]) == ""


def test_headline_section_byline_and_date(card):
    first, second = AuthorFactory(name="Ada Field"), AuthorFactory(name="Bo Lind")
    article = ArticleFactory(authors=[second, first], headline="Talks resume")

    html = card(article)

    assert f'<h2 class="card-headline"><a href="{article.get_absolute_url()}">' in html
    assert f'href="{article.section.get_absolute_url()}">{article.section.name}' in html
    assert html.index("Bo Lind") < html.index("Ada Field")
    assert f'href="{first.get_absolute_url()}" rel="author"' in html
    assert '<time datetime="' in html
    assert "card-with-image" not in html and "<picture>" not in html


def test_heading_level_and_hidden_section(card):
    article = ArticleFactory()

    html = card(article, heading_level=3, hide_section=True)

    assert '<h3 class="card-headline">' in html and "</h3>" in html
    assert "card-section" not in html


def test_picture_is_lazy_and_decorative(card):
    html = card(ArticleFactory(with_hero=True))

    assert 'class="card card-with-image"' in html
    assert 'tabindex="-1" aria-hidden="true"><picture>' in html
    assert 'alt="" loading="lazy"' in html


def test_text_is_escaped(card):
    article = ArticleFactory(headline="<script>x</script>", dek='Say "no" & go')

    html = card(article)

    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Say &quot;no&quot; &amp; go" in html


@pytest.mark.parametrize(
    ("language", "day"),
    [
        ("en", "March 3, 2026"),
        ("de", "3. März 2026"),
        # The same format as French, other month names.
        ("fr", "3 mars 2026"),
        ("nl", "3 maart 2026"),
    ],
)
def test_the_date_reads_as_the_date_filter_in_the_active_language(
    language, day, settings, card
):
    settings.TIME_ZONE = "Asia/Tokyo"  # late on the 2nd in UTC: the 3rd there
    moment = datetime(2026, 3, 2, 20, 30, tzinfo=UTC)
    article = ArticleFactory(published_at=moment)

    with translation.override(language):
        html = card(article)
        expected = date(template_localtime(moment), "DATE_FORMAT")

    assert expected == day
    assert f"{day}</time>" in html


def test_a_card_for_an_article_loaded_without_its_bylines_still_names_them():
    article = ArticleFactory(authors=[AuthorFactory(name="Ada Field")])

    html = article_card(Article.objects.select_related("section").get(pk=article.pk))

    assert 'rel="author">Ada Field</a>' in html
