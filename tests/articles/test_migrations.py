from datetime import UTC, datetime

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


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    # Later tests in this process expect every migration applied.
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


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


LINKS_BEFORE = [("articles", "0010_taggeditem_newest_index")]
LINKS_AFTER = [("articles", "0011_article_links_carry_state")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_topics_and_bylines_take_their_articles_state():
    old = migrate(LINKS_BEFORE)
    article_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="articles", model="article"
    )[0]
    section = old.get_model("articles", "Section").objects.create(name="W", slug="w")
    Article = old.get_model("articles", "Article")
    at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    live, draft = (
        Article.objects.create(
            headline=slug, slug=slug, dek="d", body="b", section=section, **state
        )
        for slug, state in [
            ("live", {"status": "published", "published_at": at}),
            ("draft", {"status": "draft", "published_at": None}),
        ]
    )
    Tag = old.get_model("taggit", "Tag")
    zeta, alpha = (Tag.objects.create(name=name, slug=name) for name in "za")
    TaggedItem = old.get_model("taggit", "TaggedItem")
    # Added zeta first: the order an article's tags are shown in.
    for tag, article in [(zeta, live), (alpha, live), (alpha, draft)]:
        TaggedItem.objects.create(
            tag=tag, content_type=article_type, object_id=article.pk
        )
    author = old.get_model("articles", "Author").objects.create(name="M", slug="m")
    Byline = old.get_model("articles", "Byline")
    for article in (live, draft):
        Byline.objects.create(article=article, author=author)

    new = migrate(LINKS_AFTER)

    rows = new.get_model("articles", "TaggedArticle").objects.order_by("pk")
    assert list(
        rows.values_list(
            "tag__name",
            "content_object__slug",
            "article_status",
            "article_published_at",
        )
    ) == [
        ("z", "live", "published", at),
        ("a", "live", "published", at),
        ("a", "draft", "draft", None),
    ]
    assert not new.get_model("taggit", "TaggedItem").objects.exists()
    bylines = new.get_model("articles", "Byline").objects.order_by("article__slug")
    assert list(
        bylines.values_list("article__slug", "article_status", "article_published_at")
    ) == [("draft", "draft", None), ("live", "published", at)]

    old = migrate(LINKS_BEFORE)

    items = old.get_model("taggit", "TaggedItem").objects.order_by("pk")
    assert list(items.values_list("tag__name", "object_id")) == [
        ("z", live.pk),
        ("a", live.pk),
        ("a", draft.pk),
    ]
