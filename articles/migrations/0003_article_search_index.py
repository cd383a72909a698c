"""The GIN index behind reader search, on PostgreSQL only.

It is not in Article.Meta.indexes because SQLite cannot build it; the state
of the models does not change, so other databases simply skip this step.
"""

from django.db import migrations

INDEX_NAME = "article_search_gin"


def _index():
    from django.contrib.postgres.indexes import GinIndex

    from articles.search import search_vector

    return GinIndex(search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("articles", "Article"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("articles", "Article"), _index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_workflow")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
