"""The pre-publish checklist.

Each check takes an article and returns `Problem`s. Blocking problems stop
`Article.publish()` (all of them are reported at once); the others are flags
the editor sees but may publish past. Apps that build on `articles` add their
own checks with `register()` (editorial adds the analysis box), so `articles`
never needs to know them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_checks = []


@dataclass(frozen=True)
class Problem:
    message: str
    blocking: bool = True

    def __str__(self):
        return self.message


def register(check):
    if check not in _checks:
        _checks.append(check)
    return check


def run(article):
    problems = []
    for check in _checks:
        problems.extend(check(article))
    return problems


@register
def check_hero_image(article):
    hero = article.hero
    if hero is None:
        return []
    problems = []
    # The per-article text or the library's: what readers would get.
    if not hero.alt.strip():
        problems.append(Problem(_("The hero image has no alt text.")))
    problems.extend(
        Problem(_("The hero image has no %(what)s.") % {"what": what})
        for what in hero.image.missing_rights()
    )
    return problems


@register
def check_takeaways(article):
    from .models import KeyTakeaway

    count = article.takeaways.count()
    if count == 0:
        return [Problem(_("The article has no key takeaways."))]
    if count > KeyTakeaway.MAX_PER_ARTICLE:
        return [
            Problem(
                ngettext(
                    "The article has %(count)d key takeaways; at most %(max)d "
                    "is allowed.",
                    "The article has %(count)d key takeaways; at most %(max)d "
                    "are allowed.",
                    KeyTakeaway.MAX_PER_ARTICLE,
                )
                % {"count": count, "max": KeyTakeaway.MAX_PER_ARTICLE}
            )
        ]
    return []


@register
def check_related_links(article):
    from .models import Article

    unpublished = (
        article.related_links.exclude(to_article__in=Article.objects.published())
        .select_related("to_article")
        .order_by("position", "pk")
    )
    return [
        Problem(
            _("The related link to “%(headline)s” points to an unpublished article.")
            % {"headline": link.to_article.headline}
        )
        for link in unpublished
    ]
