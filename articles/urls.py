from django.urls import path, re_path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    # One address per month. Years from 1000: the first centuries' month
    # boundaries fall outside what datetimes can hold in some time zones.
    re_path(
        r"^archive/(?P<year>[1-9][0-9]{3})/(?P<month>[0-9]{2})/$",
        views.ArchiveMonthView.as_view(),
        name="archive-month",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/rss/", feeds.ArticleFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.SiteAtomFeed(), name="feed-atom"),
    path(
        "articles/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path(
        "preview/articles/<int:pk>/",
        views.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section-rss"),
    path("sections/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section-atom"),
    path("topics/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("topics/<slug:slug>/rss/", feeds.TagFeed(), name="tag-rss"),
    path("topics/<slug:slug>/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("authors/<slug:slug>/rss/", feeds.AuthorFeed(), name="author-rss"),
    path("authors/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author-atom"),
]
