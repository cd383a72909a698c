from base64 import b32encode

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from .two_factor import (
    ConfirmDeviceForm,
    TwoFactorAuthenticationForm,
    confirm_device,
    needs_enrolment,
    pending_device,
    qr_code_svg,
    two_factor_required,
)


class NewsroomAdminSite(admin.AdminSite):
    login_form = TwoFactorAuthenticationForm
    login_template = "admin/newsroom_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        # A password alone is enough only for users without a second factor.
        return request.user.is_verified() or not two_factor_required(request.user)

    def get_urls(self):
        return [
            path(
                "two-factor/",
                never_cache(self.two_factor_setup_view),
                name="two-factor-setup",
            ),
            *super().get_urls(),
        ]

    def two_factor_setup_view(self, request):
        """Set up an authenticator app: scan, confirm with a code, done.

        Reachable with a password-only session, so that a user who must use
        two-factor login can set it up; nothing else is."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return self.to_login(request)
        if user_has_device(user, confirmed=True) and not user.is_verified():
            return self.to_login(request)
        device = pending_device(user)
        form = ConfirmDeviceForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            confirm_device(request, device)
            messages.success(request, _("Two-factor login is set up."))
            return redirect("admin:index")
        context = {
            **self.each_context(request),
            "title": _("Set up two-factor login"),
            "form": form,
            "qr_code": qr_code_svg(device),
            "secret": b32encode(device.bin_key).decode(),
            "has_device": user_has_device(user, confirmed=True),
            "needs_enrolment": needs_enrolment(user),
        }
        request.current_app = self.name
        return TemplateResponse(request, "admin/two_factor_setup.html", context)

    def to_login(self, request):
        return redirect_to_login(request.get_full_path(), "admin:login")

    def each_context(self, request):
        context = super().each_context(request)
        context["needs_two_factor_enrolment"] = needs_enrolment(request.user)
        return context
