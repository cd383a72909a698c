from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from .views import favicon, serve_media

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve_media,
        )
    )
