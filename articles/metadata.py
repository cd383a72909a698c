"""What machines read about an article: schema.org NewsArticle as JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import strip_tags

LOGO_PATH = "img/logo.png"
LOGO_SIZE = (600, 60)

# The same characters json_script escapes: inside <script> the text must
# never close the element or start a comment, whatever an author typed.
_SCRIPT_SAFE = (
    ("<", "\\u003C"),
    (">", "\\u003E"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def absolute_url(url):
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


def publisher():
    width, height = LOGO_SIZE
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


# news_article() works out what its caller does not give.
NOT_GIVEN = object()


def news_article(article, *, canonical_url=None, hero=NOT_GIVEN):
    """`article` comes with section, authors, tags and takeaways prefetched;
    the article page gives its address and picture, which it shows too."""
    canonical_url = canonical_url or article.get_canonical_url()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url},
        "url": canonical_url,
        "headline": article.headline,
        "description": article.dek,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "publisher": publisher(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "isAccessibleForFree": True,
    }
    takeaways = [takeaway.text for takeaway in article.takeaways.all()]
    if takeaways:
        data["abstract"] = " ".join(takeaways)
    if hero is NOT_GIVEN:
        hero = article.hero
    if hero:
        image = {"@type": "ImageObject", "url": absolute_url(hero.url)}
        if hero.width and hero.height:
            image |= {"width": hero.width, "height": hero.height}
        if hero.caption or hero.alt:
            image["caption"] = strip_tags(hero.caption or hero.alt)
        data["image"] = [image]
    return data


def to_script_json(data):
    """JSON that is safe as the text of a <script> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # str.replace() per character: str.translate() looked at every character
    # in Python and cost five times as much.
    for character, escaped in _SCRIPT_SAFE:
        text = text.replace(character, escaped)
    return text
