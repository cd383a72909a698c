"""The editorial layer's contribution to the pre-publish checklist."""

from django.utils.translation import gettext as _

from articles.checklist import Problem, register


@register
def check_analysis_box(article):
    box = getattr(article, "analysis_box", None)
    if box is None or box.is_public:
        return []
    # Allowed: the article may go live while its box waits; readers see no box
    # until an editor approves it.
    return [
        Problem(
            _(
                "The analysis box is not approved (%(state)s): it stays hidden "
                "until an editor approves it."
            )
            % {"state": box.get_status_display()},
            blocking=False,
        )
    ]
