"""An index on taggit's table for "related articles": each tag's newest
articles in order (articles/related.py). taggit's own model state does not
change, so the index lives here, in raw schema operations."""

from django.db import migrations, models

INDEX_NAME = "taggeditem_tag_newest"


def _index():
    return models.Index(
        fields=["tag", "content_type", "object_id"], name=INDEX_NAME
    )


def create_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("taggit", "TaggedItem"), _index())


def drop_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("taggit", "TaggedItem"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_article_updated_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
