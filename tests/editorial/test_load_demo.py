import pytest
from django.core.management import call_command

from articles.models import Article
from images.models import Image
from tests.factories import picture_bytes

pytestmark = pytest.mark.django_db


def stored_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def test_demo_heroes_are_library_images_with_renditions(settings, monkeypatch):
    settings.SITE_URL = "http://127.0.0.1:8000"
    # Small pictures keep the test quick; the drawing itself is not under test.
    monkeypatch.setattr(
        "editorial.management.commands.load_demo.draw_hero",
        lambda palette, motif: picture_bytes(160, 90),
    )
    call_command("load_demo", stdout=None)

    articles = Article.objects.select_related("hero_image")
    assert articles.count() == Image.objects.count() > 0
    for article in articles:
        image = article.hero_image
        assert image.alt_text and image.credit and image.copyright
        assert article.hero.alt == image.alt_text
        assert image.renditions
    files = stored_files(settings)

    call_command("load_demo", stdout=None)
    assert Image.objects.count() == articles.count()
    assert stored_files(settings) == files
