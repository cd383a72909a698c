"""Addresses of the pages of articles, sections, topics and authors.

What reverse() returns, at a fraction of its cost: a listing page asks for
a hundred of them. Each URL name's pattern is reversed once per URLconf and
then only filled in; a slug the pattern would refuse goes through reverse(),
so it fails exactly as before.
"""

import re
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

# What <slug:slug> accepts, none of which needs quoting in a URL; the
# marker is one of them.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "slug-marker-0"


@lru_cache(maxsize=32)
def _split(resolver, name):
    """The parts before and after the slug, without the script prefix."""
    prefix = get_script_prefix()
    url = reverse(name, urlconf=resolver.urlconf_name, kwargs={"slug": _MARKER})
    before, after = url.removeprefix(prefix).split(_MARKER)
    return before, after


def slug_url(name, slug):
    """reverse(name, kwargs={"slug": slug}) for a URL whose only argument is
    a slug."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _split(get_resolver(get_urlconf()), name)
    return f"{get_script_prefix()}{before}{slug}{after}"
