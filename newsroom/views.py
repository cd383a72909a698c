import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.static import serve

from articles.context_processors import NAV_SECTIONS_CACHE_KEY

logger = logging.getLogger(__name__)

FALLBACK_500 = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Server error</title></head><body><main><h1>Server error</h1>"
    "<p><a href='/'>Go to the front page</a></p></main></body></html>"
)


def serve_media(request, path):
    """Uploaded files from local storage, also with DEBUG off.

    Django's static `serve` refuses paths outside MEDIA_ROOT and guesses the
    type from the name; `nosniff` stops a browser from second-guessing it.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _cached_nav_sections():
    # The database may be what failed, and a broken cache must not turn the
    # error page into a second error: the menu is shown only if cached.
    try:
        return cache.get(NAV_SECTIONS_CACHE_KEY) or []
    except Exception:
        logger.warning("Cache unavailable while rendering the error page")
        return []


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
    }
    try:
        body = loader.get_template("500.html").render(context)
    except Exception:
        logger.exception("The 500 template failed to render")
        body = FALLBACK_500
    return HttpResponseServerError(body)
