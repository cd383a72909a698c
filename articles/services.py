"""Side effects of article changes (notifications, page-cache refreshes), run
once the transaction commits so nothing acts on a change that was rolled back."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import pagecache

from . import policy
from .models import Article


def editors_emails():
    """Every active editor with an address: whoever holds the publishing
    permission directly, through a group, or as a superuser."""
    app_label, codename = policy.PUBLISH_PERMISSION.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    holders = Q(is_superuser=True)
    if permission is not None:
        holders |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    users = (
        get_user_model()
        .objects.filter(holders, is_active=True, is_staff=True)
        .exclude(email="")
        .distinct()
    )
    return sorted({user.email for user in users})


def author_emails(article, *, exclude=None):
    """The people who wrote the article: its creator and the staff users
    behind its byline."""
    users = [article.created_by] if article.created_by else []
    users += [a.user for a in article.authors.select_related("user") if a.user]
    return sorted(
        {
            user.email
            for user in users
            if user.email and user.is_active and user != exclude
        }
    )


def send_later(subject, body, recipients):
    """Queue one email for after the commit; nothing is sent on rollback."""
    if recipients:
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(recipients),
        )
        transaction.on_commit(partial(message.send))


def admin_link(article):
    return settings.SITE_URL + reverse(
        "admin:articles_article_change", args=[article.pk]
    )


def article_moved(entry):
    article = entry.article
    status = article.Status
    who = entry.by.get_username() if entry.by else _("someone")
    context = {
        "headline": article.headline,
        "who": who,
        "note": entry.note,
        "link": admin_link(article),
    }
    if entry.to_status == status.IN_REVIEW:
        send_later(
            _("For review: %(headline)s") % context,
            _("%(who)s submitted “%(headline)s” for review.\n\n%(link)s\n") % context,
            [email for email in editors_emails() if email != entry.by.email],
        )
    elif entry.to_status == status.PUBLISHED:
        body = _("%(who)s published “%(headline)s”.") % context
        if entry.note:
            body += f"\n{entry.note}"
        send_later(
            _("Published: %(headline)s") % context,
            f"{body}\n\n{article.get_canonical_url()}\n",
            author_emails(article, exclude=entry.by),
        )
    elif entry.from_status == status.IN_REVIEW and entry.to_status == status.DRAFT:
        send_later(
            _("Sent back: %(headline)s") % context,
            _("%(who)s sent “%(headline)s” back to you:\n\n%(note)s\n\n%(link)s\n")
            % context,
            author_emails(article, exclude=entry.by),
        )


def refresh_pages_for(article, *, was_public=False):
    """Make every page that shows `article` fresh on its next request.

    A published (or scheduled) article appears in listings, feeds, sitemaps
    and other articles' related lists, so the site-wide version moves too; a
    draft is on no public page, and editing it costs the cache nothing.
    """
    if article.status == Article.Status.PUBLISHED or was_public:
        pagecache.bump_on_commit(
            pagecache.SITE, pagecache.article_dependency(article.slug)
        )


def refresh_article_page(article):
    """Only the article's own page shows this part (takeaways, pinned links,
    the analysis box)."""
    if article.status == Article.Status.PUBLISHED:
        pagecache.bump_on_commit(pagecache.article_dependency(article.slug))


def refresh_site():
    """Sections, authors, tags: shown in navigation and on many pages."""
    pagecache.bump_on_commit(pagecache.SITE)


def next_publication():
    """When the next scheduled article goes live: pages must not outlive it."""
    return (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
