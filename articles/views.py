from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

import pagecache

from .models import Article, Author, KeyTakeaway, Section


def site_wide(kwargs):
    return [pagecache.SITE]


class PaginatedListView(ListView):
    """A list whose `?page=` never errors: out-of-range or garbage numbers
    land on the nearest real page, as `Paginator.get_page()` does."""

    page_cache_dependencies = staticmethod(site_wide)

    paginate_by = settings.ARTICLES_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        # Listings reach back ARTICLES_LISTING_LIMIT articles: counting and
        # OFFSET then stay bounded however large the archive grows.
        paginator = Paginator(queryset[: settings.ARTICLES_LISTING_LIMIT], page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class HomeView(PaginatedListView):
    template_name = "articles/home.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    @staticmethod
    def page_cache_dependencies(kwargs):
        # Related articles, navigation and cards of other articles: "site".
        return [pagecache.SITE, pagecache.article_dependency(kwargs["slug"])]

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("section", "analysis_box")
            .prefetch_related(
                Prefetch("authors", queryset=Author.objects.order_by("byline")),
                "tags",
                Prefetch(
                    "takeaways", queryset=KeyTakeaway.objects.order_by("position", "pk")
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = Article.objects.related_to(
            self.object, limit=settings.RELATED_ARTICLES_LIMIT
        )
        return context


class SectionView(PaginatedListView):
    template_name = "articles/section.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )


class TagView(PaginatedListView):
    template_name = "articles/tag.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().tagged(self.tag).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PaginatedListView):
    template_name = "articles/author.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return Article.objects.published().filter(authors=self.author).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
