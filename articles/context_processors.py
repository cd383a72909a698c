from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .models import Section

NAV_SECTIONS_CACHE_KEY = "articles:nav-sections"


def _nav_sections():
    return cache.get_or_set(NAV_SECTIONS_CACHE_KEY, lambda: list(Section.objects.all()))


def navigation(request):
    # Lazy: the admin and error pages that do not show the menu pay nothing.
    return {"nav_sections": SimpleLazyObject(_nav_sections)}
