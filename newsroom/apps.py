from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin with Newsroom's login (second factor, lock-out)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
