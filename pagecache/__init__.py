"""Full-page caching for anonymous readers with exact invalidation.

A cached page is stored under a key that folds in the current *version* of
every dependency the page was built from (for example ``site`` for anything
shown in listings, ``article:<slug>`` for one article's own parts). Changing
content never deletes pages: it bumps the versions it affects (after the
transaction commits), so every process sharing the cache computes new keys on
its next request and renders a fresh page. Old entries simply expire.

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

__all__ = [
    "SITE",
    "article_dependency",
    "bump",
    "bump_on_commit",
    "dependencies_for",
    "register",
    "register_expiry",
]
