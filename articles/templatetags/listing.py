from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """`?page=N` keeping the rest of the query string (e.g. a search)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
