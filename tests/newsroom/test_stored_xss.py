"""Stored XSS: a journalist's markup in any plain-text field is shown as text,
escaped, on every admin and public page that shows it.

To cover a new page, add its URL to `admin_urls` or `public_urls`.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    KeyTakeawayFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '"><svg onload=alert(1)>'
ESCAPED = "&quot;&gt;&lt;svg onload=alert(1)&gt;"
RAW = re.compile(r"<svg\s+onload", re.IGNORECASE)


def tagged(label):
    return f"{label} {PAYLOAD}"


@pytest.fixture
def hostile(editor):
    author = AuthorFactory(name=tagged("author"), slug="author-x", bio=tagged("bio"))
    article = ArticleFactory(
        headline=tagged("headline"),
        slug="hostile",
        dek=tagged("dek"),
        body=f"<p>body {PAYLOAD}</p>",
        section=SectionFactory(name=tagged("section"), slug="section-x"),
        hero_image=ImageFactory(
            title=tagged("image title"),
            alt_text=tagged("image alt"),
            caption=tagged("image caption"),
            credit=tagged("credit"),
            copyright=tagged("copyright"),
        ),
        hero_image_alt=tagged("alt"),
        hero_image_caption=tagged("caption"),
        tags=[tagged("tag")],
        authors=[author],
    )
    KeyTakeawayFactory(article=article, text=tagged("takeaway"))
    box = AnalysisBoxFactory(
        article=article,
        kicker=tagged("kicker")[:60],
        heading=tagged("heading"),
        body=f"<p>analysis {PAYLOAD}</p>",
        attribution=tagged("attribution"),
        label=tagged("label")[:60],
        approved=True,
    )
    LogEntry.objects.log_actions(
        editor.pk, [article], CHANGE, change_message=tagged("change message")
    )
    return {"article": article, "box": box, "author": author}


def admin_urls(objects):
    article, box, author = objects["article"], objects["box"], objects["author"]
    tag = Tag.objects.get()
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?q=svg",
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_delete", args=[article.pk]),
        reverse("articles:article-preview", args=[article.pk]),
        reverse("admin:images_image_changelist"),
        reverse("admin:images_image_change", args=[article.hero_image_id]),
        reverse("admin:images_image_usage", args=[article.hero_image_id]),
        reverse("admin:editorial_analysisbox_changelist"),
        reverse("admin:editorial_analysisbox_change", args=[box.pk]),
        reverse("admin:articles_author_changelist"),
        reverse("admin:articles_author_change", args=[author.pk]),
        reverse("admin:articles_section_changelist"),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        reverse("admin:autocomplete") + "?app_label=articles&model_name=relatedlink"
        "&field_name=to_article&term=headline",
    ]


def month_page(article):
    local = timezone.localtime(article.published_at)
    return reverse("articles:archive-month", args=[f"{local:%Y}", f"{local:%m}"])


def public_urls(objects):
    article = objects["article"]
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=[Tag.objects.get().slug]),
        objects["author"].get_absolute_url(),
        reverse("articles:archive"),
        month_page(article),
    ]


class _Scripts(HTMLParser):
    """Collects what a browser would run: event handlers and script URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name} on <{tag}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: in {name}")


def assert_escaped(response, url):
    assert response.status_code == 200, url
    content = response.content.decode()
    if response["Content-Type"] == "application/json":
        # Data, not a page: the admin's autocomplete shows it as text, and no
        # browser may sniff it into HTML.
        assert response["X-Content-Type-Options"] == "nosniff"
        return
    assert not RAW.search(content), url
    if response["Content-Type"].startswith("text/html"):
        parser = _Scripts()
        parser.feed(content)
        assert parser.found == [], url
        assert ESCAPED in content, f"{url} does not show the payload at all"


def test_admin_pages_escape_journalist_text(editor_client, hostile):
    for url in admin_urls(hostile):
        assert_escaped(editor_client.get(url), url)


def test_journalist_sees_the_same_pages_escaped(journalist_client, hostile):
    # Recent actions on the index are the editor's, not the journalist's.
    for url in admin_urls(hostile)[1:5]:
        assert_escaped(journalist_client.get(url), url)


def test_public_pages_escape_journalist_text(client, hostile):
    for url in public_urls(hostile):
        assert_escaped(client.get(url), url)


def test_admin_messages_escape_the_headline(editor_client, hostile):
    # Publishing an already published article is refused with its headline.
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "publish_selected",
            "_selected_action": [hostile["article"].pk],
        },
        follow=True,
    )
    content = response.content.decode()
    assert "already published" in content
    assert_escaped(response, "publish message")


class _FormDefaults(HTMLParser):
    """The values a browser would submit for an admin form as rendered."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "file"}:
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(client, url):
    parser = _FormDefaults()
    parser.feed(client.get(url).content.decode())
    return parser.data


def test_a_hostile_slug_is_refused_and_shown_escaped(journalist_client, hostile):
    url = reverse("admin:articles_article_add")
    data = form_data(journalist_client, url)
    data.update(
        headline=tagged("new"),
        slug=PAYLOAD,
        dek=tagged("dek"),
        body="<p>x</p>",
        section=str(hostile["article"].section.pk),
        tags=tagged("tag two"),
    )
    response = journalist_client.post(url, data)
    assert response.status_code == 200  # the form comes back with an error
    assert "slug" in response.context["adminform"].form.errors
    assert_escaped(response, "add form with errors")
    assert not Article.objects.filter(headline=tagged("new")).exists()


def test_change_and_its_success_message_escape_the_headline(editor_client, hostile):
    # The hostile article is live, and only editors may change a live article.
    article = hostile["article"]
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(editor_client, url)
    data["headline"] = tagged("changed")
    response = editor_client.post(url, data, follow=True)
    article.refresh_from_db()
    assert article.headline == tagged("changed")
    assert "was changed successfully" in response.content.decode()
    assert_escaped(response, "changelist after change")
    history = reverse("admin:articles_article_history", args=[article.pk])
    assert_escaped(editor_client.get(history), history)


def test_review_queue_diff_escapes_both_versions(editor_client, hostile):
    box = hostile["box"]
    box.heading = tagged("new heading")
    box.save()
    response = editor_client.get(reverse("admin:editorial_review_queue"))
    # The plain-text heading is diffed as typed, payload included, escaped.
    assert "<ins>new</ins>" in response.content.decode()
    assert_escaped(response, "review queue with a pending box edit")
