"""Hero images move into the image library: each article's uploaded file
becomes an `images.Image` (file left where it is), and the article keeps only
a reference plus optional per-use alt text and caption."""

import django.db.models.deletion
from django.db import migrations, models

FORMATS_BY_SUFFIX = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "gif": "GIF",
}


def _describe(field_file):
    """(format, width, height, size) of a stored file, read by Pillow only
    when the name and the stored dimensions do not already tell."""
    from PIL import Image as PILImage

    with field_file.open("rb") as handle:
        picture = PILImage.open(handle)
        return picture.format, picture.width, picture.height, field_file.size


def heroes_to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    for article in Article.objects.exclude(hero_image="").exclude(
        hero_image__isnull=True
    ):
        stored = article.hero_image
        suffix = stored.name.rsplit(".", 1)[-1].lower()
        fmt = FORMATS_BY_SUFFIX.get(suffix)
        width, height = article.hero_image_width, article.hero_image_height
        try:
            size = stored.size
            if fmt is None or not width or not height:
                fmt, width, height, size = _describe(stored)
        except Exception:  # a missing or unreadable file: the article loses it
            print(f"  skipped unreadable hero image {stored.name!r}")
            continue
        if fmt == "MPO":
            fmt = "JPEG"
        if fmt not in FORMATS_BY_SUFFIX.values():
            print(f"  skipped hero image {stored.name!r} in format {fmt}")
            continue
        image = Image.objects.create(
            file=stored.name,
            title=article.headline[:200],
            alt_text=article.hero_image_alt,
            is_decorative=not article.hero_image_alt,
            caption=article.hero_image_caption,
            credit=article.hero_image_credit,
            format=fmt,
            width=width,
            height=height,
            file_size=size,
            uploaded_by_id=article.created_by_id,
        )
        article.library_hero = image
        article.hero_image_alt = ""
        article.hero_image_caption = ""
        article.save(
            update_fields=["library_hero", "hero_image_alt", "hero_image_caption"]
        )


def library_to_heroes(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(library_hero__isnull=False).select_related(
        "library_hero"
    ):
        image = article.library_hero
        article.hero_image = image.file.name
        article.hero_image_width = image.width
        article.hero_image_height = image.height
        article.hero_image_alt = article.hero_image_alt or image.alt_text
        article.hero_image_caption = article.hero_image_caption or image.caption
        article.hero_image_credit = image.credit
        article.save(
            update_fields=[
                "hero_image",
                "hero_image_width",
                "hero_image_height",
                "hero_image_alt",
                "hero_image_caption",
                "hero_image_credit",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_search_index"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="article",
            name="article_hero_image_has_alt",
        ),
        migrations.AddField(
            model_name="article",
            name="library_hero",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="hero_image_alt",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the image's own alt text; fill in when this story needs the picture described differently.",
                max_length=300,
                verbose_name="hero image alt text on this article",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="hero_image_caption",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the image's own caption.",
                max_length=300,
                verbose_name="hero image caption on this article",
            ),
        ),
        migrations.RunPython(heroes_to_library, library_to_heroes),
    ]
