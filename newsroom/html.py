"""Escaping for markup that template tags build in Python."""

import html


def escape(value):
    """django.utils.html.conditional_escape() without its lazy-string
    wrappers, which cost more than the escaping itself when a listing's tags
    escape several hundred values per page: already safe HTML is kept, any
    other value is escaped the same way (& < > " ')."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
