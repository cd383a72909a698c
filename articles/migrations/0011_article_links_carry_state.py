"""Bylines and topic links carry their article's status and publish time.

An author's or topic's page then reads its newest articles in order from one
index of its own rows, (author or tag, status, publish time, article), where
PostgreSQL read every article of the topic and sorted them (see
ArticleLink). Topics move from taggit's generic table to articles'
own TaggedArticle (taggit's supported custom "through" model), which can have
those columns; the rows are copied in their order, so every article keeps its
tags in the order they were added, and taggit's table keeps no article rows.
The index that migration 0010 added to taggit's table goes with them: its
uses moved to TaggedArticle's unique (tag, article) index.
"""

from importlib import import_module

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

_0010 = import_module("articles.migrations.0010_taggeditem_newest_index")

STATUS_CHOICES = [
    ("draft", "Draft"),
    ("in_review", "In review"),
    ("published", "Published"),
]


def article_type_id(apps, create=False):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    lookup = {"app_label": "articles", "model": "article"}
    if create:
        return content_types.get_or_create(**lookup)[0].pk
    found = content_types.filter(**lookup).first()
    return found.pk if found else None


def tables(apps, schema_editor):
    quote = schema_editor.quote_name
    return {
        name: quote(apps.get_model(*model.split("."))._meta.db_table)
        for name, model in {
            "article": "articles.Article",
            "byline": "articles.Byline",
            "tagged": "articles.TaggedArticle",
            "taggit": "taggit.TaggedItem",
        }.items()
    }


def copy_state(apps, schema_editor):
    type_id = article_type_id(apps)
    names = tables(apps, schema_editor)
    if type_id is not None:
        # One statement, in the rows' order: a Python loop over every
        # tagging of a large archive would take minutes.
        schema_editor.execute(
            f"INSERT INTO {names['tagged']} (tag_id, content_object_id,"
            " article_status, article_published_at)"
            f" SELECT t.tag_id, t.object_id, a.status, a.published_at"
            f" FROM {names['taggit']} t JOIN {names['article']} a"
            " ON a.id = t.object_id WHERE t.content_type_id = %s ORDER BY t.id",
            [type_id],
        )
        apps.get_model("taggit", "TaggedItem").objects.filter(
            content_type_id=type_id
        ).delete()
    Article = apps.get_model("articles", "Article")
    article = Article.objects.filter(pk=OuterRef("article_id"))
    apps.get_model("articles", "Byline").objects.update(
        article_status=Subquery(article.values("status")),
        article_published_at=Subquery(article.values("published_at")),
    )
    if schema_editor.connection.vendor == "postgresql":
        # Fresh statistics for the planner now, not when autovacuum comes by.
        schema_editor.execute(f"ANALYZE {names['tagged']}")
        schema_editor.execute(f"ANALYZE {names['byline']}")


def copy_topics_back(apps, schema_editor):
    names = tables(apps, schema_editor)
    schema_editor.execute(
        f"INSERT INTO {names['taggit']} (tag_id, content_type_id, object_id)"
        f" SELECT tag_id, %s, content_object_id FROM {names['tagged']} ORDER BY id",
        [article_type_id(apps, create=True)],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_taggeditem_newest_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    # Indexes and constraints come before the rows: PostgreSQL refuses to
    # alter a table with pending foreign-key checks in the same transaction.
    operations = [
        migrations.CreateModel(
            name="TaggedArticle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "article_status",
                    models.CharField(
                        choices=STATUS_CHOICES,
                        default="draft",
                        editable=False,
                        max_length=20,
                        verbose_name="article status",
                    ),
                ),
                (
                    "article_published_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="article publish time",
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="topic_links",
                        to="articles.article",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="%(app_label)s_%(class)s_items",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "topic link",
                "verbose_name_plural": "topic links",
                "indexes": [
                    models.Index(
                        fields=[
                            "tag",
                            "article_status",
                            "-article_published_at",
                            "-content_object",
                        ],
                        name="taggedarticle_tag_newest",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("tag", "content_object"), name="taggedarticle_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="byline",
            name="article_published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="article publish time",
            ),
        ),
        migrations.AddField(
            model_name="byline",
            name="article_status",
            field=models.CharField(
                choices=STATUS_CHOICES,
                default="draft",
                editable=False,
                max_length=20,
                verbose_name="article status",
            ),
        ),
        migrations.AlterField(
            model_name="byline",
            name="author",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                to="articles.author",
                verbose_name="author",
            ),
        ),
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(
                fields=[
                    "author",
                    "article_status",
                    "-article_published_at",
                    "-article",
                ],
                name="byline_author_newest",
            ),
        ),
        migrations.RunPython(copy_state, copy_topics_back, elidable=False),
        migrations.AlterField(
            model_name="article",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="articles.TaggedArticle",
                to="taggit.Tag",
                verbose_name="tags",
            ),
        ),
        migrations.RunPython(_0010.drop_index, _0010.create_index, elidable=False),
    ]
