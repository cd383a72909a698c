"""Imported hero pictures become library images, reused where the library
already holds the file."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from articles.models import Article
from images.models import Image
from tests import factories
from tests.interchange.builders import cleaned, entry, hero

pytestmark = pytest.mark.django_db


def run(folder, *args):
    call_command("import_articles", str(folder), *args, stdout=StringIO())


def jpeg_with_exif(artist="", copyright_=""):
    exif = PILImage.Exif()
    if artist:
        exif[0x013B] = artist
    if copyright_:
        exif[0x8298] = copyright_
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (90, 90, 90)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_a_new_picture_carries_the_texts_and_rights_of_the_file(
    interchange_dir, flag_jpeg, editor
):
    folder = interchange_dir(
        [entry(hero_image=hero(copyright="© Desk, CC BY 4.0"))],
        {"images/flag.jpg": flag_jpeg},
    )

    run(folder, "--as", "ed")

    article = Article.objects.get()
    image = article.hero_image
    assert (image.alt_text, image.caption) == (
        "A white flag over a checkpoint",
        "The checkpoint at dawn.",
    )
    assert (image.credit, image.copyright) == ("Photo: Desk", "© Desk, CC BY 4.0")
    assert (image.format, image.width, image.height) == ("JPEG", 40, 30)
    assert image.file_size == len(cleaned(flag_jpeg))
    assert image.title == article.headline
    assert image.uploaded_by == editor
    # The texts live on the image; the article adds nothing of its own.
    assert (article.hero_image_alt, article.hero_image_caption) == ("", "")


def test_a_file_without_copyright_imports_and_is_left_for_the_checklist(
    interchange_dir, flag_jpeg
):
    run(interchange_dir([entry(hero_image=hero())], {"images/flag.jpg": flag_jpeg}))

    image = Article.objects.get().hero_image
    assert image.copyright == ""
    assert image.missing_rights() == ["copyright / licence"]


def test_rights_missing_from_the_file_come_from_the_picture_metadata(interchange_dir):
    photo = jpeg_with_exif(artist="Ana Ruiz", copyright_="(c) Ana Ruiz")
    folder = interchange_dir(
        [entry(hero_image=hero(credit=""))], {"images/flag.jpg": photo}
    )

    run(folder)

    image = Article.objects.get().hero_image
    assert (image.credit, image.copyright) == ("Ana Ruiz", "(c) Ana Ruiz")
    # Like an upload, the stored file keeps no metadata.
    assert b"Ana Ruiz" not in image.file.open("rb").read()


def test_a_file_the_library_holds_is_shared_not_copied(interchange_dir):
    other = factories.ArticleFactory(with_hero=True)
    library = other.hero_image
    stored = library.file.open("rb").read()
    folder = interchange_dir(
        [
            entry(
                hero_image=hero(
                    "images/same.jpg",
                    alt="The flag, seen from the negotiating room",
                    caption=library.caption,
                    credit="",
                )
            )
        ],
        {"images/same.jpg": stored},
    )

    run(folder)

    article = Article.objects.get(slug="ceasefire-holds")
    library.refresh_from_db()
    assert article.hero_image == library
    assert Image.objects.count() == 1
    # Text that differs is this article's own; the other article keeps its
    # picture as it was, credit included (an empty one erases nothing).
    assert article.hero.alt == "The flag, seen from the negotiating room"
    assert article.hero_image_alt == "The flag, seen from the negotiating room"
    assert article.hero_image_caption == ""
    assert library.alt_text == "A flag against a clear sky"
    assert library.credit == "Photo: Newsroom Studio"
    assert other.hero.alt == "A flag against a clear sky"


def test_a_credit_in_the_file_corrects_the_library_image(interchange_dir):
    library = factories.ImageFactory(credit="")
    folder = interchange_dir(
        [entry(hero_image=hero("images/same.jpg", credit="Photo: Wire"))],
        {"images/same.jpg": library.file.open("rb").read()},
    )

    run(folder)

    library.refresh_from_db()
    assert Article.objects.get().hero_image == library
    assert library.credit == "Photo: Wire"


def test_removing_the_picture_keeps_it_in_the_library(interchange_dir, flag_jpeg):
    run(interchange_dir([entry(hero_image=hero())], {"images/flag.jpg": flag_jpeg}))
    image = Article.objects.get().hero_image

    run(interchange_dir([entry(hero_image=None)]))

    article = Article.objects.get()
    assert article.hero_image is None
    assert article.hero is None
    assert Image.objects.get() == image
