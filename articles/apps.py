from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import pagecache

        from . import services, signals  # noqa: F401

        pagecache.register_expiry(services.next_publication)
