from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from .. import metadata

register = template.Library()


@register.filter
def absolute(url):
    return metadata.absolute_url(str(url))


@register.simple_tag
def article_jsonld(article):
    """A JSON-LD data block. Browsers never run it (its type is not
    JavaScript), so the CSP's script-src does not apply to it."""
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(metadata.to_script_json(metadata.news_article(article))),
    )


@register.filter
def iso(value):
    """ISO 8601 to the second: HTML's <time> refuses microseconds."""
    if not value:
        return ""
    return localtime(value).replace(microsecond=0).isoformat()
