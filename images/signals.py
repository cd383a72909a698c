from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import Image


@receiver(post_save, sender=Image)
def forget_stale_files(instance, **kwargs):
    services.delete_files_on_commit(instance.stale_file_names, instance.file.storage)
    instance._remember_saved_state()


@receiver(post_delete, sender=Image)
def delete_files_with_image(instance, **kwargs):
    services.delete_image_files_on_commit(instance)
