"""Admin login: throttling by real client address, two-factor, safe redirects."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.client_ip import client_ip
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
LOGIN = reverse("admin:login")


def log_in(client, username, password=PASSWORD, token="", next_url=None, **extra):
    data = {"username": username, "password": password, "otp_token": token}
    url = LOGIN if next_url is None else f"{LOGIN}?next={next_url}"
    if next_url is not None:
        data["next"] = next_url
    return client.post(url, data, **extra)


def current_token(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


class TestClientAddress:
    def request(self, remote, forwarded=None):
        meta = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **meta)

    def test_without_proxies_the_header_is_ignored(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_ip(self.request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"

    def test_one_proxy_takes_the_address_it_appended(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        # The client wrote "1.2.3.4" itself; the proxy appended the real one.
        request = self.request("10.0.0.2", "1.2.3.4, 198.51.100.7")
        assert client_ip(request) == "198.51.100.7"

    def test_two_proxies(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        request = self.request("10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2")
        assert client_ip(request) == "198.51.100.7"

    @pytest.mark.parametrize("forwarded", [None, "", "not-an-ip", "  ,  "])
    def test_missing_or_garbage_header_falls_back_to_the_peer(
        self, settings, forwarded
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("10.0.0.2", forwarded)) == "10.0.0.2"


class TestThrottling:
    def fail(self, client, times, **extra):
        for _ in range(times):
            response = log_in(client, "jo", password="wrong-password", **extra)
        return response

    def test_locks_out_after_the_limit_with_a_clear_message(self, client, journalist):
        self.fail(client, 4)
        response = self.fail(client, 1)
        assert response.status_code == 429
        page = response.content.decode()
        assert "Too many failed logins" in page
        assert "Try again in 15 minutes" in page
        # The right password does not help while the lock lasts.
        assert log_in(client, "jo").status_code == 429

    def test_below_the_limit_the_right_password_works(self, client, journalist):
        self.fail(client, 4)
        assert log_in(client, "jo").status_code == 302

    def test_a_forged_forwarded_for_does_not_reset_the_count(
        self, client, journalist, settings
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        for attempt in range(5):
            response = log_in(
                client,
                "jo",
                password="wrong-password",
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 198.51.100.7",
            )
        assert response.status_code == 429

    def test_lock_is_per_client_address_behind_the_proxy(
        self, client, journalist, settings
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        self.fail(
            client, 5, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
        # The journalist, from the newsroom's own address, is not locked out.
        response = log_in(
            client, "jo", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5"
        )
        assert response.status_code == 302


class TestTwoFactor:
    @pytest.fixture
    def device(self, journalist):
        return TOTPDevice.objects.create(user=journalist, name="phone", confirmed=True)

    def test_password_alone_is_enough_without_a_device(self, client, journalist):
        response = log_in(client, "jo")
        assert response.status_code == 302
        assert client.get(reverse("admin:index")).status_code == 200

    def test_a_user_with_a_device_needs_its_code(self, client, device):
        response = log_in(client, "jo")
        assert response.status_code == 200
        assert "Enter the code from your authenticator app." in (
            response.content.decode()
        )
        response = log_in(client, "jo", token=current_token(device))
        assert response.status_code == 302
        assert client.get(reverse("admin:index")).status_code == 200

    def test_wrong_code_does_not_log_in(self, client, device):
        wrong = f"{(int(current_token(device)) + 1) % 1_000_000:06d}"
        response = log_in(client, "jo", token=wrong)
        assert "not valid" in response.content.decode()
        assert client.get(reverse("admin:index")).status_code == 302

    def test_editors_must_set_it_up_when_required(self, client, settings):
        settings.TWO_FACTOR_REQUIRED_GROUPS = ["Editor"]
        editor = factories.editor(username="ed")
        assert log_in(client, "ed").status_code == 302
        # A password-only session opens nothing but the set-up page.
        response = client.get(reverse("admin:articles_article_changelist"))
        assert response.status_code == 302
        login_page = client.get(response["Location"]).content.decode()
        assert reverse("admin:two-factor-setup") in login_page

        setup = client.get(reverse("admin:two-factor-setup"))
        assert setup.status_code == 200
        assert "<svg" in setup.content.decode()
        device = TOTPDevice.objects.get(user=editor, confirmed=False)
        response = client.post(
            reverse("admin:two-factor-setup"), {"otp_token": current_token(device)}
        )
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(reverse("admin:articles_article_changelist")).status_code == (
            200
        )

    def test_journalists_are_not_forced_when_editors_are(self, client, settings):
        settings.TWO_FACTOR_REQUIRED_GROUPS = ["Editor"]
        factories.journalist(username="jo")
        log_in(client, "jo")
        assert client.get(reverse("admin:index")).status_code == 200

    def test_set_up_page_refuses_a_wrong_code(self, journalist_client, journalist):
        response = journalist_client.post(
            reverse("admin:two-factor-setup"), {"otp_token": "12"}
        )
        assert response.status_code == 200
        assert not TOTPDevice.objects.filter(user=journalist, confirmed=True).exists()

    def test_set_up_page_needs_a_staff_login(self, client):
        response = client.get(reverse("admin:two-factor-setup"))
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


class TestRedirects:
    @pytest.mark.parametrize(
        "target",
        [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "https:evil.example",
            "javascript:alert(1)",
            "\\\\evil.example",
        ],
    )
    def test_login_never_sends_the_user_to_another_host(
        self, client, journalist, target
    ):
        response = log_in(client, "jo", next_url=target)
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")

    def test_login_follows_a_local_next(self, client, journalist):
        target = reverse("admin:articles_article_changelist")
        response = log_in(client, "jo", next_url=target)
        assert response["Location"] == target

    def test_logout_ignores_a_foreign_next(self, journalist_client):
        response = journalist_client.post(
            reverse("admin:logout") + "?next=https://evil.example/"
        )
        assert "evil.example" not in response.get("Location", "")


class TestPasswords:
    @pytest.mark.parametrize(
        "password", ["short-pw1", "123456789012345", "password1234", "jo-example.org"]
    )
    def test_weak_passwords_are_refused(self, journalist, password):
        with pytest.raises(ValidationError):
            validate_password(password, user=journalist)

    def test_a_long_passphrase_is_accepted(self, journalist):
        validate_password("quiet-harbour-lantern-47", user=journalist)
