from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

import pagecache
from articles.sitemaps import SITEMAPS
from articles.views import NewsSitemapView, RobotsView, site_wide

from .views import favicon, serve_media

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

# The readers' 404 page is a Jinja2 template, which Django's handler would
# look up with Django's engine.
handler404 = "newsroom.views.page_not_found"
# Renders the error page from the cache only: see newsroom.views.server_error.
handler500 = "newsroom.views.server_error"

# Sitemaps list every published article: fresh whenever any of them changes.
for _name in ("sitemap-index", "sitemap-section"):
    pagecache.register(_name, site_wide)

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "sitemap-section",
            # Django's, without {% spaceless %} and the date filter's cost per
            # sitemap page.
            "template_name": "articles/sitemap_index.xml",
        },
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", NewsSitemapView.as_view(), name="news-sitemap"),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve_media,
        )
    )
