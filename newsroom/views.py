from django.conf import settings
from django.views.static import serve

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


def serve_media(request, path):
    """Uploaded files from local storage, also with DEBUG off.

    Django's static `serve` refuses paths outside MEDIA_ROOT. The type comes
    from the extension, limited to the image types above; `nosniff` stops a
    browser from second-guessing it, and a sandboxing CSP keeps anything
    opened directly from running script.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    content_type = SAFE_MEDIA_TYPES.get(extension)
    if content_type is None:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    else:
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if path.startswith(IMMUTABLE_PREFIX):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=86400"
    return response
