"""Addresses of the pages of articles, sections, topics and authors.

What reverse() returns, at a fraction of its cost: a listing page asks for
a hundred of them. Each URL name's pattern is reversed once per URLconf and
script prefix and then only filled in; a slug the pattern would refuse goes
through reverse(), so it fails exactly as before.
"""

import re
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

# The URL names of the pages with a slug.
ARTICLE = "articles:article-detail"
AUTHOR = "articles:author"
SECTION = "articles:section"

# What <slug:slug> accepts, none of which needs quoting in a URL; the
# marker is one of them.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "slug-marker-0"


class _Addresses:
    """The URL names' text around the slug, for one URLconf and prefix."""

    def __init__(self, resolver):
        self.urlconf = resolver.urlconf_name
        self.parts = {}

    def url(self, name, slug):
        if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
            return reverse(name, urlconf=self.urlconf, kwargs={"slug": slug})
        try:
            before, after = self.parts[name]
        except KeyError:
            url = reverse(name, urlconf=self.urlconf, kwargs={"slug": _MARKER})
            before, after = self.parts[name] = url.split(_MARKER)
        return f"{before}{slug}{after}"


@lru_cache(maxsize=32)
def _addresses(resolver, script_prefix):
    return _Addresses(resolver)


def addresses():
    """What fills in slugs for the current URLconf and script prefix: for
    several addresses at once, `addresses().url(name, slug)` looks those up
    once rather than on each."""
    return _addresses(get_resolver(get_urlconf()), get_script_prefix())


def slug_url(name, slug):
    """reverse(name, kwargs={"slug": slug}) for a URL whose only argument is
    a slug."""
    return addresses().url(name, slug)
