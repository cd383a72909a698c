from django.conf import settings
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.static import serve


def serve_media(request, path):
    """Uploaded files from local storage, also with DEBUG off.

    Django's static `serve` refuses paths outside MEDIA_ROOT and guesses the
    type from the name; `nosniff` stops a browser from second-guessing it.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links to.
    return redirect(static("favicon.svg"), permanent=True)
