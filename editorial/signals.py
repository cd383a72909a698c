from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles import services

from .models import AnalysisBox


@receiver([post_save, post_delete], sender=AnalysisBox)
def refresh_analysis_box_page(sender, instance, raw=False, **kwargs):
    # Approving, revoking or editing a box changes only its article's page.
    if not raw:
        services.refresh_article_page(instance.article)
