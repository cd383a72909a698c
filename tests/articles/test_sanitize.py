import pytest

from articles.sanitize import sanitize_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            "<p>Plain <strong>bold</strong> <em>it</em></p>",
            "<p>Plain <strong>bold</strong> <em>it</em></p>",
        ),
        ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
        ('<p onclick="x()">x</p>', "<p>x</p>"),
        ('<img src="a.jpg" onerror="x()" alt="A">', '<img src="a.jpg" alt="A">'),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="https://example.org" target="_blank">x</a>',
            '<a href="https://example.org" target="_blank"'
            ' rel="noopener noreferrer">x</a>',
        ),
        ('<p style="color:red">x</p><!-- note -->', "<p>x</p>"),
        ("<h1>Big</h1><h2>Sub</h2>", "Big<h2>Sub</h2>"),
        ("<p>unclosed <em>tag", "<p>unclosed <em>tag</em></p>"),
        ("<p></p>", ""),
        ("", ""),
    ],
)
def test_cuts_html_down_to_the_allowlist(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_is_idempotent():
    once = sanitize_html('<p>a<a href="https://x.org" target="_blank">b</a></p>')
    assert sanitize_html(once) == once
