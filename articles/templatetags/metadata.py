from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime, template_localtime

from newsroom.html import escape

from .. import metadata

register = template.Library()


@register.filter
def absolute(url):
    return metadata.absolute_url(str(url))


@register.simple_tag
def article_jsonld(article, canonical_url=None, hero=metadata.NOT_GIVEN):
    """A JSON-LD data block. Browsers never run it (its type is not
    JavaScript), so the CSP's script-src does not apply to it."""
    data = metadata.news_article(article, canonical_url=canonical_url, hero=hero)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(metadata.to_script_json(data)),
    )


@register.simple_tag
def sitemap_index_entries(sitemaps):
    """The <sitemap> elements of Django's sitemap index, built here: it
    lists every page of every sitemap (a hundred at 100,000 articles), and
    the template engine's loop with the date filter's "c" format cost more
    than the rest of the view."""
    entries = []
    for site in sitemaps:
        lastmod = ""
        if site.last_mod:
            # The "c" format: ISO 8601 in the current time zone.
            lastmod = (
                f"<lastmod>{template_localtime(site.last_mod).isoformat()}</lastmod>"
            )
        entries.append(
            f"<sitemap><loc>{escape(site.location)}</loc>{lastmod}</sitemap>\n"
        )
    return mark_safe("".join(entries))


@register.filter
def iso(value):
    """ISO 8601 to the second: HTML's <time> refuses microseconds."""
    if not value:
        return ""
    return localtime(value).replace(microsecond=0).isoformat()
