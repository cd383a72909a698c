from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_search_document")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-updated_at"], name="article_updated"),
        ),
    ]
