"""Cached pages answered before Django builds a request.

A page-cache hit needs the address, the cookies and one cache round trip
(none for a page this process keeps itself, pagecache/local.py);
Django's handler (request object, signals, every middleware's setup) would
cost more than the hit itself. This WSGI wrapper serves hits from the same
entries and with the same rules as PageCacheMiddleware and hands everything
else to Django unchanged: misses, signed-in visitors, other methods, hosts
not in ALLOWED_HOSTS, plain HTTP when HTTPS is enforced, and every request
while nginx's front cache is on (the middleware then decides what nginx may
keep).
"""

from time import monotonic
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import parse_etags, parse_http_date_safe

from . import core, front, local
from .middleware import CACHED_QUERY_PARAMETERS

# Addresses whose dependencies (or "not cached") this process remembers;
# beyond that it forgets all and starts again, so random URLs cost memory
# only up to here.
MEMO_SIZE = 10_000

# What a 304 keeps of the page's headers (RFC 9110, like Django).
_NOT_MODIFIED_HEADERS = {
    "cache-control",
    "content-location",
    "etag",
    "expires",
    "last-modified",
    "vary",
}


class CachedPagesApplication:
    def __init__(self, application):
        self.application = application
        self._dependencies = {}
        self._hosts = {}

    def __call__(self, environ, start_response):
        hit = self._hit(environ) if self._eligible(environ) else None
        if hit is None:
            return self.application(environ, start_response)
        status, headers, body = hit
        start_response(status, headers)
        return [body]

    def _eligible(self, environ):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and not front.enabled()
            and environ["REQUEST_METHOD"] in ("GET", "HEAD")
            # Any mention of the session cookie goes to Django, which reads
            # cookies exactly; a false alarm only costs a normal request.
            and settings.SESSION_COOKIE_NAME not in environ.get("HTTP_COOKIE", "")
            and self._allowed_host(environ)
            and (not settings.SECURE_SSL_REDIRECT or _is_secure(environ))
        )

    def _hit(self, environ):
        path_info = get_path_info(environ)
        query = environ.get("QUERY_STRING", "")
        if query and not CACHED_QUERY_PARAMETERS.issuperset(
            name for name, _ in parse_qsl(query, keep_blank_values=True)
        ):
            return None
        dependencies = self._dependencies_of(path_info)
        if dependencies is None:
            return None
        # The address exactly as HttpRequest.get_full_path() spells it: the
        # middleware stored the page under that key.
        script_name = get_script_name(environ)
        path = "{}/{}".format(script_name.rstrip("/"), path_info.replace("/", "", 1))
        full_path = escape_uri_path(path) + ("?" + iri_to_uri(query) if query else "")
        # This process's own copy, while it is known to be current.
        now = monotonic()
        store, lease_until = local.current
        if now < lease_until:
            kept = store.get(full_path)
            if kept is not None and now < kept[1]:
                return _response(environ, kept[0])
        # Taken before the read: a change meanwhile drops this store rather
        # than letting an old page into the next one.
        store = local.fill_target()
        _, stored = core.lookup_stored(full_path, dependencies)
        if stored is None:
            return None
        if store is not None:
            local.keep(store, full_path, stored)
        return _response(environ, stored[1])

    def _dependencies_of(self, path_info):
        try:
            return self._dependencies[path_info]
        except KeyError:
            pass
        try:
            dependencies = core.dependencies_for(resolve(path_info))
        except Resolver404:
            dependencies = None
        if len(self._dependencies) >= MEMO_SIZE:
            self._dependencies.clear()
        self._dependencies[path_info] = dependencies
        return dependencies

    def _allowed_host(self, environ):
        """HttpRequest.get_host()'s check, remembered per Host header."""
        host = environ.get("HTTP_HOST")
        if settings.USE_X_FORWARDED_HOST or host is None:
            return False  # rare set-ups: let Django decide
        try:
            return self._hosts[host]
        except KeyError:
            pass
        allowed = list(settings.ALLOWED_HOSTS)
        if settings.DEBUG and not allowed:
            allowed = [".localhost", "127.0.0.1", "[::1]"]
        domain, _ = split_domain_port(host)
        valid = bool(domain) and validate_host(domain, allowed)
        if len(self._hosts) >= MEMO_SIZE:
            self._hosts.clear()
        self._hosts[host] = valid
        return valid


def _response(environ, entry):
    content, headers, etag, last_modified = entry
    if _not_modified(environ, etag, last_modified):
        kept = [(n, v) for n, v in headers if n.lower() in _NOT_MODIFIED_HEADERS]
        return "304 Not Modified", [*kept, ("X-Page-Cache", "hit")], b""
    headers = [*headers, ("X-Page-Cache", "hit")]
    if environ["REQUEST_METHOD"] == "HEAD":
        content = b""
    return "200 OK", headers, content


def _is_secure(environ):
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def _not_modified(environ, etag, last_modified):
    """Django's conditional GET for a page that exists: If-None-Match wins;
    If-Modified-Since counts only without it."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or _weak(etag) in {_weak(tag) for tag in tags}
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and last_modified <= since


def _weak(tag):
    return tag.removeprefix("W/")
