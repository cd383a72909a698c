import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from . import core, front

# Query parameters that select a cached page; any other makes the request
# uncached, so random query strings cannot flood the cache.
CACHED_QUERY_PARAMETERS = {"page"}

# Headers that belong to one response, never to a stored page.
_NOT_STORED = {"set-cookie", "date", "x-page-cache"}


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for opted-in pages from the cache.

    First in MIDDLEWARE: a hit skips sessions, auth and the view, and replays
    the headers the whole stack added when the page was rendered. A request
    carrying a session cookie (staff, or anyone logged in) is never served
    from nor stored in the cache, so an editor never sees a reader's copy and
    a reader never sees an editor's.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.s_maxage = settings.PAGE_CACHE_CDN_SECONDS

    def __call__(self, request):
        dependencies = self._dependencies(request)
        if dependencies is None:
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        path = request.get_full_path()
        tokens, entry = core.lookup(path, dependencies)
        if entry is not None:
            response = self._replay(request, entry)
            lifetime = None  # only nginx needs it, see below
        else:
            response = self.get_response(request)
            if not self._storable(request, response):
                return response
            entry = self._entry(response)
            lifetime = self._lifetime(dependencies, tokens)
            if lifetime > 0 and request.method == "GET":
                core.store(path, tokens, entry, lifetime)
            response["X-Page-Cache"] = "miss"
            response = get_conditional_response(
                request, etag=entry[2], last_modified=entry[3], response=response
            )
        if (
            front.enabled()
            and request.method == "GET"
            and response.status_code == 200
            # Content changed while this page was built or replayed: the
            # purge may already have run, so nginx must not keep this copy.
            and core.versions(dependencies) == tokens
        ):
            if lifetime is None:
                lifetime = self._lifetime(dependencies, tokens)
            front.allow(response, lifetime)
        return response

    def _lifetime(self, dependencies, tokens):
        if core.SITE not in dependencies:
            return self.timeout
        site_token = tokens[dependencies.index(core.SITE)]
        return core.seconds_to_live(site_token, self.timeout)

    def _dependencies(self, request):
        if self.timeout <= 0 or request.method not in ("GET", "HEAD"):
            return None
        if not CACHED_QUERY_PARAMETERS.issuperset(request.GET):
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # SecurityMiddleware redirects it to HTTPS
        request.get_host()  # a host not in ALLOWED_HOSTS gets its 400 first
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return core.dependencies_for(match)

    def _storable(self, request, response):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not (user is not None and user.is_authenticated)
        )

    def _entry(self, response):
        """The page as stored: its body and every header a hit replays (the
        whole stack's, validators and cache headers included), so replaying
        it costs no more than copying them."""
        content = response.content
        etag = f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'
        last_modified = int(time.time())
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, s_maxage=self.s_maxage)
        # Logged-in visitors get other pages: a shared cache must key on it.
        patch_vary_headers(response, ["Cookie"])
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _NOT_STORED
        ]
        return (content, headers, etag, last_modified)

    def _replay(self, request, entry):
        content, headers, etag, last_modified = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
