import logging

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponseNotFound, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.csrf import requires_csrf_token
from django.views.static import serve

from articles.context_processors import NAV_SECTIONS_CACHE_KEY, site_urls

logger = logging.getLogger(__name__)

FALLBACK_500 = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Server error</title></head><body><main><h1>Server error</h1>"
    "<p><a href='/'>Go to the front page</a></p></main></body></html>"
)

# The only types uploaded media is ever served as: pictures a browser cannot
# run. Anything else (an old upload, a file put there by hand) is a download.
SAFE_MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
}
# Rendition names change whenever their content would (new file, new focal
# point), so browsers and CDNs may keep them for good.
IMMUTABLE_PREFIX = "renditions/"
# An uploaded file opened on its own may load nothing, run nothing, be framed
# by no one: stricter than the site's policy, which the middleware leaves be.
MEDIA_CSP = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; sandbox"
)


def serve_media(request, path):
    """Uploaded files from local storage, also with DEBUG off.

    Django's static `serve` refuses paths outside MEDIA_ROOT. The type comes
    from the extension, limited to the image types above; `nosniff` stops a
    browser from second-guessing it, and a sandboxing CSP keeps anything
    opened directly from running script.
    """
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name too long for the file system, a NUL byte...: no such file.
        raise Http404 from error
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    content_type = SAFE_MEDIA_TYPES.get(extension)
    if content_type is None:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    else:
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    # Pictures may be shown by feed readers and other sites.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    if path.startswith(IMMUTABLE_PREFIX):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links to.
    return redirect(static("favicon.svg"), permanent=True)


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers a locked-out login with: a page that says so."""
    from django.contrib import admin

    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)


def _cached_nav_sections():
    # The database may be what failed, and a broken cache must not turn the
    # error page into a second error: the menu is shown only if cached.
    try:
        return cache.get(NAV_SECTIONS_CACHE_KEY) or []
    except Exception:
        logger.warning("Cache unavailable while rendering the error page")
        return []


@requires_csrf_token
def page_not_found(request, exception):
    return HttpResponseNotFound(
        loader.render_to_string("404.html", request=request, using="jinja2")
    )


@requires_csrf_token
def server_error(request):
    """The 500 page with the site's navigation, without touching the database.

    The template is rendered without the request, so no context processor
    (user, messages, the database-backed menu) runs.
    """
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "nav_sections": _cached_nav_sections(),
        "site_urls": site_urls(),
    }
    try:
        body = loader.get_template("500.html", using="jinja2").render(context)
    except Exception:
        logger.exception("The 500 template failed to render")
        body = FALLBACK_500
    return HttpResponseServerError(body)
