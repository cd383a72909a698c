"""The one HTML allowlist for everything journalists write as rich text.

The editor produces only these elements; anything else that reaches the server
(pasted markup, a hand-made POST, an import) is cut down to them.
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
    "b",
    "i",
    "a",
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    strip_comments=True,
    # nh3 adds rel to every link; noopener also covers links that open a new
    # window, and noreferrer keeps our draft URLs out of other sites' logs.
    link_rel="noopener noreferrer",
)


def sanitize_html(html: str) -> str:
    """Return `html` cut down to the allowlist; an empty editor gives ""."""
    cleaned = _cleaner.clean(html or "").strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned
