from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import pagecache

        from . import services, signals  # noqa: F401

        pagecache.register_expiry(services.next_publication)
        post_migrate.connect(restore_search_index, sender=self)


def restore_search_index(using, **kwargs):
    """A later migration that alters the article table on SQLite drops the
    search index's triggers: put them back (see articles/fts.py)."""
    from django.db import connections

    from . import fts

    if fts.available(connections[using]):
        fts.install(connections[using])
