"""Full-page caching for anonymous readers with exact invalidation.

A cached page is stored with the *versions* of every dependency it was built
from (for example ``site`` for anything shown in listings, ``article:<slug>``
for one article's own parts), and served only while those are still the
current versions; one cache round trip fetches both. Changing content never
deletes pages: it bumps the versions it affects (after the transaction
commits), so every process sharing the cache renders a fresh page on its next
request.

Views opt in with a ``page_cache_dependencies(kwargs)`` callable (an attribute
of the view function or of its class) or, for views we do not own (contrib
feeds and sitemaps), with :func:`register` by URL name. Everything else is
never cached.
"""

from .core import (
    SITE,
    article_dependency,
    bump,
    bump_on_commit,
    dependencies_for,
    register,
    register_expiry,
)
from .local import remember

__all__ = [
    "SITE",
    "article_dependency",
    "bump",
    "bump_on_commit",
    "dependencies_for",
    "register",
    "register_expiry",
    "remember",
]
