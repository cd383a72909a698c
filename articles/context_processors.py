from functools import lru_cache

from django.core.cache import cache
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

import pagecache

from .models import Section

NAV_SECTIONS_CACHE_KEY = "articles:nav-sections"

# The addresses every public page's header and footer link to.
SITE_URL_NAMES = ("home", "search", "archive", "feed-rss", "feed-atom")


def nav_sections():
    """Every section in menu order, as the navigation and the home page list
    them."""
    # Kept in the process like its page copies: a round trip to Redis cost a
    # twentieth of an uncached article page.
    return pagecache.remember(
        NAV_SECTIONS_CACHE_KEY,
        lambda: cache.get_or_set(
            NAV_SECTIONS_CACHE_KEY, lambda: list(Section.objects.all())
        ),
    )


@lru_cache(maxsize=16)
def _site_urls(urlconf, script_prefix):
    # The same on every request: reversing them on each page (with
    # {% url %}) cost a tenth of an article page.
    return {
        name.replace("-", "_"): reverse(f"articles:{name}", urlconf=urlconf)
        for name in SITE_URL_NAMES
    }


def site_urls():
    return _site_urls(get_urlconf(), get_script_prefix())


def navigation(request):
    return {
        # Lazy: the admin and error pages that do not show the menu pay nothing.
        "nav_sections": SimpleLazyObject(nav_sections),
        "site_urls": site_urls(),
    }
