from django import template
from django.utils.safestring import SafeString

from newsroom.html import escape

from ..links import ARTICLE, SECTION, addresses

register = template.Library()


@register.simple_tag
def section_nav_items(sections, current_section=None):
    """The menu's <li> for each section, the current one marked. Written
    here rather than in a template loop, which cost every page a tenth of a
    millisecond, most of it in looking up the URLconf once per link."""
    urls = addresses()
    # Falsy when a page has none (None, or undefined in Jinja2).
    current = current_section.pk if current_section else None
    return SafeString(
        "".join(
            f'<li><a href="{escape(urls.url(SECTION, section.slug))}"'
            f"{' aria-current="page"' if section.pk == current else ''}>"
            f"{escape(section.name)}</a></li>"
            for section in sections
        )
    )


@register.simple_tag
def related_list_items(articles):
    """The <li> of each related article, written as section_nav_items() is."""
    urls = addresses()
    return SafeString(
        "".join(
            f'\n    <li>\n      <a href="{escape(urls.url(ARTICLE, article.slug))}">'
            f"{escape(article.headline)}</a>\n"
            f'      <span class="related-section">{escape(article.section.name)}'
            "</span>\n    </li>"
            for article in articles
        )
    )
