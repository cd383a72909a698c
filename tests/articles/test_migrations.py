import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import picture_bytes

BEFORE = [("articles", "0003_article_search_index")]
AFTER = [("articles", "0005_hero_image_cleanup")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


# Serialized rollback puts back the roles the migrations made, for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hero_images_move_into_the_library(settings):
    old = migrate(BEFORE)
    name = "heroes/2026/11/0123456789abcdef0123456789abcdef.jpg"
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True)
    path.write_bytes(picture_bytes(80, 45))
    section = old.get_model("articles", "Section").objects.create(
        name="World", slug="world"
    )
    Article = old.get_model("articles", "Article")
    Article.objects.create(
        headline="With a picture",
        slug="with",
        dek="d",
        body="b",
        section=section,
        hero_image=name,
        hero_image_width=80,
        hero_image_height=45,
        hero_image_alt="A harbour",
        hero_image_caption="The port.",
        hero_image_credit="Photo: Desk",
    )
    Article.objects.create(
        headline="Without", slug="without", dek="d", body="b", section=section
    )

    new = migrate(AFTER)
    Image = new.get_model("images", "Image")
    Article = new.get_model("articles", "Article")
    image = Image.objects.get()
    assert image.file.name == name
    assert (image.width, image.height, image.format) == (80, 45, "JPEG")
    assert (image.alt_text, image.caption, image.credit) == (
        "A harbour",
        "The port.",
        "Photo: Desk",
    )
    assert image.title == "With a picture"
    assert Article.objects.get(slug="with").hero_image_id == image.pk
    assert Article.objects.get(slug="without").hero_image_id is None
