"""The one HTML allowlist for everything journalists write as rich text.

The editor produces only these elements; anything else that reaches the server
(pasted markup, a hand-made POST, an import) is cut down to them. Nothing that
survives can run code: no script or style, no event handler attributes, no
comments, no `class`/`id` (which could clobber the page's own names), and URLs
only with the http, https or mailto scheme (or relative).
"""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "a",
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
# A link may open a new window, and only that way (no named frames).
ALLOWED_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_NUMERIC_ATTRIBUTES = {("img", "width"), ("img", "height"), ("ol", "start")}


def _filter_attribute(tag, attribute, value):
    if (tag, attribute) in _NUMERIC_ATTRIBUTES:
        value = value.strip()
        return value if value.isascii() and value.isdigit() and len(value) < 6 else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
    attribute_filter=_filter_attribute,
    url_schemes=ALLOWED_URL_SCHEMES,
    strip_comments=True,
    # nh3 puts rel on every link: noopener matters for the ones that open a new
    # window, noreferrer keeps our draft URLs out of other sites' logs.
    link_rel="noopener noreferrer",
)


def sanitize_html(html: str) -> str:
    """Return `html` cut down to the allowlist; an empty editor gives ""."""
    cleaned = _cleaner.clean(html or "").strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned
