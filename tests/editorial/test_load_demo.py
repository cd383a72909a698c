from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Author, KeyTakeaway, RelatedLink, Section
from editorial import demo_content
from editorial.models import AnalysisBox
from images.models import Image
from tests.factories import ensure_roles, picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roles():
    # migrate makes them before load_demo runs; a browser test that ran
    # earlier in this worker flushed them with every other table.
    ensure_roles()


@pytest.fixture(autouse=True)
def local_site(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    # Small pictures keep the tests quick; the drawing itself is not under test.
    monkeypatch.setattr(
        "editorial.management.commands.load_demo.draw_hero",
        lambda palette, motif: picture_bytes(160, 90),
    )


def stored_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Article,
            Section,
            Author,
            KeyTakeaway,
            RelatedLink,
            AnalysisBox,
            get_user_model(),
        )
    }


def test_loads_a_complete_newsroom():
    output = load()

    assert Article.objects.count() >= 8
    assert Section.objects.count() >= 3
    assert Article.objects.published().count() == Article.objects.count() - 1
    for article in Article.objects.all():
        assert 3 <= article.takeaways.count() <= 5
        assert article.tags.exists()
        assert article.hero
        assert article.hero.alt and article.hero.credit
        assert (article.hero.width, article.hero.height) == (160, 90)
    boxes = list(AnalysisBox.objects.all())
    assert any(box.is_public for box in boxes)
    assert any(not box.is_public for box in boxes)
    assert RelatedLink.objects.exists()
    assert "journalist / journalist-demo-2026" in output
    assert "editor / editor-demo-2026" in output


def test_the_reference_article_has_every_part(client):
    load()
    flagship = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    assert flagship.headline.startswith("A Digital Ceasefire?")
    assert flagship.takeaways.count() == 4
    assert flagship.analysis_box.is_public

    page = client.get(flagship.get_absolute_url()).content.decode()
    assert "Strategic Analysis" in page and "Key Takeaways" in page


def test_one_published_article_honestly_has_no_related_articles(client):
    load()
    pages = [
        client.get(article.get_absolute_url()).content.decode()
        for article in Article.objects.published()
    ]
    assert sum("No related articles found." in page for page in pages) == 1


def test_demo_staff_can_log_in_with_their_roles(client):
    load()
    user_model = get_user_model()
    journalist = user_model.objects.get(username="journalist")
    editor = user_model.objects.get(username="editor")
    assert journalist.groups.filter(name="Journalist").exists()
    assert editor.has_perm("articles.publish_article")
    assert not journalist.has_perm("articles.publish_article")
    response = client.post(
        reverse("admin:login"),
        {"username": "journalist", "password": "journalist-demo-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_running_twice_duplicates_nothing(settings):
    load()
    first = counts()
    files = stored_files(settings)
    load()
    assert counts() == first
    assert stored_files(settings) == files


def test_running_again_restores_edited_demo_content():
    load()
    article = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    article.takeaways.all().delete()
    load()
    assert article.takeaways.count() == 4


def test_refuses_a_public_site(settings):
    settings.SITE_URL = "https://news.example.org"
    with pytest.raises(CommandError, match="local site only"):
        load()
    assert not Article.objects.exists()


def test_demo_shows_the_workflow_and_a_second_run_changes_nothing():
    load()
    in_review = Article.objects.get(status=Article.Status.IN_REVIEW)
    steps = list(in_review.transitions.values_list("from_status", "to_status"))
    boxes = dict(AnalysisBox.objects.values_list("pk", "status"))

    load()

    assert steps == [("draft", "in_review")]
    assert in_review.created_by.username == "journalist"
    assert list(in_review.transitions.values_list("from_status", "to_status")) == steps
    assert dict(AnalysisBox.objects.values_list("pk", "status")) == boxes
    assert AnalysisBox.Status.SUBMITTED in boxes.values()
    assert AnalysisBox.Status.APPROVED in boxes.values()
    assert Article.objects.published().count() == 9


def test_demo_heroes_are_library_images_with_renditions():
    load()
    articles = Article.objects.select_related("hero_image")
    assert articles.count() == Image.objects.count() > 0
    for article in articles:
        image = article.hero_image
        assert image.alt_text and image.credit and image.copyright
        assert article.hero.alt == image.alt_text
        assert image.renditions
