"""The FTS5 index behind reader search on SQLite (see articles/fts.py); other
databases skip this step, like 0003 on SQLite."""

from django.db import migrations


def create_index(apps, schema_editor):
    from articles import fts

    fts.install(schema_editor.connection)


def drop_index(apps, schema_editor):
    from articles import fts

    fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_listing_order_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
