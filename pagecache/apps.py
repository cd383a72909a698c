import os

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        checks.register(check_front_cache_directory)


def check_front_cache_directory(**kwargs):
    """A front cache the app cannot empty would keep serving old pages."""
    directory = settings.PAGE_CACHE_FRONT_DIR
    if not directory:
        return []
    if not os.path.isdir(directory) or not os.access(directory, os.W_OK | os.X_OK):
        return [
            checks.Warning(
                f"PAGE_CACHE_FRONT_DIR={directory} is not a directory this "
                "process can write to: nginx's cached pages would not be "
                "purged when content changes.",
                hint="Point it at nginx's proxy_cache_path (deploy/nginx.conf) "
                "and run nginx's workers as the app's user.",
                id="pagecache.W001",
            )
        ]
    return []
