from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def share_links(url, title):
    """Plain share links: no network's script runs on our pages, and each
    link says where it goes to a screen reader."""
    text = f"{title} {url}"
    networks = [
        (
            "x",
            "X",
            "https://x.com/intent/post?" + urlencode({"url": url, "text": title}),
        ),
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        (
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?"
            + urlencode({"url": url}),
        ),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        (
            "telegram",
            "Telegram",
            "https://t.me/share/url?" + urlencode({"url": url, "text": title}),
        ),
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
