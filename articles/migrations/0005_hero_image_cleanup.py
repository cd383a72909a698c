"""Second half of moving hero images into the library: drop the old columns.

Separate from 0002 so that PostgreSQL has checked the new references (a
deferred constraint) before the table is altered again.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_hero_image_from_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="hero_image"),
        migrations.RemoveField(model_name="article", name="hero_image_credit"),
        migrations.RemoveField(model_name="article", name="hero_image_height"),
        migrations.RemoveField(model_name="article", name="hero_image_width"),
        migrations.RenameField(
            model_name="article", old_name="library_hero", new_name="hero_image"
        ),
        migrations.AlterField(
            model_name="article",
            name="hero_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Choose a picture from the image library, or upload one there.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="article_uses",
                to="images.image",
                verbose_name="hero image",
            ),
        ),
    ]
