"""Optional TOTP second factor for the admin, mandatory for some groups.

A staff user who set up an authenticator must give its code at every login. A
user in one of `TWO_FACTOR_REQUIRED_GROUPS` (the Editor group when
`REQUIRE_2FA_FOR_EDITORS` is on) may log in with a password only to set one up:
until then the admin treats them as not authorised.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def two_factor_required(user):
    if not user.is_authenticated:
        return False
    if user_has_device(user, confirmed=True):
        return True
    required_groups = settings.TWO_FACTOR_REQUIRED_GROUPS
    return bool(required_groups) and (
        user.groups.filter(name__in=required_groups).exists()
    )


def needs_enrolment(user):
    """A user who must use a second factor but has none yet."""
    return (
        user.is_authenticated
        and user.is_staff
        and two_factor_required(user)
        and not user_has_device(user, confirmed=True)
    )


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        super().__init__(
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "pattern": "[0-9]*",
                }
            ),
            **kwargs,
        )


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    otp_token = TokenField(
        label=_("Authenticator code"),
        required=False,
        help_text=_("Only if you set up two-factor login."),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _(
            "That authenticator code is not valid. Enter the current code."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None:
            self.check_second_factor(user)
        return cleaned_data

    def check_second_factor(self, user):
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            return
        token = (self.cleaned_data.get("otp_token") or "").strip()
        if not token:
            raise forms.ValidationError(
                self.error_messages["token_required"], code="token_required"
            )
        for device in devices:
            # TOTP devices throttle themselves: each failure doubles the wait.
            if device.verify_token(token):
                # django_otp marks the session verified when the login happens.
                user.otp_device = device
                return
        raise forms.ValidationError(
            self.error_messages["invalid_token"], code="invalid_token"
        )


class ConfirmDeviceForm(forms.Form):
    otp_token = TokenField(label=_("Code shown by the app"))

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip()
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not valid. Check the app and enter the current code.")
            )
        return token


def pending_device(user):
    """The one unconfirmed authenticator a user is setting up."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=str(_("Authenticator app")), confirmed=False
        )
    return device


def qr_code_svg(device):
    # Inline SVG markup: an image that needs no URL, script or style.
    return mark_safe(
        segno.make(device.config_url, error="m").svg_inline(
            scale=4, dark="#000", light="#fff", omitsize=False
        )
    )


def confirm_device(request, device):
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
