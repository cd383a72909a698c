"""Who may do what to an article and its analysis box: the one place where the
newsroom's editorial permissions are decided.

The admin (every URL and action), the preview and the model state changes all
ask these functions, so hiding a button is never the only protection.

- Editors (anyone with `articles.publish_article`, superusers included) may do
  everything in the workflow.
- Journalists may create articles and edit their own (created by them, or
  bylined to their author profile) until they are published, and submit them
  for review. They never publish, approve, delete or touch another
  journalist's work.
- Analysis boxes follow their article; approving one needs
  `editorial.approve_analysisbox`.
"""

from django.db.models import Q

PUBLISH_PERMISSION = "articles.publish_article"
APPROVE_BOX_PERMISSION = "editorial.approve_analysisbox"


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_editor(user):
    return is_staff(user) and user.has_perm(PUBLISH_PERMISSION)


def is_owner(user, article):
    """A journalist's own article: they created it or they are in its byline."""
    if not is_staff(user) or article is None or article.pk is None:
        return False
    if article.created_by_id == user.pk:
        return True
    return article.authors.filter(user=user).exists()


def can_add_article(user):
    return is_staff(user) and user.has_perm("articles.add_article")


def can_view_article(user, article=None):
    """Journalists see the list and published articles, but another
    journalist's unpublished draft is theirs alone (and the editors')."""
    if not is_staff(user) or not user.has_perm("articles.view_article"):
        return False
    if article is None or is_editor(user):
        return True
    return article.status == article.Status.PUBLISHED or is_owner(user, article)


def visible_articles(user, queryset):
    """The rows of `queryset` that `user` may see in the admin's lists and
    autocompletes: the same rule as `can_view_article`."""
    if is_editor(user):
        return queryset
    if not can_view_article(user):
        return queryset.none()
    from .models import Article, Byline  # the models import this module

    bylined = Byline.objects.filter(author__user=user).values("article_id")
    return queryset.filter(
        Q(status=Article.Status.PUBLISHED) | Q(created_by=user) | Q(pk__in=bylined)
    )


def can_edit_article(user, article=None):
    if not is_staff(user) or not user.has_perm("articles.change_article"):
        return False
    if article is None or is_editor(user):
        return True
    return article.status != article.Status.PUBLISHED and is_owner(user, article)


def can_delete_article(user, article=None):
    return is_editor(user) and user.has_perm("articles.delete_article")


def can_submit_article(user, article):
    return can_edit_article(user, article)


def can_publish_article(user, article=None):
    """Publish, schedule, unpublish and send back: the editors' decisions."""
    return is_editor(user)


def can_preview_article(user, article):
    return can_edit_article(user, article) or (
        is_editor(user) and can_view_article(user, article)
    )


def can_see_history(user, article):
    return can_view_article(user, article)


def can_revert_article(user, article):
    return can_edit_article(user, article)


def can_edit_box(user, box=None, article=None):
    """A box is edited with its article, by whoever may edit the article."""
    if box is not None:
        article = box.article
    permission = "editorial.change_analysisbox" if box else "editorial.add_analysisbox"
    if not is_staff(user) or not user.has_perm(permission):
        return False
    if article is None:
        return True
    return is_editor(user) or can_edit_article(user, article)


def can_submit_box(user, box):
    return can_edit_box(user, box)


def can_approve_box(user, box=None):
    return is_staff(user) and user.has_perm(APPROVE_BOX_PERMISSION)


def can_delete_box(user, box=None):
    return is_editor(user) and user.has_perm("editorial.delete_analysisbox")
