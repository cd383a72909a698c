from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.static import serve


def serve_media(request, path):
    """Uploaded files from local storage, also with DEBUG off.

    Django's static `serve` refuses paths outside MEDIA_ROOT and guesses the
    type from the name; `nosniff` stops a browser from second-guessing it.
    """
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name too long for the file system, a NUL byte...: no such file.
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    # Pictures may be shown by feed readers and other sites.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
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
