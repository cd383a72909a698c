"""The article page as Wagtail's documentation builds one: a Page with a
StreamField body, an image, tags through modelcluster, orderable inline
takeaways, authors as snippets, and related pages queried in get_context."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.snippets.models import register_snippet

RELATED_LIMIT = 5


class HomePage(Page):
    subpage_types = ["news.SectionPage"]
    template = "news/listing_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.live()
            .public()
            .select_related("hero_image")
            .order_by("-first_published_at")[:20]
        )
        return context


class SectionPage(Page):
    subpage_types = ["news.ArticlePage"]
    template = "news/listing_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .order_by("-first_published_at")[:20]
        )
        return context


@register_snippet
class Author(models.Model):
    name = models.CharField(max_length=120)
    bio = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("bio")]

    def __str__(self):
        return self.name


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(Page):
    dek = models.CharField(max_length=300)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock()),
            ("heading", blocks.CharBlock(form_classname="title")),
        ]
    )
    authors = ParentalManyToManyField("news.Author", blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    parent_page_types = ["news.SectionPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("dek"),
        FieldPanel("hero_image"),
        InlinePanel("takeaways", label="Key takeaways"),
        FieldPanel("body"),
        FieldPanel("authors"),
        FieldPanel("tags"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tags = self.tags.all()
        context["related_pages"] = (
            ArticlePage.objects.live()
            .public()
            .filter(tags__in=tags)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-first_published_at")[:RELATED_LIMIT]
        )
        return context


class ArticleTakeaway(Orderable):
    page = ParentalKey(ArticlePage, related_name="takeaways", on_delete=models.CASCADE)
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]
