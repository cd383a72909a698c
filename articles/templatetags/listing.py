from django import template
from django.template.defaultfilters import date
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from images.templatetags.images import picture
from newsroom.html import escape

from .metadata import iso

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """`?page=N` keeping the rest of the query string (e.g. a search)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def article_card(article, heading_level=2, hide_section=False):
    """One story in a listing: picture, section, headline, dek, byline, date.

    Built here rather than in an included template: listings show up to forty
    cards and the template engine spent about 0.2 ms on each, most of every
    listing page's cost. `article` comes from `for_listing()`."""
    e = escape
    url = e(article.get_absolute_url())
    image = article.hero_image
    picture_link = ""
    if image:
        picture_link = (
            f'<a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">'
            + picture(
                image,
                sizes="(min-width: 72rem) 22rem, (min-width: 48rem) 45vw, 100vw",
                ratio="3:2",
                widths="480,800",
                alt="",
                loading="lazy",
            )
            + "</a>"
        )
    section_link = ""
    if not hide_section:
        section = article.section
        section_link = (
            f'<p class="card-section"><a href="{e(section.get_absolute_url())}">'
            f"{e(section.name)}</a></p>"
        )
    heading = "h3" if heading_level == 3 else "h2"
    byline = ", ".join(
        f'<a href="{e(author.get_absolute_url())}" rel="author">{e(author.name)}</a>'
        for author in article.authors.all()
    )
    if byline:
        byline += " · "
    published = template_localtime(article.published_at)
    return mark_safe(
        f'\n<article class="card{" card-with-image" if image else ""}">\n'
        f"  {picture_link}\n"
        f"  {section_link}\n"
        f'  <{heading} class="card-headline"><a href="{url}">'
        f"{e(article.headline)}</a></{heading}>\n"
        f'  <p class="card-dek">{e(article.dek)}</p>\n'
        f'  <p class="card-meta">{byline}<time datetime="{e(iso(published))}">'
        f"{e(date(published, 'DATE_FORMAT'))}</time></p>\n"
        "</article>\n"
    )
