from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView
from taggit.models import Tag

import pagecache

from . import policy, prefetch, search
from .context_processors import nav_sections
from .models import Article, Author, Byline, Section, TaggedArticle, find_by_slug

# How many stories each section shows on the front page.
HOME_ARTICLES_PER_SECTION = 4
NEWS_SITEMAP_WINDOW = timedelta(hours=48)
# Google News reads at most 1,000 URLs from one news sitemap.
NEWS_SITEMAP_LIMIT = 1000


class PublicPageMixin:
    """A readers' page: rendered by the Jinja2 engine (newsroom/jinja2.py)."""

    template_engine = "jinja2"


def site_wide(kwargs):
    return [pagecache.SITE]


class ForgivingPaginationMixin(PublicPageMixin):
    """`?page=` never errors: out-of-range or garbage numbers land on the
    nearest real page, as `Paginator.get_page()` does."""

    page_cache_dependencies = staticmethod(site_wide)

    paginate_by = settings.ARTICLES_PER_PAGE

    def bound_queryset(self, queryset):
        return queryset

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(self.bound_queryset(queryset), page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class PaginatedListView(ForgivingPaginationMixin, ListView):
    """A listing whose get_queryset() gives an object list that reaches back
    ARTICLES_LISTING_LIMIT articles at most (compiled.Listing,
    LinkedListing): counting and OFFSET then stay bounded however large the
    archive grows."""


class HomeView(PublicPageMixin, TemplateView):
    """The lead story, then the newest stories of each section: a fixed
    number of queries whatever the number of articles."""

    template_name = "articles/home.html"
    page_cache_dependencies = staticmethod(site_wide)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The navigation's list: no query of its own once kept.
        lead, blocks = Article.objects.front_page(
            HOME_ARTICLES_PER_SECTION, nav_sections()
        )
        context["lead"] = lead
        context["section_blocks"] = blocks
        return context


class ArchiveView(PaginatedListView):
    """The newest published articles under a heading per day, and the months
    that have any: the way into the month pages, which reach every article."""

    template_name = "articles/archive.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_months=Article.objects.published().archive_months(), **kwargs
        )


class ArchiveMonthView(ForgivingPaginationMixin, MonthArchiveView):
    """One month of published articles, newest first. The date range bounds
    every query, so the oldest month costs what the newest does."""

    template_name = "articles/archive_month.html"
    context_object_name = "articles"
    date_field = "published_at"
    month_format = "%m"
    allow_future = False
    allow_empty = False
    ordering = ("-published_at", "-pk")

    def get_queryset(self):
        # Without select_related and prefetches: the view also asks this
        # queryset for the previous and next months, one row each.
        return Article.objects.published().order_by(*self.ordering)

    def bound_queryset(self, queryset):
        return queryset.for_listing()

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # No template lists the month's days, and Django's DISTINCT over the
        # whole month reads every article of it (20 ms at 8,000 a month);
        # an empty month is still a 404, through get_dated_queryset().
        return []


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search articles"),
        required=False,
        strip=True,
        max_length=search.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "Your search is too long. Use at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )


class SearchView(PaginatedListView):
    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.query = ""
        if self.form.is_valid():
            self.query = self.form.cleaned_data["q"]
        if not self.query:
            return Article.objects.none()
        return search.search_articles(self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, query=self.query, **kwargs)
        for article in context["articles"]:
            search.highlight_result(article, self.query)
        context["full_text"] = search.uses_full_text_search()
        paginator = context.get("paginator")
        # Only the newest SEARCH_CANDIDATES matches are ranked: say so rather
        # than pretend that is every match.
        context["more_not_shown"] = (
            paginator is not None and paginator.count >= search.SEARCH_CANDIDATES
        )
        return context


class ArticleDetailView(PublicPageMixin, DetailView):
    @staticmethod
    def page_cache_dependencies(kwargs):
        # Related articles, navigation and cards of other articles: "site".
        return [pagecache.SITE, pagecache.article_dependency(kwargs["slug"])]

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        page = Article.objects.published_page(
            self.kwargs["slug"], related_limit=settings.RELATED_ARTICLES_LIMIT
        )
        if page is None:
            raise Http404(_("No article found at this address."))
        self.related_articles = page.related
        return page.article

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            current_section=article.section,
            related_articles=self.related_articles,
            # Each shown in several places of the page, worked out once.
            canonical_url=article.get_canonical_url(),
            hero=article.hero,
            **kwargs,
        )


class ArticlePreviewView(AccessMixin, ArticleDetailView):
    """Any article, in any state, with its analysis box whether approved or
    not, exactly as the public page would render it: only for those who may
    edit it, never indexed, never stored by any cache."""

    page_cache_dependencies = None

    def dispatch(self, request, *args, **kwargs):
        if not policy.is_staff(request.user):
            return self.handle_no_permission()
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_object(self, queryset=None):
        article = get_object_or_404(Article.objects.for_page(), pk=self.kwargs["pk"])
        prefetch.load_page_relations(article)
        if not policy.can_preview_article(self.request.user, article):
            raise PermissionDenied
        self.related_articles = Article.objects.related_to(
            article, limit=settings.RELATED_ARTICLES_LIMIT
        )
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class SectionView(PaginatedListView):
    template_name = "articles/section.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.section = self.find_section(self.kwargs["slug"])
        return Article.objects.section_listing(self.section)

    @staticmethod
    def find_section(slug):
        # The navigation's list, kept in the process, spares a query; a
        # section missing from it (made since it was read) is looked up.
        for section in nav_sections():
            if section.slug == slug:
                return section
        return get_object_or_404(Section, slug=slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )


class LinkedListView(PaginatedListView):
    """A topic's or an author's page: get_queryset() gives a LinkedListing."""

    context_object_name = "articles"


class TagView(LinkedListView):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = find_by_slug(Tag, self.kwargs["slug"])
        if self.tag is None:
            raise Http404(_("No topic found at this address."))
        return Article.objects.linked_listing(TaggedArticle, "tag", self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(LinkedListView):
    template_name = "articles/author.html"

    def get_queryset(self):
        self.author = find_by_slug(Author, self.kwargs["slug"])
        if self.author is None:
            raise Http404(_("No author found at this address."))
        return Article.objects.linked_listing(Byline, "author", self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class NewsSitemapView(ListView):
    """Articles of the last 48 hours in the Google News sitemap format."""

    template_name = "articles/news_sitemap.xml"
    content_type = "application/xml; charset=utf-8"
    page_cache_dependencies = staticmethod(site_wide)
    context_object_name = "articles"

    def get_queryset(self):
        since = timezone.now() - NEWS_SITEMAP_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[:NEWS_SITEMAP_LIMIT]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            publication_language=settings.LANGUAGE_CODE.split("-")[0], **kwargs
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
    page_cache_dependencies = staticmethod(site_wide)
