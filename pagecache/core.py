import hashlib
import secrets
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import front, local

# Everything that appears on more than one page: listings, related articles,
# navigation, feeds and sitemaps all depend on it.
SITE = "site"

VERSION_KEY = "pagecache:v:{}"
# Its number changes with the stored format, so old copies are never read.
PAGE_KEY = "pagecache:page3:{}"
EXPIRY_KEY = "pagecache:expires:{}"

_routes = {}
_expiry_providers = []


def article_dependency(slug):
    """The parts of one article page that appear nowhere else (takeaways,
    analysis box, pinned related links)."""
    return f"article:{slug}"


def register(view_name, dependencies):
    """Cache the pages of URL name `view_name` (e.g. ``"feeds:latest"``);
    `dependencies(kwargs)` returns the dependency names of one page."""
    _routes[view_name] = dependencies


def register_expiry(provider):
    """`provider()` returns the next moment at which pages depending on
    ``site`` change by themselves (a scheduled article going live), or None.
    Cached pages never outlive it, so no worker is needed."""
    _expiry_providers.append(provider)


def dependencies_for(match):
    """The dependency names of the page a resolved URL shows, or None when
    the page must not be cached."""
    func = match.func
    declared = getattr(func, "page_cache_dependencies", None)
    if declared is None:
        view_class = getattr(func, "view_class", None)
        declared = getattr(view_class, "page_cache_dependencies", None)
    if declared is None:
        declared = _routes.get(match.view_name)
    if declared is None:
        return None
    return list(declared(match.kwargs))


def bump(*dependencies):
    """Give each dependency a new version: pages built from it are not found
    any more, in every process sharing the cache. With Redis this returns
    once no process serves its own copy of an old page (pagecache/local.py)."""
    versions = {VERSION_KEY.format(name): secrets.token_hex(8) for name in dependencies}
    if not local.bump(versions):
        cache.set_many(versions, timeout=None)
    front.purge_after_change()


def bump_on_commit(*dependencies, using=None):
    """Bump once the data is visible to other connections: bumping earlier
    would let a concurrent request cache the old rows under the new version."""
    transaction.on_commit(lambda: bump(*dependencies), using=using)


def versions(dependencies, found=None):
    keys = [VERSION_KEY.format(name) for name in dependencies]
    if found is None:
        found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # A version that was evicted or never set: start one. `add` keeps
            # a version another process set meanwhile.
            token = secrets.token_hex(8)
            if not cache.add(key, token, timeout=None):
                token = cache.get(key, token)
            found[key] = token
    return [found[key] for key in keys]


def page_key(path):
    return PAGE_KEY.format(hashlib.blake2b(path.encode(), digest_size=16).hexdigest())


def lookup(path, dependencies):
    """The current versions of `dependencies` and the stored page for `path`
    if it was built from exactly those versions, in one cache round trip."""
    tokens, stored = lookup_stored(path, dependencies)
    return tokens, None if stored is None else stored[1]


def lookup_stored(path, dependencies):
    """As lookup(), with the whole stored value: (tokens, entry, expires)."""
    key = page_key(path)
    found = cache.get_many([key, *(VERSION_KEY.format(d) for d in dependencies)])
    tokens = versions(dependencies, found)
    stored = found.get(key)
    if stored is not None and stored[0] == tokens:
        return tokens, stored
    return tokens, None


def store(path, tokens, entry, lifetime):
    """Keep one copy per address, tagged with the versions it was built from:
    a copy from before a change can be written late but is never served.
    The moment it expires goes with it, for copies that processes keep in
    their own memory."""
    cache.set(page_key(path), (tokens, entry, time.time() + lifetime), lifetime)


def _compute_expiry():
    moments = [moment for p in _expiry_providers if (moment := p()) is not None]
    return min(moments).timestamp() if moments else 0


def seconds_to_live(site_token, timeout):
    """`timeout`, shortened so that no page outlives the next scheduled
    publication. The moment is looked up once per site version."""
    key = EXPIRY_KEY.format(site_token)
    now = timezone.now().timestamp()
    expires = cache.get(key)
    if expires is None or (expires and expires <= now):
        expires = _compute_expiry()
        lifetime = timeout if not expires else min(timeout, int(expires - now))
        if lifetime > 0:
            cache.set(key, expires, lifetime)
    if not expires:
        return timeout
    # Rounded down: a page stored a moment before the publication is gone by then.
    return max(0, min(timeout, int(expires - now)))
