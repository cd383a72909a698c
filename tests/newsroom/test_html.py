import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from newsroom.html import escape


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "<script>alert('x')</script> & \"quoted\"",
        '"><svg onload=alert(1)>',
        "jav&#x09;ascript:",
        42,
        mark_safe("<b>kept</b>"),
        mark_safe("a &amp; b"),
    ],
)
def test_escapes_exactly_as_django(value):
    assert escape(value) == conditional_escape(value)
