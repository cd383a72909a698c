"""The rich-text allowlist: a corpus of known XSS tricks and a property test."""

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html
from tests.factories import AnalysisBoxFactory, ArticleFactory

URL_ATTRIBUTES = {"href", "src"}
SAFE_SCHEMES = {"http", "https", "mailto"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.comments = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)

    def unknown_decl(self, data):
        self.comments.append(data)


def url_scheme(value):
    # What a browser does: drop control characters and whitespace anywhere,
    # then read up to the first colon, if it comes before any / ? #.
    compact = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value)).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", compact)
    return match.group(1) if match else None


def executable_constructs(markup):
    """Everything in `markup` that could run code or escape the allowlist."""
    parser = _Collector()
    parser.feed(markup)
    parser.close()
    problems = [f"comment {c!r}" for c in parser.comments]
    for tag, attrs in parser.elements:
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}
        if tag == "a":
            allowed |= {"target"}
        for name, value in attrs:
            if name.startswith("on") or name == "style" or name not in allowed:
                problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    problems.append(f"{scheme}: URL in {name}")
    return problems


XSS_CORPUS = [
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<p onclick="alert(1)">click</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<script>alert(1)</script>",
    "<script src=//evil.example/x.js></script>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '"><svg onload=alert(1)>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<p>unclosed <strong>bold <em>nested <a href='https://ok.example'>link",
    "<img src=x onerror=alert(1) <p>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input onfocus=alert(1) autofocus value="x">',
    "<details open ontoggle=alert(1)>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<p id="csrf-token" class="x">clobber</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><img src=x onerror=alert(1)></template>",
    '<a href="https://ok.example" target="_top">frame</a>',
]


class TestCorpus:
    @pytest.mark.parametrize("payload", XSS_CORPUS)
    def test_nothing_executable_survives(self, payload):
        cleaned = sanitize_html(payload)
        assert executable_constructs(cleaned) == []

    @pytest.mark.parametrize("payload", XSS_CORPUS)
    def test_is_idempotent(self, payload):
        once = sanitize_html(payload)
        assert sanitize_html(once) == once

    def test_keeps_what_the_editor_produces(self):
        markup = (
            "<h2>Context</h2><h3>Why</h3><h4>How</h4><p>Plain, <strong>bold</strong>"
            " and <em>italic</em>.<br>Next line.</p><ul><li>one</li></ul>"
            '<ol start="3"><li>three</li></ol><blockquote><p>Quote</p></blockquote>'
            '<figure><img src="/media/x.jpg" alt="A map" width="640" height="360">'
            "<figcaption>The border.</figcaption></figure>"
        )
        assert sanitize_html(markup) == markup

    @pytest.mark.parametrize(
        "href", ["https://example.org/a?b=1", "http://example.org", "mailto:desk@x.org"]
    )
    def test_keeps_safe_links_with_rel(self, href):
        cleaned = sanitize_html(f'<a href="{href}" target="_blank">x</a>')
        assert f'href="{href.replace("&", "&amp;")}"' in cleaned
        assert 'rel="noopener noreferrer"' in cleaned
        assert 'target="_blank"' in cleaned

    @pytest.mark.parametrize(
        "markup",
        [
            "<h1>Big</h1>",
            "<h5>Small</h5>",
            "<b>b</b>",
            "<table><tr><td>t</td></tr></table>",
            "<span>s</span>",
        ],
    )
    def test_drops_tags_outside_the_allowlist_but_keeps_their_text(self, markup):
        cleaned = sanitize_html(markup)
        assert "<" not in cleaned.replace("<p>", "").replace("</p>", "")
        assert cleaned

    def test_image_sizes_are_numbers(self):
        cleaned = sanitize_html('<img src="/a.jpg" width="100%" height="1e9px">')
        assert cleaned == '<img src="/a.jpg">'

    def test_empty_editor_is_empty(self):
        assert sanitize_html("<p></p>") == ""
        assert sanitize_html("<p><br></p>") == ""
        assert sanitize_html(None) == ""


@pytest.mark.django_db
class TestAppliedOnSave:
    payload = '<p onclick="alert(1)">Hi<script>alert(2)</script></p>'

    def test_article_body(self):
        article = ArticleFactory(body=self.payload)
        article.refresh_from_db()
        assert article.body == "<p>Hi</p>"

    def test_analysis_box_body(self):
        box = AnalysisBoxFactory(body=self.payload)
        box.refresh_from_db()
        assert box.body == "<p>Hi</p>"


# Fragments that html parsers disagree about, glued together at random.
_pieces = st.sampled_from(
    [
        "<",
        ">",
        "/",
        '"',
        "'",
        "=",
        " ",
        "\t",
        "\n",
        "&",
        "#",
        ";",
        ":",
        "!",
        "-",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "</",
        "/>",
        "&#x09;",
        "&#106;",
        "&lt;",
        "script",
        "svg",
        "math",
        "style",
        "img",
        "a",
        "p",
        "li",
        "ul",
        "table",
        "template",
        "noscript",
        "textarea",
        "title",
        "iframe",
        "figure",
        "mglyph",
        "href",
        "src",
        "onerror",
        "onload",
        "style",
        "target",
        "xlink:href",
        "javascript",
        "java\x00script",
        "data",
        "vbscript",
        "http",
        "mailto",
        "alert(1)",
        "x",
        "_blank",
        "width",
        "100",
    ]
)
_markup = st.one_of(
    st.lists(_pieces, max_size=40).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markup)
def test_sanitised_output_never_executes_and_is_stable(markup):
    cleaned = sanitize_html(markup)
    assert executable_constructs(cleaned) == []
    assert sanitize_html(cleaned) == cleaned
