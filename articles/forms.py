from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class OptimisticLockForm(forms.ModelForm):
    """No lost updates: the form carries the `updated_at` the editor started
    from, and a save over someone else's newer change is refused. The bound
    form is shown again with everything that was typed, so nothing is lost.

    The row is locked (`select_for_update`) while checking, and the admin saves
    in the same transaction, so two saves cannot both pass the check.
    """

    lock_field = "lock_token"
    # Listed in the admin's fieldsets so that it is rendered (hidden).
    lock_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.initial[self.lock_field] = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        current = (
            type(self.instance)
            ._default_manager.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .select_related("updated_by")
            .first()
        )
        if current is None:
            return cleaned
        token = (self.data.get(self.add_prefix(self.lock_field)) or "").strip()
        if token != current.updated_at.isoformat():
            who = (
                current.updated_by.get_full_name() or current.updated_by.get_username()
                if current.updated_by
                else _("someone else")
            )
            raise ValidationError(
                _(
                    "%(who)s changed this %(what)s at %(when)s, after you opened "
                    "it. Your text is still in the form below: reload the page "
                    "in another tab to see their version, copy over what you "
                    "need, then save again."
                )
                % {
                    "who": who,
                    "what": self.instance._meta.verbose_name,
                    "when": timezone.localtime(current.updated_at).strftime(
                        "%Y-%m-%d %H:%M:%S"
                    ),
                },
                code="stale",
            )
        return cleaned


class ArticleAdminForm(OptimisticLockForm):
    """The admin supplies the model and fields from its fieldsets."""
