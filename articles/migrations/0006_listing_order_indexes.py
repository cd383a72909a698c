"""The public listing indexes in the full listing order, primary key included
(see Article.Meta.indexes)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_hero_image_cleanup")]

    operations = [
        migrations.RemoveIndex(model_name="article", name="article_public"),
        migrations.RemoveIndex(model_name="article", name="article_section_public"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_at", "-id"], name="article_public"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_public",
            ),
        ),
    ]
