"""Reads a WordPress export (WXR) into interchange records.

The file is parsed with defusedxml: no DTD, no entity expansion, no external
references, so an export cannot make the parser fetch or balloon anything.
Attachment files are never downloaded: they are looked up under a local copy
of `wp-content/uploads` (--media-dir).
"""

import html
import re
from collections import Counter
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.utils.text import Truncator, slugify

from articles.sanitize import sanitize_html

from .records import Record

_WP = re.compile(r"^\{http://wordpress\.org/export/\d+\.\d+/\}(.+)$")
_EXCERPT = re.compile(r"^\{http://wordpress\.org/export/\d+\.\d+/excerpt/\}encoded$")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

# WordPress post status → Newsroom status; other statuses (trash, auto-draft,
# inherit) are not articles to import.
STATUSES = {
    "publish": "published",
    "future": "published",  # a future time makes it scheduled
    "draft": "draft",
    "pending": "in_review",
    "private": "draft",  # readers could not see it on WordPress either
}
WP_NO_DATE = "0000-00-00 00:00:00"
# Kept as they are when a post is imported again: WordPress has no such thing.
NOT_IN_WORDPRESS = frozenset({"takeaways", "analysis", "related"})

_SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?\]")
_BLOCK_START = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|li|blockquote|figure|div|table|pre|hr)\b", re.IGNORECASE
)
_TAGS = re.compile(r"<[^>]+>")
# One string entry of the PHP-serialised `_wp_attachment_metadata`, where
# WordPress keeps the IPTC/EXIF fields it read from the upload ("image_meta").
_PHP_STRING_ENTRY = r's:\d+:"{key}";s:\d+:"(.*?)";'
# A credit line closing a caption, after a sentence or a separator:
# "Waves over the wall. Photo: Ana Ruiz", "Waves (Photo by Ana Ruiz)".
_CAPTION_CREDIT = re.compile(
    r"(?:(?<=[.!?])\s+|\s*[(|–—]\s*)(?P<credit>(?:photo|photograph|picture|image|"
    r"credit|foto)s?\s*(?::|by\b)\s*[^()|]+?)\)?\s*$",
    re.IGNORECASE,
)


class WordPressFileError(Exception):
    """The export cannot be read at all."""


def _wp(element, name):
    for child in element:
        match = _WP.match(child.tag)
        if match and match.group(1) == name:
            return child
    return None


def _wp_text(element, name):
    child = _wp(element, name)
    return (child.text or "").strip() if child is not None else ""


def _wp_all(element, name):
    return [c for c in element if (m := _WP.match(c.tag)) and m.group(1) == name]


def _excerpt(item):
    for child in item:
        if _EXCERPT.match(child.tag):
            return child.text or ""
    return ""


def _postmeta(item):
    meta = {}
    for entry in _wp_all(item, "postmeta"):
        meta[_wp_text(entry, "meta_key")] = _wp_text(entry, "meta_value")
    return meta


def php_meta_text(serialised, key):
    """A string field of WordPress's serialised attachment metadata, read
    without unserialising PHP (which is never safe to do on a foreign file)."""
    match = re.search(_PHP_STRING_ENTRY.format(key=re.escape(key)), serialised)
    return plain_text(match.group(1)) if match else ""


def split_credit(caption):
    """(caption, credit) for a caption that ends in a credit line such as
    "Photo: Ana Ruiz"; the caption unchanged and "" otherwise."""
    # A credit line is short: only the end is searched, which keeps a long
    # excerpt from costing quadratic time.
    start = max(len(caption) - 300, 0)
    match = _CAPTION_CREDIT.search(caption, start)
    if not match:
        return caption, ""
    return caption[: match.start()].strip(), match.group("credit").strip()


def plain_text(markup):
    return " ".join(html.unescape(_TAGS.sub(" ", markup or "")).split())


def paragraphs(content):
    """Classic-editor posts keep paragraphs as blank lines (WordPress adds the
    <p> tags when it displays them); block-editor posts already have them."""
    content = _SHORTCODE.sub("", content or "").replace("\r\n", "\n").strip()
    if not content or "<p" in content.lower():
        return content
    blocks = []
    for block in re.split(r"\n\s*\n", content):
        block = block.strip()
        if not block:
            continue
        if _BLOCK_START.match(block):
            blocks.append(block)
        else:
            blocks.append("<p>" + block.replace("\n", "<br>") + "</p>")
    return "\n".join(blocks)


def _gmt(value):
    if not value or value == WP_NO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _rfc822(value):
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed and parsed.tzinfo and parsed.year > 1970 else None


def post_time(item, status):
    when = _gmt(_wp_text(item, "post_date_gmt"))
    if when is None and status in {"publish", "future"}:
        when = _rfc822((item.findtext("pubDate") or "").strip())
    return when.astimezone(UTC).isoformat() if when else None


def _unique(names):
    return list(dict.fromkeys(n for n in names if n))


class WordPressExport:
    def __init__(self, path, *, media_dir=None, with_images=True, default_section):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.with_images = with_images
        self.default_section = default_section
        self.ignored = 0
        channel = self._channel()
        self.authors = {
            _wp_text(a, "author_login"): html.unescape(
                _wp_text(a, "author_display_name") or _wp_text(a, "author_login")
            )
            for a in _wp_all(channel, "author")
        }
        self.items = channel.findall("item")
        self.attachments = {
            _wp_text(item, "post_id"): item
            for item in self.items
            if _wp_text(item, "post_type") == "attachment"
        }

    def _channel(self):
        try:
            tree = SafeElementTree.parse(self.path, forbid_dtd=True)
        except DefusedXmlException as error:
            raise WordPressFileError(
                f"{self.path.name} declares a DTD, entities or external references, "
                f"which a WordPress export never needs; refused ({error})."
            ) from error
        except SafeElementTree.ParseError as error:
            line, column = error.position
            raise WordPressFileError(
                f"{self.path.name} is not well-formed XML: line {line}, "
                f"column {column + 1}."
            ) from error
        except OSError as error:
            raise WordPressFileError(f"Cannot read {self.path}: {error}") from error
        channel = tree.getroot().find("channel")
        if tree.getroot().tag != "rss" or channel is None:
            raise WordPressFileError(
                f"{self.path.name} is not a WordPress export (no <rss><channel>)."
            )
        return channel

    def records(self):
        records = []
        for item in self.items:
            post_type = _wp_text(item, "post_type")
            status = _wp_text(item, "status")
            if post_type == "attachment":
                continue
            if post_type != "post" or status not in STATUSES:
                self.ignored += 1
                continue
            records.append(self.record(item, status, position=len(records) + 1))
        self._separate_made_up_slugs(records)
        return records

    @staticmethod
    def _separate_made_up_slugs(records):
        """Drafts without a slug take one from their title, and two drafts may
        share a title: those get their post id appended. Slugs WordPress gave
        are unique already and stay as they are."""
        counts = Counter(r.data["slug"] for r in records)
        for record in records:
            if record.slug_from_title and counts[record.data["slug"]] > 1:
                record.data["slug"] = f"{record.data['slug'][:180]}-{record.source[1]}"

    def record(self, item, wp_status, position):
        post_id = _wp_text(item, "post_id")
        title = plain_text(item.findtext("title") or "")
        body = paragraphs(item.findtext(CONTENT) or "")
        categories = [
            (c.get("domain"), html.unescape((c.text or "").strip()))
            for c in item.findall("category")
        ]
        sections = _unique(name for domain, name in categories if domain == "category")
        tags = _unique(name for domain, name in categories if domain == "post_tag")
        record = Record(
            position=position,
            data={},
            image_root=self.media_dir or Path("."),
            source=("wordpress", post_id),
            source_label=f"WordPress post {post_id}",
            keep_existing=NOT_IN_WORDPRESS,
        )
        record.slug_from_title = not _wp_text(item, "post_name")
        record.data = {
            "slug": self.slug(item, title, post_id),
            "headline": title,
            "dek": self.dek(item, body, title),
            "body_html": body,
            # The first category is the section; any others are kept as tags.
            "section": sections[0] if sections else self.default_section,
            "tags": _unique([*tags, *sections[1:]]),
            "authors": self.post_authors(item, categories),
            "status": STATUSES[wp_status],
            "published_at": post_time(item, wp_status),
            "hero_image": self.hero(item, record),
            "takeaways": [],
            "analysis": None,
            "related": [],
        }
        return record

    @staticmethod
    def slug(item, title, post_id):
        # WordPress stores non-ASCII slugs percent-encoded.
        name = slugify(unquote(_wp_text(item, "post_name")))
        return (name or slugify(title) or f"post-{post_id}")[:200]

    @staticmethod
    def dek(item, body, title):
        text = plain_text(sanitize_html(_excerpt(item)))
        if not text:
            # Cleaned first, so that no script text becomes the dek.
            body = sanitize_html(body)
            first = re.search(r"<p\b[^>]*>(.*?)</p>", body, re.IGNORECASE | re.DOTALL)
            text = plain_text(first.group(1) if first else body)
        return Truncator(text or title).chars(400)

    def post_authors(self, item, categories):
        # Co-Authors Plus exports its byline as "author" terms named by login.
        coauthors = [name for domain, name in categories if domain == "author"]
        logins = coauthors or [(item.findtext(DC_CREATOR) or "").strip()]
        return _unique(self.authors.get(login, login) for login in logins)

    def hero(self, item, record):
        thumbnail_id = _postmeta(item).get("_thumbnail_id")
        if not thumbnail_id or not self.with_images:
            return None
        attachment = self.attachments.get(thumbnail_id)
        if attachment is None:
            record.add(
                "hero_image",
                f"the featured image (attachment {thumbnail_id}) is not in the export",
            )
            return None
        meta = _postmeta(attachment)
        url = _wp_text(attachment, "attachment_url")
        candidates = _unique(self.file_candidates(meta, url))
        if not candidates:
            record.add("hero_image.file", f"attachment {thumbnail_id} names no file")
            return None
        if self.media_dir is None:
            record.add(
                "hero_image.file",
                f"the featured image {candidates[0]} needs --media-dir (a copy of "
                "wp-content/uploads), or pass --without-images",
            )
            return None
        found = [c for c in candidates if (self.media_dir / c).is_file()]
        title = plain_text(attachment.findtext("title") or "")
        caption, credit = split_credit(plain_text(_excerpt(attachment)))
        image_meta = meta.get("_wp_attachment_metadata", "")
        return {
            "file": (found or candidates)[0],
            # WordPress leaves alt text optional; the attachment title is the
            # closest thing it has, and Newsroom requires one.
            "alt": Truncator(
                plain_text(meta.get("_wp_attachment_image_alt", "")) or title
            ).chars(300),
            "caption": Truncator(caption).chars(300),
            # The caption's credit line, else what WordPress read from the
            # file's IPTC/EXIF; when empty, the importer reads the file's own
            # metadata, as an upload does.
            "credit": Truncator(credit or php_meta_text(image_meta, "credit")).chars(
                200
            ),
            "copyright": Truncator(php_meta_text(image_meta, "copyright")).chars(200),
        }

    @staticmethod
    def file_candidates(meta, url):
        if meta.get("_wp_attached_file"):
            yield meta["_wp_attached_file"]
        path = unquote(urlsplit(url).path)
        if "/wp-content/uploads/" in path:
            yield path.split("/wp-content/uploads/", 1)[1]
        if path:
            yield PurePosixPath(path).name
