from functools import lru_cache
from urllib.parse import quote, quote_plus

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.html import escape

register = template.Library()


@register.simple_tag
def share_links(url, title):
    """Plain share links: no network's script runs on our pages, and each
    link says where it goes to a screen reader."""
    text = f"{title} {url}"
    # Quoted once each (what urlencode() would do for every link).
    q_url, q_title, q_text = (quote_plus(value) for value in (url, title, text))
    networks = [
        ("x", "X", f"https://x.com/intent/post?url={q_url}&text={q_title}"),
        (
            "facebook",
            "Facebook",
            f"https://www.facebook.com/sharer/sharer.php?u={q_url}",
        ),
        (
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?url={q_url}",
        ),
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={q_text}"),
        ("telegram", "Telegram", f"https://t.me/share/url?url={q_url}&text={q_title}"),
        (
            "email",
            _("Email"),
            f"mailto:?subject={quote(title, safe='')}&body={quote(text, safe='')}",
        ),
    ]
    return [
        {
            "network": network,
            "name": name,
            "href": href,
            "new_window": network != "email",
            "label": _("Share on %(network)s (opens in a new window)")
            % {"network": name}
            if network != "email"
            else _("Share by email"),
        }
        for network, name, href in networks
    ]


@register.simple_tag
def share_list_items(url, title):
    """The <li> of each share link. Built here rather than in a template
    loop, which cost a twentieth of the article page, and kept: the markup
    is made of the address, the title and the language's labels alone, so
    it is written once for each, never stale (50 µs of an uncached page)."""
    return _share_list_items(str(url), str(title), get_language())


# Bounded: articles read often stay, the long tail is written afresh.
SHARE_ITEMS_KEPT = 1024


@lru_cache(maxsize=SHARE_ITEMS_KEPT)
def _share_list_items(url, title, language):
    items = []
    for link in share_links(url, title):
        target = ' target="_blank"' if link["new_window"] else ""
        items.append(
            f'\n    <li><a class="share-link share-{link["network"]}"'
            f' href="{escape(link["href"])}"{target} rel="noopener noreferrer"'
            f' aria-label="{escape(link["label"])}">{escape(link["name"])}</a></li>'
        )
    return mark_safe("".join(items))


@receiver(setting_changed)
def _forget_share_items(setting, **kwargs):
    # The labels' translations come from the catalogues these settings name.
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _share_list_items.cache_clear()
