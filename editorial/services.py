"""Side effects of analysis box approval steps, after the commit."""

from django.utils.translation import gettext as _

from articles.services import admin_link, author_emails, editors_emails, send_later


def box_moved(entry):
    box = entry.box
    article = box.article
    status = box.Status
    context = {
        "headline": article.headline,
        "who": entry.by.get_username() if entry.by else _("someone"),
        "note": entry.note,
        "link": admin_link(article),
    }
    by_email = entry.by.email if entry.by else None
    if entry.to_status == status.SUBMITTED:
        send_later(
            _("Analysis box for review: %(headline)s") % context,
            _(
                "%(who)s submitted the analysis box of “%(headline)s” for "
                "approval.\n\n%(link)s\n"
            )
            % context,
            [email for email in editors_emails() if email != by_email],
        )
    elif entry.to_status == status.APPROVED:
        send_later(
            _("Analysis box approved: %(headline)s") % context,
            _(
                "%(who)s approved the analysis box of “%(headline)s”; readers "
                "now see it with the article.\n\n%(link)s\n"
            )
            % context,
            author_emails(article, exclude=entry.by),
        )
    elif entry.to_status == status.CHANGES_REQUESTED:
        send_later(
            _("Analysis box sent back: %(headline)s") % context,
            _(
                "%(who)s asked for changes to the analysis box of "
                "“%(headline)s”:\n\n%(note)s\n\n%(link)s\n"
            )
            % context,
            author_emails(article, exclude=entry.by),
        )
