from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import sync_roles

APPS = ("articles", "editorial", "taggit", "images")


def grant_image_library(apps, schema_editor):
    for app_label in APPS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    sync_roles(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        app_labels=APPS,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_box_workflow"),
        ("images", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_image_library, migrations.RunPython.noop)]
